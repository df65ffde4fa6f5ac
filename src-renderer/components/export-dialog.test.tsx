import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Account } from '../../shared/domain/types'
import type { AppErrorData } from '../../shared/errors'
import { createBridgeApi, createRendererApi } from '../../shared/ipc/api'
import type { ExportRequest, ExportResult } from '../../shared/ipc/domains/export'
import { buildSnapshot } from '../../shared/snapshot/build'
import type { Snapshot } from '../../shared/snapshot/schema'
import { RatchetDb } from '../db/db'
import { createRepos } from '../db/repos'
import { AppStoreContext, createAppStore } from '../store/app-store'
import { overviewExportScope } from '../store/export-slice'
import { testModel } from '../store/test-support'
import { ExportDialogHost } from './export-dialog'

const now = new Date('2026-11-28T12:00:00.000Z')
const accounts: Account[] = ['111111111111', '222222222222'].map((id, i) => ({
  id,
  name: `team-${i + 1}`,
  owner: 'Owner',
  environment: 'production',
  criticality: 'high',
  tags: [],
  targets: { iam: 2 },
  origin: 'import',
}))
let snapshot: Snapshot
const dbs: RatchetDb[] = []

beforeAll(() => {
  snapshot = buildSnapshot({
    label: '2026-Q4',
    createdAt: now,
    model: testModel(),
    accounts,
    evidence: [],
    attestations: [],
    waivers: [],
  })
})
afterEach(async () => {
  cleanup()
  for (const db of dbs.splice(0)) await db.delete()
})

/** A store whose export:save is answered by `answer`, recording each request. */
function makeStore(
  answer: (request: ExportRequest) => { ok: true; value: ExportResult } | { ok: false; error: AppErrorData },
) {
  const requests: ExportRequest[] = []
  const cancels: unknown[] = []
  const listeners = new Map<string, (payload: unknown) => void>()
  const api = createRendererApi(
    createBridgeApi({
      invoke: async (channel, request) => {
        if (channel === 'export:cancel') {
          cancels.push(request)
          return { ok: true, value: { isCancelled: true } }
        }
        if (channel !== 'export:save')
          return { ok: false, error: { code: 'not-implemented', message: channel } }
        requests.push(request as ExportRequest)
        return answer(request as ExportRequest)
      },
      subscribe: (channel, listener) => {
        listeners.set(channel, listener as (payload: unknown) => void)
        return () => listeners.delete(channel)
      },
    }),
  )
  const db = new RatchetDb(`export-${crypto.randomUUID()}`)
  dbs.push(db)
  const emit = (channel: string, payload: unknown) => listeners.get(channel)?.(payload)
  return {
    store: createAppStore({ api, repos: createRepos(db), now: () => now }, { model: testModel() }),
    requests,
    cancels,
    emit,
  }
}

const settings = {
  format: 'csv' as const,
  scope: { kind: 'org' as const },
  isRedacted: true,
  fileNamePattern: '{label}',
}

