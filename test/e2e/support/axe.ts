import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

/** One axe-core violation, reduced to what a failing assertion should print. */
export interface A11yViolation {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

let axeSource: Promise<string> | undefined

function loadAxe(): Promise<string> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  return axeSource
}

/** The WCAG 2.x A and AA rules: colour contrast and every ARIA rule are among them. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/**
 * Runs axe-core in the page and returns its violations. The source is evaluated through the DevTools
 * protocol, which the page's CSP (script-src 'self') does not govern, so the app's CSP stays as shipped.
 */
export async function axeViolations(page: Page): Promise<A11yViolation[]> {
  const isLoaded = await page.evaluate(() => 'axe' in globalThis)
  if (!isLoaded) await page.evaluate(`${await loadAxe()}\n;true`)
  return page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run(options: unknown): Promise<AxeResults> } }).axe
    const results = await axe.run({ runOnly: { type: 'tag', values: tags } })
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }))
  }, wcagTags)
}

interface AxeResults {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>
}
