import { afterEach, describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../../src-main/security'
import { launchApp, type RunningApp } from './support/harness'

let app: RunningApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

describe('the renderer under its CSP header', () => {
  it('is served with the same CSP header app:// sends, and refuses inline styles and scripts', async () => {
    app = await launchApp()
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
    await expect.poll(() => app?.cspViolations.length).toBeGreaterThanOrEqual(2)
    // Those two were planted; what the app itself does must not trip the policy (close() checks the rest).
    app.cspViolations.length = 0
  })

  it('gives the renderer no Node and no generic IPC: only window.api, one method per channel', async () => {
    app = await launchApp()
    const globals = await app.page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      invoke: typeof (globalThis as { api?: { invoke?: unknown } }).api?.invoke,
    }))
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', invoke: 'undefined' })
  })
})
