import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { _electron } from 'playwright-core'
import { describe, expect, it } from 'vitest'

/** The Electron binary downloads on the first `npm start`; find it without triggering that download. */
function electronBinary(): string | undefined {
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
    const pathFile = join(packageDir, 'path.txt')
    if (!existsSync(pathFile)) return undefined
    const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
    return existsSync(binary) ? binary : undefined
  } catch {
    return undefined
  }
}

const binary = electronBinary()
const skipReason = 'the Electron binary is not installed (it downloads on the first `npm start`)'

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
