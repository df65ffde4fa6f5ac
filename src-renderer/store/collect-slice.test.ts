import { describe, expect, it, vi } from 'vitest'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import { createBridgeApi, createRendererApi, type Envelope } from '../../shared/ipc/api'
import type { CollectProgress, CollectSummary } from '../../shared/ipc/domains/collect'
import { createAccountsRepo } from '../db/accounts-repo'
import { createEvidenceRepo } from '../db/evidence-repo'
import { applyProgress, collectSelectors } from './collect-slice'
import { testStore } from './test-support'

const at = '2026-11-28T12:00:00.000Z'
function bundle(accountId: string, aliases: string[] = []): EvidenceBundle {
  const unavailable = {
    state: 'unavailable' as const,
    reason: 'not-in-scope' as const,
    message: 'not collected',
  }
  return {
    schemaVersion: 1,
    accountId,
    collectedAt: at,
    identity: {
      status: { state: 'ok' },
      collectedAt: at,
      raw: [],
      records: { accountId, arn: `arn:aws:iam::${accountId}:user/a`, userId: 'AIDA', aliases },
    },
    credentialReport: { status: unavailable, collectedAt: at, raw: [], records: null },
    trustedAdvisor: { status: unavailable, collectedAt: at, raw: [], records: null },
    accessAnalyzer: { status: unavailable, collectedAt: at, raw: [], records: null },
  }
}

const progress = (targetKey: string, source: CollectProgress['source'], state: CollectProgress['state']) =>
  ({
    jobId: 'job-1',
    targetKey,
    label: 'Prod',
    source,
    state,
    counts: { calls: 3 },
  }) satisfies CollectProgress

/** A bridge whose collect channels answer like main: start emits progress and bundles, then the summary. */
function fakeMain(importAnswer: Envelope) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener(payload)
  }
  const calls: Array<[string, unknown]> = []
  const summary: CollectSummary = {
    jobId: 'job-1',
    startedAt: at,
    finishedAt: at,
    isCancelled: false,
    accounts: [],
    totals: { accounts: 2, ok: 1, partial: 0, failed: 1, cancelled: 0 },
    calls: {},
  }
  const api = createRendererApi(
    createBridgeApi({
      invoke: async (channel, request) => {
        calls.push([channel, request])
        if (channel === 'collect:start') {
          // Events arrive while the invoke is still in flight, as they do from main.
          emit('collect:progress', progress('sso:corp:111111111111', 'account', 'queued'))
          emit('collect:progress', progress('profile:old', 'account', 'queued'))
          queueMicrotask(() => {
            emit('collect:progress', {
              ...progress('sso:corp:111111111111', 'identity', 'done'),
              accountId: '111111111111',
            })
            emit('collect:bundle', {
              jobId: 'job-1',
              targetKey: 'sso:corp:111111111111',
              label: 'Prod',
              bundle: bundle('111111111111'),
            })
            emit('collect:progress', progress('sso:corp:111111111111', 'account', 'done'))
            emit('collect:progress', {
              ...progress('profile:old', 'account', 'failed'),
              detail: 'No credentials',
            })
            emit('collect:summary', summary)
          })
          return { ok: true, value: { jobId: 'job-1', accountCount: 2 } }
        }
        if (channel === 'app:pick-folder') {
          const handle = 'fh-00000000-0000-4000-8000-000000000000'
          return { ok: true, value: { isChosen: true, handle, label: '/evidence' } }
        }
        if (channel === 'collect:import-folder') return importAnswer
        return { ok: false, error: { code: 'not-implemented', message: `${channel} is not faked` } }
      },
      subscribe: (channel, listener) => {
        const set = listeners.get(channel) ?? new Set()
        set.add(listener)
        listeners.set(channel, set)
        return () => set.delete(listener)
      },
    }),
  )
  return { api, calls }
}

function makeStore(importAnswer: Envelope = { ok: true, value: { bundles: [] } }) {
  const main = fakeMain(importAnswer)
  return { ...testStore('collect', { api: main.api, now: new Date(at) }), main }
}

describe('the collect slice', () => {
  it('shows live progress, stores each bundle as it arrives, and tracks the job', async () => {
    const { store, db, main } = makeStore()
    await store.getState().startCollect({ kind: 'profile', profile: 'audit' })
    // The bundle is written to IndexedDB as its event arrives; wait for that write, not for a fixed time.
    await vi.waitFor(async () => expect(await createAccountsRepo(db).get('111111111111')).toBeDefined())
    expect(main.calls[0]).toEqual([
      'collect:start',
      { profile: 'audit', regions: store.getState().collectRegions },
    ])
    const rows = collectSelectors.rows(store.getState())
    expect(rows.map((r) => [r.targetKey, r.account.state, r.sources.identity.state])).toEqual([
      ['sso:corp:111111111111', 'done', 'done'],
      ['profile:old', 'failed', 'queued'],
    ])
    expect(rows[1]?.account.detail).toBe('No credentials')
    expect(collectSelectors.isRunning(store.getState())).toBe(false)
    await expect(createEvidenceRepo(db).count()).resolves.toBe(1)
    await expect(createAccountsRepo(db).get('111111111111')).resolves.toMatchObject({
      name: 'Prod',
      origin: 'sso',
    })
    expect(store.getState().jobs).toEqual([
      expect.objectContaining({
        id: 'collect:job-1',
        state: 'failed',
        progress: 1,
        detail: '2 of 2 done, 1 failed',
      }),
    ])
    expect(store.getState().notices.at(-1)?.message).toBe(
      'Collected 2 accounts: 1 ok, 0 partial, 1 failed, 0 cancelled.',
    )
  })

  it('imports a folder all at once, adding its accounts', async () => {
    const { store, db } = makeStore({
      ok: true,
      value: { bundles: [bundle('333333333333', ['shop']), bundle('444444444444')] },
    })
    await expect(store.getState().importEvidenceFolder()).resolves.toBe(true)
    await expect(createEvidenceRepo(db).count()).resolves.toBe(2)
    const accounts = await createAccountsRepo(db).list()
    expect(accounts.map((a) => [a.id, a.name, a.origin])).toEqual([
      ['444444444444', '444444444444', 'import'],
      ['333333333333', 'shop', 'import'],
    ])
  })

  it('writes nothing when main rejects the folder, and shows the error naming the file', async () => {
    const message =
      'Nothing was imported: 111/credential-report.csv: line 3, field mfa_active: "maybe" is not true or false'
    const { store, db } = makeStore({ ok: false, error: { code: 'invalid-evidence-folder', message } })
    await expect(store.getState().importEvidenceFolder()).resolves.toBe(false)
    await expect(createEvidenceRepo(db).count()).resolves.toBe(0)
    await expect(createAccountsRepo(db).list()).resolves.toEqual([])
    expect(store.getState().notices.at(-1)).toMatchObject({
      level: 'error',
      code: 'invalid-evidence-folder',
      message,
    })
  })

  it('applies progress to the right row without touching the others', () => {
    const rows = applyProgress([], progress('a', 'account', 'queued'))
    const next = applyProgress(rows, {
      ...progress('a', 'accessAnalyzer', 'done'),
      counts: { calls: 9, records: 12 },
    })
    expect(next[0]?.sources.accessAnalyzer).toEqual({ state: 'done', records: 12 })
    expect(next[0]?.calls).toBe(9)
    expect(rows[0]?.sources.accessAnalyzer.state).toBe('queued')
  })
})
