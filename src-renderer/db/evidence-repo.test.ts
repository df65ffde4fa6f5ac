import { describe, expect, it } from 'vitest'
import { expiredStatus, failedAttempt as failedAttemptOf } from '../../shared/evidence/fixtures.test-support'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import { compileModel } from '../../shared/scoring/engine'
import { tinyAccount, tinyBundle, tinyModel } from '../../shared/snapshot/fixtures.test-support'
import { summarizeAccount } from '../workers/summary'
import { createAccountsRepo } from './accounts-repo'
import { type CollectAttemptRow } from './db'
import { attemptsFromSummary, createAttemptsRepo, createEvidenceRepo } from './evidence-repo'
import { latestSchemaVersion } from './schema'
import { createSummariesRepo } from './summaries-repo'
import { inlineEvidenceRows, testDatabases } from './test-db.test-support'

const A = '111111111111'
const T1 = '2026-11-01T00:00:00.000Z'
const T2 = '2026-11-20T00:00:00.000Z'
const expired = expiredStatus

const { open, freshName } = testDatabases('test')

describe('evidence repository: last good evidence', () => {
  it('keeps showing the earlier good evidence after a re-collection fails, and records the attempt', async () => {
    const db = open()
    const evidence = createEvidenceRepo(db)
    const good = tinyBundle(A, T1, { isRootMfa: false })
    await evidence.addMany([good])
    await evidence.addMany([failedAttemptOf(A, T2)])
    expect(await evidence.count()).toBe(2)
    const selected = (await evidence.selectedByAccount()).get(A)
    expect(selected?.bundle.credentialReport).toEqual(good.credentialReport)
    expect(selected?.bundle.collectedAt).toBe(T1)
    expect(selected?.failures[0]).toMatchObject({ at: T2, status: expired })

    const attempts = createAttemptsRepo(db)
    await attempts.addMany(
      attemptsFromSummary({
        jobId: 'j',
        startedAt: T2,
        finishedAt: T2,
        isCancelled: false,
        accounts: [
          {
            targetKey: A,
            accountId: A,
            label: 'a',
            state: 'failed',
            detail: 'sso-token-expired: expired',
            sources: {
              identity: { state: 'error' },
              credentialReport: { state: 'skipped' },
              trustedAdvisor: { state: 'skipped' },
              accessAnalyzer: { state: 'skipped' },
            },
            calls: 1,
          },
        ],
        totals: { accounts: 1, ok: 0, partial: 0, failed: 1, cancelled: 0 },
        calls: {},
      }),
    )
    expect((await attempts.latestByAccount()).get(A)).toMatchObject({ state: 'failed', at: T2 })
  })

  it('opens v2, writes evidence, reopens at the latest version and backfills one attempt per bundle', async () => {
    const name = freshName()
    const v2 = open(name, 2)
    await v2.open()
    await v2.table('evidence').bulkAdd(inlineEvidenceRows([tinyBundle(A, T1), failedAttemptOf(A, T2)]))
    v2.close()
    const v3 = open(name)
    await v3.open()
    expect(v3.verno).toBe(latestSchemaVersion)
    expect(await v3.evidence.count()).toBe(2)
    const rows: CollectAttemptRow[] = await v3.collectAttempts.orderBy('[accountId+at]').toArray()
    // Every source of the second bundle failed: a failed attempt, by the live run's own rule (bundleState).
    expect(rows.map((r) => [r.at, r.state])).toEqual([
      [T1, 'ok'],
      [T2, 'failed'],
    ])
  })
})

describe('the desk and the summaries score the same evidence', () => {
  it('for an account whose newest bundle failed one source: its newest good evidence per source', async () => {
    const db = open()
    const model = tinyModel()
    const now = '2026-11-25T00:00:00.000Z'
    await createAccountsRepo(db).putMany([tinyAccount(A, 'a')])
    const good = tinyBundle(A, T1, { isRootMfa: false })
    const failedReport = { status: expired, collectedAt: T2, raw: [], records: null }
    const newest: EvidenceBundle = { ...tinyBundle(A, T2), credentialReport: failedReport }
    const evidence = createEvidenceRepo(db)
    await evidence.addMany([good, newest])

    const desk = (await evidence.latestByAccount()).get(A)
    expect(desk?.credentialReport).toEqual(good.credentialReport)
    expect(desk?.identity).toEqual(newest.identity)
    const { changed } = await createSummariesRepo(db).refresh({ model, now })
    const account = await createAccountsRepo(db).get(A)
    if (!account) throw new Error('account A was stored')
    const scored = (bundle: EvidenceBundle | undefined) =>
      summarizeAccount(
        compileModel(model),
        { account, bundle, attestations: [], waivers: [] },
        changed[0]?.inputKey ?? '',
        new Date(now),
      )
    // The summary is the one the desk's evidence scores to, not the one of the newest bundle as stored.
    expect(changed).toEqual([scored(desk)])
    expect(changed[0]).not.toEqual(scored(newest))
    expect(changed[0]).toMatchObject({ evidenceCollectedAt: T2, hasCollectionError: false })
  })
})
