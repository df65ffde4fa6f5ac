import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { _electron } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { buildFixtureSnapshots } from '../fixtures/snapshots/build'

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

describe.skipIf(!binary)(
  `PDF export in the real Electron app${binary ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    it('prints the report with webContents.printToPDF and saves it where the save dialog says', async () => {
      const folder = await mkdtemp(join(tmpdir(), 'ratchet-electron-export-'))
      const target = join(folder, 'scorecard.pdf')
      const app = await _electron.launch({
        executablePath: binary as string,
        args: [join(import.meta.dirname, '../..')],
      })
      try {
        // The native save dialog cannot be driven: answer it from main with the target path.
        await app.evaluate(({ dialog }, path) => {
          dialog.showSaveDialog = (async () => ({
            canceled: false,
            filePath: path,
          })) as typeof dialog.showSaveDialog
        }, target)
        const page = await app.firstWindow()
        await page.getByRole('navigation', { name: 'Areas' }).waitFor()
        const { current } = buildFixtureSnapshots()
        const ids = current.scorecard.accounts.slice(0, 2).map((a) => a.accountId)
        const envelope = await page.evaluate(
          ([snapshot, accountIds]) =>
            (
              globalThis as unknown as { api: { export: { save(r: unknown): Promise<unknown> } } }
            ).api.export.save({
              snapshot,
              format: 'pdf',
              scope: { kind: 'accounts', accountIds },
              isRedacted: false,
            }),
          [current, ids] as const,
        )
        expect(envelope).toMatchObject({ ok: true, value: { isSaved: true, path: target } })
        expect((await readFile(target)).subarray(0, 5).toString()).toBe('%PDF-')
      } finally {
        await app.close()
        await rm(folder, { recursive: true, force: true })
      }
    })
  },
)
