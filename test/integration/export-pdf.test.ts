import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { domainIds } from '../../shared/domain/types'
import { type ExportOptions, renderExport } from '../../shared/report/render'
import { evidenceText } from '../../shared/report/text'
import type { DetailLevel } from '../../shared/report/types'
import type { Snapshot } from '../../shared/snapshot/schema'
import {
  chromiumArgsFor,
  chromiumExecutable,
  createChromiumPdfPrinter,
} from '../../src-main/export/chromium-pdf'
import { exportSnapshot } from '../../src-main/export/write'
import { chromiumArgs } from '../e2e/support/harness'
import { buildFixtureSnapshots, FIXTURE_NOW } from '../fixtures/snapshots/build'

const run = promisify(execFile)
let current: Snapshot
let previous: Snapshot
let folder: string
let browser: Browser

beforeAll(async () => {
  ;({ current, previous } = buildFixtureSnapshots())
  folder = await mkdtemp(join(tmpdir(), 'ratchet-export-'))
  browser = await chromium.launch({
    executablePath: chromiumExecutable(process.env),
    args: chromiumArgsFor(process.env),
  })
})
afterAll(async () => {
  await browser?.close()
  await rm(folder, { recursive: true, force: true })
})

/** Prints a PDF and reads it back with pdftotext: one entry per page (pages end with a form feed). */
async function printAndRead(name: string, options: Partial<ExportOptions>): Promise<string[]> {
  const path = join(folder, `${name}.pdf`)
  await exportSnapshot(
    current,
    { format: 'pdf', scope: { kind: 'org' }, isRedacted: false, now: FIXTURE_NOW, previous, ...options },
    path,
    () => createChromiumPdfPrinter(process.env),
  )
  expect((await readFile(path)).subarray(0, 5).toString()).toBe('%PDF-')
  const { stdout: text } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'])
  const { stdout: info } = await run('pdfinfo', [path])
  const pages = text.split('\f').slice(0, -1)
  expect(pages).toHaveLength(Number(/Pages:\s+(\d+)/.exec(info)?.[1]))
  return pages
}

/** Every page's footer says "page N of M" with the label and the snapshot's date in words. */
function expectFooters(pages: string[]): void {
  for (const [i, page] of pages.entries()) {
    expect(page, `page ${i + 1}`).toMatch(new RegExp(`page ${i + 1} of ${pages.length}\\s*$`))
    expect(page).toContain(`Ratchet · ${current.label} · 25 November 2026`)
  }
}

describe('the organization PDF', () => {
  it('opens with the executive summary, then contents, then a section per account, in ≤ 26 pages', async () => {
    const pages = await printAndRead('org', {})
    expect(pages.length).toBeLessThanOrEqual(26)
    expectFooters(pages)
    const [first = '', second = ''] = pages
    // Words as a reader sees them, whatever the line breaks.
    const summary = `${first}${second}`.replace(/\s+/g, ' ')
    expect(first).toContain('Executive summary: the organization')
    for (const heading of [
      'Accounts at each level',
      'Heatmap: level per account and domain',
      `Regressions since ${previous.label}`,
      'Baseline or target breaches',
      'Top risks',
      'Evidence coverage and age',
    ]) {
      expect(summary).toContain(heading)
    }
    // Unknown is never a failure, and its categories are kept apart.
    expect(summary).toMatch(/\d+ unverified/)
    expect(summary).toContain('not answered')
    // Top risks are real findings: each names its resources.
    expect(summary).toMatch(/Top risks 1\. .*? flags \d+ \(.*?\) 2\. /)
    const contentsIndex = pages.findIndex((p) => /^\s*Contents/m.test(p))
    expect(contentsIndex).toBeGreaterThan(0)
    for (const account of current.accounts) expect(pages[contentsIndex]).toContain(account.name)
    // Each account's section starts a page, in the contents' order, after the contents.
    const starts = current.accounts.map((a) =>
      pages.findIndex((p, i) => i > contentsIndex && p.trimStart().startsWith(a.name)),
    )
    expect(starts.every((s) => s > contentsIndex)).toBe(true)
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
    expect(pages.at(-1)).toMatch(/Appendix|How to fix|Model/)
    // Dates are written for people, never as raw ISO strings.
    expect(pages.join('')).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/)
  })

  it('grows with the detail: summary, summary + failing, everything', async () => {
    const counts: Record<DetailLevel, number> = { summary: 0, failing: 0, everything: 0 }
    for (const detail of ['summary', 'everything'] as const) {
      const pages = await printAndRead(detail, { detail })
      expectFooters(pages)
      counts[detail] = pages.length
      const text = pages.join('')
      if (detail === 'summary') expect(text).not.toMatch(/Failing controls \(\d+\)/)
      else expect(text).toContain('Gaps in collection')
    }
    counts.failing = (await printAndRead('failing', {})).length
    expect(counts.summary).toBeLessThan(counts.failing)
    expect(counts.failing).toBeLessThan(counts.everything)
  })
})