describe('the export slice', () => {
  it('sends the snapshot and the choices to main, then closes and says where the file went', async () => {
    const { store, requests } = makeStore(() => ({
      ok: true,
      value: { isSaved: true, fileName: '2026-q4.csv', path: '/tmp/2026-q4.csv', bytes: 10 },
    }))
    await store.getState().openExport({ snapshot })
    const result = await store.getState().saveExport(settings)
    expect(result?.isSaved).toBe(true)
    expect(requests).toEqual([{ snapshot, ...settings, jobId: expect.stringMatching(/^export-/) }])
    expect(store.getState().exportSource).toBeUndefined()
    expect(store.getState().notices.at(-1)).toMatchObject({
      level: 'info',
      message: 'Exported 2026-q4.csv to /tmp/2026-q4.csv',
    })
    expect(store.getState().exportFileNamePattern).toBe('{label}')
  })

  it('stays open, without a notice, when the save dialog is cancelled', async () => {
    const { store } = makeStore(() => ({ ok: true, value: { isSaved: false, fileName: '2026-q4.csv' } }))
    await store.getState().openExport({ snapshot })
    await store.getState().saveExport(settings)
    expect(store.getState().exportSource?.snapshot).toBe(snapshot)
    expect(store.getState().notices).toEqual([])
  })

  it('shows main’s error and keeps the dialog and its choices', async () => {
    const { store } = makeStore(() => ({
      ok: false,
      error: {
        code: 'export-folder-missing',
        message: 'Cannot write the export: the folder /x does not exist.',
      },
    }))
    await store.getState().openExport({ snapshot })
    expect(await store.getState().saveExport(settings)).toBeUndefined()
    expect(store.getState().isExporting).toBe(false)
    expect(store.getState().exportSource).toBeDefined()
    expect(store.getState().notices.at(-1)).toMatchObject({ level: 'error', code: 'export-folder-missing' })
  })

  it('exports the current state as an unsaved snapshot, with the latest snapshot as last quarter', async () => {
    const { store } = makeStore(() => ({ ok: true, value: { isSaved: false, fileName: 'x' } }))
    store.setState({ accounts })
    await store.getState().openCurrentExport('222222222222')
    const first = store.getState().exportSource
    expect(first?.accountIds).toEqual(['222222222222'])
    expect(first?.snapshot.label).toBe('Current state')
    expect(first?.snapshot.scorecard.accounts.map((a) => a.accountId)).toEqual([
      '111111111111',
      '222222222222',
    ])
    expect(first?.previous).toBeUndefined()
    const taken = await store.getState().takeSnapshot({ label: '2026-Q3' })
    await store.getState().openCurrentExport()
    expect(store.getState().exportSource?.previous?.id).toBe(taken?.id)
    expect(store.getState().exportSource?.accountIds).toBeUndefined()
  })
})

describe('the overview’s export scope', () => {
  const none = { owner: '', environment: '', tag: '', level: '', isBelowTargetOnly: false, text: '' }
  it('is the ticked accounts, else the filtered ones titled by the filter, else the organization', () => {
    expect(overviewExportScope(['1'], ['1', '2'], 3, none)).toEqual({
      accountIds: ['1'],
      title: 'Selection of 1',
    })
    expect(overviewExportScope([], ['1', '2'], 3, { ...none, owner: 'Ana' })).toEqual({
      accountIds: ['1', '2'],
      title: 'Owner Ana',
    })
    expect(overviewExportScope([], ['2'], 3, { ...none, environment: 'production', tag: 'pci' })).toEqual({
      accountIds: ['2'],
      title: 'Filter: production, tag pci',
    })
    expect(overviewExportScope([], ['1', '2', '3'], 3, none)).toBeUndefined()
  })
})

