import { cp, mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../../src-main/security'
import { AppPage } from './support/app-page'
import { launchAppForTest } from './support/harness'

const validEvidence = join(import.meta.dirname, '../fixtures/evidence/valid')

type RawApi = {
  app: { pickFolder(r: unknown): Promise<{ ok: boolean; value?: { handle?: string } }> }
  collect: { importFolder(r: unknown): Promise<unknown> }
}

describe('the renderer under its CSP header', () => {
  it('is served with the same CSP header app:// sends, and refuses inline styles and scripts', async () => {
    const app = await launchAppForTest()
    const response = await app.page.request.get(app.page.url())
    expect(response.headers()['content-security-policy']).toBe(contentSecurityPolicy)
    // A string, not a function: this file is type-checked without the DOM library.
    const outcome = await app.page.evaluate(`(async () => {
      const style = document.createElement('style')
      style.textContent = 'body { outline: 7px solid red }'
      document.head.append(style)
      const script = document.createElement('script')
      script.textContent = 'window.__inlineRan = true'
      document.head.append(script)
      await new Promise((resolve) => setTimeout(resolve, 50))
      return { outline: getComputedStyle(document.body).outlineStyle, isInlineRun: window.__inlineRan === true }
    })()`)
    expect(outcome).toEqual({ outline: 'none', isInlineRun: false })
    await expect.poll(() => app.cspViolations.length).toBeGreaterThanOrEqual(2)
    // Those two were planted; what the app itself does must not trip the policy (close() checks the rest).
    app.cspViolations.length = 0
  })

  it('gives the renderer no Node and no generic IPC: only window.api, one method per channel', async () => {
    const app = await launchAppForTest()
    const globals = await app.page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      invoke: typeof (globalThis as { api?: { invoke?: unknown } }).api?.invoke,
    }))
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', invoke: 'undefined' })
  })
})

describe('no path from the renderer', () => {
  it('imports and exports evidence only through folders chosen in the main-side picker', async () => {
    const app = await launchAppForTest({
      folderDialog: async (request, home) => {
        const dir = join(home, request.purpose)
        if (request.purpose === 'evidence-import') await cp(validEvidence, dir, { recursive: true })
        else await mkdir(dir, { recursive: true })
        return dir
      },
    })
    const ui = new AppPage(app.page)
    await ui.goTo('Collect')
    await ui.page.getByRole('button', { name: 'Import evidence folder…' }).click()
    await ui.page.getByText(/Imported the evidence of 2 accounts from .*evidence-import/).waitFor()
    await ui.page.getByRole('button', { name: 'Export the latest evidence…' }).click()
    await ui.page.getByText(/Wrote \d+ files for 2 accounts to .*evidence-export/).waitFor()
    expect(app.folderRequests.map((r) => r.purpose)).toEqual(['evidence-import', 'evidence-export'])
    expect(await readdir(join(app.home, 'evidence-export'))).toEqual(['111122223333', '444455556666'])
  })

  it('refuses a path, a made-up handle and a handle chosen for another purpose', async () => {
    const app = await launchAppForTest()
    const answers = await app.page.evaluate(async () => {
      const api = (globalThis as unknown as { api: RawApi }).api
      const exportChoice = await api.app.pickFolder({ purpose: 'evidence-export' })
      return [
        await api.collect.importFolder({ dir: '/etc' }),
        await api.collect.importFolder({ handle: 'fh-00000000-0000-4000-8000-000000000000' }),
        await api.collect.importFolder({ handle: exportChoice.value?.handle }),
      ]
    })
    expect(answers).toMatchObject([
      { ok: false, error: { code: 'invalid-request' } },
      { ok: false, error: { code: 'unknown-handle' } },
      { ok: false, error: { code: 'unknown-handle' } },
    ])
    // No error names a folder on the machine: the renderer learns nothing about /etc.
    expect(JSON.stringify(answers)).not.toContain('/etc')
  })
})
