import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Envelope } from '../../shared/ipc/api'
import { createHandlers } from '../services'
import { checkEvidenceFolder, MAX_EVIDENCE_FILE_BYTES } from './evidence-folder-guard'
import { createRegistry } from './registry'

const fixtures = join(import.meta.dirname, '../../test/fixtures')
const corpus = join(fixtures, 'hostile/evidence')
const temps: string[] = []
afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true })
})
async function temp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ratchet-hostile-'))
  temps.push(dir)
  return dir
}

/** The main-side handlers, whose folder picker always answers `dir`. */
function registryPicking(dir: string) {
  return createRegistry(
    createHandlers({
      env: {},
      version: '1',
      platform: 'linux',
      events: { emit: () => undefined },
      openExternal: async () => undefined,
      isDemoDefault: false,
      showFolderDialog: async () => dir,
    }),
  )
}

/** Picks `dir` in the (scripted) main-side picker and imports it through the registry, as the app does. */
async function importThroughIpc(dir: string): Promise<Envelope> {
  const registry = registryPicking(dir)
  const picked = await registry.invoke('app:pick-folder', { purpose: 'evidence-import' })
  if (!picked.ok) throw new Error('the picker failed')
  return registry.invoke('collect:import-folder', { handle: (picked.value as { handle: string }).handle })
}

describe('hostile evidence folders are refused whole, naming the file and field', () => {
  it.each([
    ['truncated', '111122223333/sts-get-caller-identity.json'],
    ['wrong-shape', '111122223333/trustedadvisor-list-recommendations.json: field recommendationSummaries'],
    ['wrong-version', '111122223333/ratchet-evidence.json: field schemaVersion'],
  ])('%s', async (name, message) => {
    const answer = await importThroughIpc(join(corpus, name))
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-evidence-folder' } })
    expect(JSON.stringify(answer)).toContain(message)
  })

  it('refuses a file that is a symbolic link out of the chosen folder, before reading anything', async () => {
    const dir = await temp()
    await cp(join(fixtures, 'evidence/valid'), join(dir, 'pick'), { recursive: true })
    await writeFile(join(dir, 'secret.json'), '{"Account": "999999999999"}')
    const link = join(dir, 'pick/111122223333/iam-get-account-summary.json')
    await rm(link)
    await symlink(join(dir, 'secret.json'), link)
    const answer = await importThroughIpc(join(dir, 'pick'))
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-evidence-folder' } })
    expect(JSON.stringify(answer)).toContain(
      '111122223333/iam-get-account-summary.json: is a symbolic link; Ratchet reads only the files inside the folder you chose',
    )
    expect(JSON.stringify(answer)).not.toContain('999999999999')
  })

  it('refuses an account folder that is a symbolic link (to /etc, say)', async () => {
    const dir = await temp()
    await cp(join(fixtures, 'evidence/valid'), dir, { recursive: true })
    await symlink('/etc', join(dir, '777788889999'))
    const answer = await importThroughIpc(dir)
    expect(JSON.stringify(answer)).toContain('777788889999: is a symbolic link')
  })

  it('refuses a file over the size limit, by name and size', async () => {
    const dir = await temp()
    await mkdir(join(dir, '111122223333'))
    await writeFile(join(dir, '111122223333/credential-report.csv'), 'x'.repeat(2048))
    await expect(checkEvidenceFolder(dir, { maxFileBytes: 1024 })).rejects.toMatchObject({
      code: 'invalid-evidence-folder',
      message: expect.stringContaining(
        '111122223333/credential-report.csv: is 0.0 MiB; an evidence file may be at most 0.0 MiB',
      ),
    })
    expect(MAX_EVIDENCE_FILE_BYTES).toBe(64 * 1024 * 1024)
  })

  it('accepts the valid folder through the same path', async () => {
    const answer = await importThroughIpc(join(fixtures, 'evidence/valid'))
    expect(answer.ok).toBe(true)
  })

  it('refuses an export whose account id would name a path (traversal), writing nothing', async () => {
    const dir = await temp()
    const registry = registryPicking(join(dir, 'out'))
    const imported = await importThroughIpc(join(fixtures, 'evidence/valid'))
    const [bundle] = (imported as { value: { bundles: Array<{ accountId: string }> } }).value.bundles
    const picked = await registry.invoke('app:pick-folder', { purpose: 'evidence-export' })
    const handle = (picked as { value: { handle: string } }).value.handle
    const answer = await registry.invoke('collect:export-folder', {
      handle,
      bundles: [{ ...bundle, accountId: '../../escaped' }],
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(JSON.stringify(answer)).toContain('bundles.0.accountId')
    expect(await readdir(dir)).toEqual([])
  })
})
