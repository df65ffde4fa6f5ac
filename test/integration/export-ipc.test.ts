import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Snapshot } from '../../shared/snapshot/schema'
import type { SaveDialogRequest } from '../../src-main/export/handlers'
import { createRegistry } from '../../src-main/ipc/registry'
import { createHandlers, type HostDeps } from '../../src-main/services'
import { buildFixtureSnapshots } from '../fixtures/snapshots/build'

let folder: string
let current: Snapshot
let previous: Snapshot
beforeAll(async () => {
  ;({ current, previous } = buildFixtureSnapshots())
  folder = await mkdtemp(join(tmpdir(), 'ratchet-export-ipc-'))
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

/** The real registry and handlers, with a save dialog that answers `answer` and records what it was asked. */
function host(answer: (request: SaveDialogRequest) => string | undefined, hasDialog = true) {
  const asked: SaveDialogRequest[] = []
  const deps: HostDeps = {
    env: process.env,
    version: '0.0.0-test',
    platform: 'linux',
    events: { emit: () => undefined },
    openExternal: async () => undefined,
    isDemoDefault: false,
    ...(hasDialog
      ? {
          showSaveDialog: async (request: SaveDialogRequest) => {
            asked.push(request)
            return answer(request)
          },
        }
      : {}),
  }
  return { registry: createRegistry(createHandlers(deps)), asked }
}

describe('export:save', () => {
  it('renders, asks where with the pattern’s name and the format’s filter, and writes the file', async () => {
    const out = await mkdtemp(join(folder, 'ok-'))
    const { registry, asked } = host((request) => join(out, request.defaultFileName))
    const envelope = await registry.invoke('export:save', {
      snapshot: current,
      previous,
      format: 'md',
      scope: { kind: 'org' },
      isRedacted: false,
      fileNamePattern: '{label}-{scope}',
    })
    const name = `${current.label.toLowerCase()}-org.md`
    expect(asked).toEqual([{ defaultFileName: name, filters: [{ name: 'Markdown', extensions: ['md'] }] }])
    expect(envelope).toMatchObject({
      ok: true,
      value: { isSaved: true, fileName: name, path: join(out, name) },
    })
    const text = await readFile(join(out, name), 'utf8')
    expect(text).toContain(`### Domains since ${previous.label}`)
  })

  it('writes nothing when the save dialog is cancelled', async () => {
    const { registry, asked } = host(() => undefined)
    const envelope = await registry.invoke('export:save', {
      snapshot: current,
      format: 'csv',
      scope: { kind: 'org' },
      isRedacted: true,
    })
    expect(asked).toHaveLength(1)
    expect(envelope).toEqual({ ok: true, value: { isSaved: false, fileName: asked[0]?.defaultFileName } })
  })

  it('refuses bad requests before the dialog opens, with messages that say what is wrong', async () => {
    const out = await mkdtemp(join(folder, 'bad-'))
    const { registry, asked } = host((request) => join(out, request.defaultFileName))
    const base = { snapshot: current, format: 'pdf', isRedacted: false }
    const cases: Array<[unknown, string, string]> = [
      [
        { ...base, scope: { kind: 'accounts', accountIds: ['12'] } },
        'invalid-request',
        'scope.accountIds.0: must be a 12-digit AWS account id',
      ],
      [
        { ...base, scope: { kind: 'accounts', accountIds: [] } },
        'invalid-request',
        'scope.accountIds: pick at least one account',
      ],
      [{ ...base, format: 'docx', scope: { kind: 'org' } }, 'invalid-request', 'format: Invalid option'],
      [
        { ...base, snapshot: { ...current, scorecard: 'none' }, scope: { kind: 'org' } },
        'invalid-request',
        'snapshot.scorecard',
      ],
      [
        { ...base, scope: { kind: 'accounts', accountIds: ['999999999999'] } },
        'export-unknown-account',
        'has no scorecard for 999999999999',
      ],
      [
        { ...base, scope: { kind: 'org' }, fileNamePattern: '{label}/{owner}' },
        'export-bad-file-name',
        'unknown token {owner}',
      ],
    ]
    for (const [request, code, message] of cases) {
      const envelope = await registry.invoke('export:save', request)
      expect(envelope, message).toMatchObject({ ok: false, error: { code } })
      expect(JSON.stringify(envelope)).toContain(message)
    }
    expect(asked).toEqual([])
    expect(await readdir(out)).toEqual([])
  })

  it('says so when the chosen folder is gone, and when the host has no save dialog', async () => {
    const missing = join(folder, 'gone', 'report.csv')
    const { registry } = host(() => missing)
    const request = { snapshot: current, format: 'csv', scope: { kind: 'org' }, isRedacted: false }
    expect(await registry.invoke('export:save', request)).toMatchObject({
      ok: false,
      error: {
        code: 'export-folder-missing',
        message: `Cannot write the export: the folder ${join(folder, 'gone')} does not exist.`,
      },
    })
    const headless = host(() => undefined, false)
    expect(await headless.registry.invoke('export:save', request)).toMatchObject({
      ok: false,
      error: { code: 'export-no-dialog' },
    })
  })
})
