import { afterEach, describe, expect, it, vi } from 'vitest'
import { failedAttempt } from '../../shared/evidence/fixtures.test-support'
import { ACCOUNT_A, tinyAccount, tinyBundle, tinyModel } from '../../shared/snapshot/fixtures.test-support'
import { createAccountsRepo } from '../db/accounts-repo'
import type { RatchetDb } from '../db/db'
import { createEvidenceRepo } from '../db/evidence-repo'
import { refreshSummaries, type SummaryRefreshRequest } from '../db/summaries-repo'
import { testDatabases } from '../db/test-db.test-support'
import { createWorkerRefresher } from './summaries-client'
import type { WorkerReply, WorkerRequest } from './summaries-protocol'

const { open } = testDatabases('summaries-client')
/** A second account, fully collected. */
const ACCOUNT_B = '222222222222'
const request: SummaryRefreshRequest = { model: tinyModel(), now: '2026-11-25T00:00:00.000Z' }

/** Two accounts with evidence; A's newest collection failed, so its summary reads back to the good one. */
async function seeded(): Promise<RatchetDb> {
  const db = open()
  await createAccountsRepo(db).putMany([tinyAccount(ACCOUNT_A, 'a'), tinyAccount(ACCOUNT_B, 'b')])
  await createEvidenceRepo(db).addMany([
    tinyBundle(ACCOUNT_A, '2026-11-01T00:00:00.000Z', { isRootMfa: false }),
    failedAttempt(ACCOUNT_A, '2026-11-20T00:00:00.000Z'),
    tinyBundle(ACCOUNT_B, '2026-11-10T00:00:00.000Z'),
  ])
  return db
}

/**
 * Installs a fake Worker constructor: `start` decides what constructing does (throw, or return the fake), and
 * `onPost` what the fake does with each request. Counts constructions and posts.
 */
function fakeWorker(behaviour: {
  start?: () => void
  onPost?: (worker: EventTarget, message: WorkerRequest) => void
}) {
  const counts = { created: 0, posted: 0 }
  class FakeWorker extends EventTarget {
    constructor() {
      super()
      counts.created++
      behaviour.start?.()
    }
    postMessage(message: WorkerRequest): void {
      counts.posted++
      // Asynchronous, as a real worker answers.
      queueMicrotask(() => behaviour.onPost?.(this, message))
    }
  }
  vi.stubGlobal('Worker', FakeWorker)
  return counts
}

/** A worker whose script fails: every post ends in an `error` event. */
const failingScript = (worker: EventTarget) =>
  worker.dispatchEvent(new ErrorEvent('error', { message: 'Failed to load the worker script' }))

/** A fallback that refreshes `db` on this thread, counting its runs. */
function countingFallback(db: RatchetDb) {
  const runs = { count: 0 }
  const fallback = (r: SummaryRefreshRequest) => {
    runs.count++
    return refreshSummaries(db, r)
  }
  return { runs, fallback }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('summaries worker client: the main-thread fallback', () => {
  it('has no refresher where Worker does not exist (the caller refreshes on its own thread)', () => {
    expect(typeof Worker).toBe('undefined')
    expect(createWorkerRefresher('db', () => Promise.reject(new Error('not called')))).toBeUndefined()
  })

  it('refreshes on this thread when the Worker constructor throws, with the changes of a direct refresh', async () => {
    const counts = fakeWorker({
      start: () => {
        throw new DOMException('Refused to create a worker', 'SecurityError')
      },
    })
    const { runs, fallback } = countingFallback(await seeded())
    const refresher = createWorkerRefresher('db', fallback)
    if (!refresher) throw new Error('Worker exists: a refresher is expected')
    const changes = await refresher(request)
    expect(changes).toEqual(await refreshSummaries(await seeded(), request))
    expect(changes.changed.map((s) => s.accountId)).toEqual([ACCOUNT_A, ACCOUNT_B])
    // A's newest collection failed: its summary is of the good evidence before it.
    expect(changes.changed[0]).toMatchObject({ hasCollectionError: false })
    expect(runs.count).toBe(1)
    // Constructed once, never again: the next refresh goes straight to the fallback.
    await refresher(request)
    expect(counts).toEqual({ created: 1, posted: 0 })
    expect(runs.count).toBe(2)
  })

  it('refreshes on this thread when the worker fails with an error event, with the changes of a direct refresh', async () => {
    const counts = fakeWorker({ onPost: failingScript })
    const { runs, fallback } = countingFallback(await seeded())
    const refresher = createWorkerRefresher('db', fallback)
    if (!refresher) throw new Error('Worker exists: a refresher is expected')
    expect(await refresher(request)).toEqual(await refreshSummaries(await seeded(), request))
    expect(runs.count).toBe(1)
    expect(counts).toEqual({ created: 1, posted: 1 })
  })

  it('answers every request waiting when the worker fails, each by the fallback', async () => {
    fakeWorker({ onPost: failingScript })
    const { runs, fallback } = countingFallback(await seeded())
    const refresher = createWorkerRefresher('db', fallback)
    if (!refresher) throw new Error('Worker exists: a refresher is expected')
    const [first, second] = await Promise.all([refresher(request), refresher(request)])
    expect(runs.count).toBe(2)
    // Neither is left waiting or answered with the error: each accounts for both accounts.
    for (const changes of [first, second]) expect(changes.changed.length + changes.kept).toBe(2)
  })

  it('does not ask a broken worker again: after its error event every refresh runs the fallback', async () => {
    const counts = fakeWorker({ onPost: failingScript })
    const { runs, fallback } = countingFallback(await seeded())
    const refresher = createWorkerRefresher('db', fallback)
    if (!refresher) throw new Error('Worker exists: a refresher is expected')
    for (let i = 0; i < 3; i++) await refresher(request)
    expect(runs.count).toBe(3)
    expect(counts).toEqual({ created: 1, posted: 1 })
  })

  it('uses a working worker, and a refresh that failed inside it is an error, not a broken worker', async () => {
    let isFailing = true
    const counts = fakeWorker({
      onPost: (worker, { id }) => {
        const reply: WorkerReply = isFailing
          ? { id, ok: false, message: 'the database is closing' }
          : { id, ok: true, changes: { changed: [], removed: [], kept: 2 } }
        worker.dispatchEvent(new MessageEvent('message', { data: reply }))
      },
    })
    const { runs, fallback } = countingFallback(await seeded())
    const refresher = createWorkerRefresher('db', fallback)
    if (!refresher) throw new Error('Worker exists: a refresher is expected')
    await expect(refresher(request)).rejects.toMatchObject({
      code: 'internal',
      message: 'Scores could not be brought up to date: the database is closing',
    })
    isFailing = false
    expect(await refresher(request)).toEqual({ changed: [], removed: [], kept: 2 })
    expect(runs.count).toBe(0)
    expect(counts).toEqual({ created: 1, posted: 2 })
  })
})
