import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { installedBinary, missingBinaryReason } from '../../src-main/launch/electron-binary.mjs'
import { buildFixtureSnapshots } from '../fixtures/snapshots/build'

const binary = installedBinary()
const skipReason = missingBinaryReason

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