describe('the one-account PDF', () => {
  it('has its own layout: the account on page 1, no contents, then its failing controls', async () => {
    const account = current.accounts[0]
    const pages = await printAndRead('one', { scope: { kind: 'accounts', accountIds: [account?.id ?? ''] } })
    expectFooters(pages)
    expect(pages[0]).toContain(`Scorecard: ${account?.name}`)
    expect(pages[0]).toContain('Domains against target')
    expect(pages[0]).not.toContain('accounts at each level')
    expect(pages.join('')).not.toMatch(/^\s*Contents/m)
    expect(pages.join('')).not.toContain('1 accounts')
    expect(pages[1]).toContain('Failing controls')
  })
})

describe('the standalone HTML file', () => {
  it('opens offline, asks for nothing but itself, and its contents navigate', async () => {
    const { text } = renderExport(current, {
      format: 'html',
      scope: { kind: 'org' },
      isRedacted: false,
      now: FIXTURE_NOW,
      previous,
    })
    expect(text).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`)
    const path = join(folder, 'report.html')
    await writeFile(path, text)
    const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 800 } })
    const requests: string[] = []
    context.on('request', (request) => requests.push(request.url()))
    const page = await context.newPage()
    try {
      await page.goto(pathToFileURL(path).href, { waitUntil: 'load' })
      expect(requests).toEqual([pathToFileURL(path).href])
      await expect(page.title()).resolves.toBe(`Ratchet scorecard: ${current.label}`)
      const toc = page.getByTestId('toc')
      expect(await page.evaluate('getComputedStyle(document.querySelector(".toc")).position')).toBe('sticky')
      // An account link scrolls its section into view, and the contents bar stays on screen.
      const target = current.accounts[7]
      await toc.getByRole('link', { name: target?.name ?? '', exact: true }).click()
      await page.waitForURL(/#a8$/)
      const section = page.locator('#a8')
      expect(await section.getAttribute('data-account-id')).toBe(target?.id)
      await expect
        .poll(() => section.evaluate((n) => Math.round(n.getBoundingClientRect().top)))
        .toBeLessThan(40)
      expect(await toc.evaluate((n) => n.getBoundingClientRect().top)).toBe(0)
      // A domain link lands on that account's domain row.
      await toc.locator('a[href="#a8-network"]').click()
      await page.waitForURL(/#a8-network$/)
      const row = page.locator('#a8-network')
      const level = current.scorecard.accounts[7]?.domains.find((d) => d.domainId === 'network')?.level
      expect(await row.locator('i').textContent()).toBe(String(level))
      expect(await row.evaluate((n) => n.getBoundingClientRect().top)).toBeLessThan(800)
      // The heatmap's rows link to the sections too, and show both headline levels and each domain's level.
      const heat = await page
        .getByTestId('heatmap')
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => [...r.querySelectorAll('td')].slice(1).map((c) => c.textContent)),
        )
      expect(heat).toEqual(
        current.scorecard.accounts.map((a) => [
          a.grade === 'unassessed' ? 'unassessed' : String(a.level),
          evidenceText(a.evidenceLevel),
          ...domainIds.map((id) => String(a.domains.find((d) => d.domainId === id)?.level)),
        ]),
      )
      await page
        .getByTestId('heatmap')
        .getByRole('link', { name: current.accounts[2]?.name ?? '', exact: true })
        .click()
      await page.waitForURL(/#a3$/)
      // Printed, the contents bar is hidden: the contents page replaces it.
      await page.emulateMedia({ media: 'print' })
      expect(await page.evaluate('getComputedStyle(document.querySelector(".toc")).display')).toBe('none')
    } finally {
      await context.close()
    }
  })

  it('uses the same Chromium flags as the e2e harness', () => {
    expect(chromiumArgsFor(process.env)).toEqual(chromiumArgs)
  })
})