describe('the export dialog', () => {
  it('preselects the account it was opened for and previews the file name', async () => {
    const { store, requests } = makeStore(() => ({ ok: true, value: { isSaved: false, fileName: 'x' } }))
    await store.getState().openExport({ snapshot, accountIds: ['222222222222'] })
    render(
      <AppStoreContext.Provider value={store}>
        <ExportDialogHost />
      </AppStoreContext.Provider>,
    )
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'One account' }).checked).toBe(true)
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Account to export' }).value).toBe(
      '222222222222',
    )
    expect(screen.getByTestId('export-file-name').textContent).toBe('File: ratchet-2026-q4-2026-11-28.pdf')
    fireEvent.click(screen.getByRole('radio', { name: /^Markdown/ }))
    fireEvent.change(screen.getByLabelText('File name pattern'), { target: { value: '{scope}-{label}' } })
    expect(screen.getByTestId('export-file-name').textContent).toBe('File: team-2-2026-q4.md')
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Export…' }))
    })
    expect(requests[0]).toMatchObject({
      format: 'md',
      scope: { kind: 'accounts', accountIds: ['222222222222'] },
      isRedacted: false,
    })
    screen.getByText('Not saved: the save dialog was cancelled.')
  })

  it('refuses an empty selection and a bad pattern before asking main', async () => {
    const { store, requests } = makeStore(() => ({ ok: true, value: { isSaved: false, fileName: 'x' } }))
    await store.getState().openExport({ snapshot })
    render(
      <AppStoreContext.Provider value={store}>
        <ExportDialogHost />
      </AppStoreContext.Provider>,
    )
    fireEvent.click(screen.getByRole('radio', { name: 'Selected accounts' }))
    expect(screen.getByRole('alert').textContent).toBe('The selection has no accounts.')
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Export…' }).disabled).toBe(true)
    fireEvent.click(screen.getByRole('checkbox', { name: /team-1/ }))
    expect(screen.getByTestId('export-file-name').textContent).toBe('File: ratchet-2026-q4-2026-11-28.pdf')
    fireEvent.change(screen.getByLabelText('File name pattern'), { target: { value: '{when}' } })
    expect(screen.getByRole('alert').textContent).toBe('The file-name pattern has an unknown token {when}.')
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(requests).toEqual([])
  })

  it('is a native modal dialog: Escape closes it and focus returns to what opened it', async () => {
    const shown: HTMLDialogElement[] = []
    const original = HTMLDialogElement.prototype.showModal
    // jsdom has no showModal; record the call and do what it does to the attribute.
    HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
      shown.push(this)
      this.setAttribute('open', '')
    }
    const { store } = makeStore(() => ({ ok: true, value: { isSaved: false, fileName: 'x' } }))
    render(
      <AppStoreContext.Provider value={store}>
        <button type="button">Export from here</button>
        <ExportDialogHost />
      </AppStoreContext.Provider>,
    )
    const opener = screen.getByRole('button', { name: 'Export from here' })
    opener.focus()
    await act(() => store.getState().openExport({ snapshot }))
    const dialog = screen.getByTestId('export-dialog')
    expect(dialog.tagName).toBe('DIALOG')
    expect(shown).toEqual([dialog])
    expect(dialog.contains(document.activeElement)).toBe(true)
    // The browser fires "cancel" on Escape; the dialog closes through the store.
    act(() => {
      dialog.dispatchEvent(new Event('cancel', { cancelable: true }))
    })
    expect(store.getState().exportSource).toBeUndefined()
    expect(screen.queryByTestId('export-dialog')).toBeNull()
    expect(document.activeElement).toBe(opener)
    HTMLDialogElement.prototype.showModal = original
  })

  it('shows a progress bar counting accounts, sends the detail, and cancels the job', async () => {
    let finish: (value: { ok: true; value: ExportResult }) => void = () => undefined
    const { store, requests, cancels, emit } = makeStore(
      () => new Promise((resolve) => (finish = resolve)) as never,
    )
    await store
      .getState()
      .openExport({ snapshot, accountIds: ['111111111111', '222222222222'], title: 'Filter: production' })
    render(
      <AppStoreContext.Provider value={store}>
        <ExportDialogHost />
      </AppStoreContext.Provider>,
    )
    fireEvent.click(screen.getByRole('radio', { name: 'Everything (full appendix)' }))
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Export…' }))
    })
    const request = requests[0]
    expect(request).toMatchObject({
      detail: 'everything',
      scope: { kind: 'accounts', accountIds: ['111111111111', '222222222222'], title: 'Filter: production' },
    })
    act(() => emit('export:progress', { jobId: request?.jobId, phase: 'rendering', done: 1, total: 2 }))
    expect(screen.getByTestId('export-progress').textContent).toBe('Exporting: 1 of 2 accounts')
    expect(screen.getByRole<HTMLProgressElement>('progressbar', { name: 'Export progress' }).value).toBe(1)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Cancel export' }))
    })
    expect(cancels).toEqual([{ jobId: request?.jobId }])
    await act(async () => {
      finish({ ok: true, value: { isSaved: false, isCancelled: true, fileName: 'x' } })
    })
    screen.getByText('Not saved: the export was cancelled.')
    expect(screen.queryByTestId('export-progress')).toBeNull()
  })
})
