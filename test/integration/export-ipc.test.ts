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
function host(
  answer: (request: SaveDialogRequest) => string | undefined,
  hasDialog = true,
  onEvent: (name: string, payload: unknown) => void = () => undefined,
) {
  const asked: SaveDialogRequest[] = []
  const deps: HostDeps = {
    env: process.env,
    version: '0.0.0-test',
    platform: 'linux',
    events: { emit: (_domain, name, payload) => onEvent(name, payload) },
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

  it('reports progress counting accounts, and a cancel stops it with nothing written', async () => {
    const out = await mkdtemp(join(folder, 'progress-'))
    const progress: unknown[] = []
    const done = host(
      (request) => join(out, request.defaultFileName),
      true,
      (name, payload) => {
        if (name === 'progress') progress.push(payload)
      },
    )
    const request = {
      snapshot: current,
      format: 'html',
      scope: { kind: 'org' },
      isRedacted: false,
      jobId: 'job-1',
    }
    expect(await done.registry.invoke('export:save', request)).toMatchObject({
      ok: true,
      value: { isSaved: true },
    })
    const total = current.scorecard.accounts.length
    expect(progress).toEqual([
      { jobId: 'job-1', phase: 'rendering', done: 0, total },
      { jobId: 'job-1', phase: 'rendering', done: total, total },
      { jobId: 'job-1', phase: 'writing', done: total, total },
    ])

    const empty = await mkdtemp(join(folder, 'cancel-'))
    let cancelled: Promise<unknown> | undefined
    const stopped = host(
      (r) => join(empty, r.defaultFileName),
      true,
      (name) => {
        // Cancel as soon as the first progress event arrives, as the dialog's Cancel button does.
        if (name === 'progress') cancelled ??= stopped.registry.invoke('export:cancel', { jobId: 'job-2' })
      },
    )
    const envelope = await stopped.registry.invoke('export:save', {
      ...request,
      format: 'pdf',
      jobId: 'job-2',
    })
    expect(await cancelled).toEqual({ ok: true, value: { isCancelled: true } })
    expect(envelope).toMatchObject({ ok: true, value: { isSaved: false, isCancelled: true } })
    expect(await readdir(empty)).toEqual([])
    expect(await stopped.registry.invoke('export:cancel', { jobId: 'job-2' })).toEqual({
      ok: true,
      value: { isCancelled: false },
    })
  })
})
