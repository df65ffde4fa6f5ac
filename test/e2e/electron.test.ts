import { join } from 'node:path'
import { _electron } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { installedBinary, missingBinaryReason } from '../../src-main/launch/electron-binary.mjs'

const binary = installedBinary()
const skipReason = missingBinaryReason

describe.skipIf(!binary)(`the real Electron app${binary ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('opens a hardened window that reaches main through the preload', async () => {
    const root = join(import.meta.dirname, '../..')
    const app = await _electron.launch({ executablePath: binary as string, args: [root] })
    try {
      const page = await app.firstWindow()
      await page.getByRole('navigation', { name: 'Areas' }).waitFor()
      // Served from the app's own protocol, never file://.
      expect(page.url()).toBe('app://ratchet/index.html')
      const isolated = await page.evaluate(
        () => typeof (globalThis as { require?: unknown }).require === 'undefined',
      )
      expect(isolated).toBe(true)
      const info = await page.evaluate(() =>
        (globalThis as unknown as { api: { app: { getInfo(): Promise<unknown> } } }).api.app.getInfo(),
      )
      expect(info).toMatchObject({ ok: true, value: { name: 'Ratchet' } })
    } finally {
      await app.close()
    }
  })
})
