import { describe, expect, it } from 'vitest'
import { ACCOUNT_A, ACCOUNT_B, tinyBundle } from '../snapshot/fixtures.test-support'
import { expiredStatus, failedAttempt } from './fixtures.test-support'
import type { AccessAnalyzerRegion, SourceStatus } from './schema'
import {
  combineRegionStatuses,
  evidenceTime,
  isComplete,
  selectEvidence,
  selectEvidenceByAccount,
} from './select'

const T1 = '2026-11-01T00:00:00.000Z'
const T2 = '2026-11-20T00:00:00.000Z'
const expired = expiredStatus
const denied: SourceStatus = { state: 'unavailable', reason: 'access-denied', message: 'not allowed' }

const region = (name: string, status: SourceStatus, at: string): AccessAnalyzerRegion => ({
  region: name,
  status,
  collectedAt: at,
  analyzers: [],
  findings: [],
})

describe('selectEvidence: newest good evidence per source', () => {
  it('keeps the earlier good evidence when a re-collection fails, and states the failed attempt', () => {
    const good = tinyBundle(ACCOUNT_A, T1, { isRootMfa: false })
    const selected = selectEvidence([good, failedAttempt(ACCOUNT_A, T2)])
    expect(selected?.bundle.credentialReport).toEqual(good.credentialReport)
    expect(selected?.bundle.collectedAt).toBe(T1)
    expect(selected?.collectedAt.credentialReport).toBe(T1)
    expect(selected?.failures.map((f) => [f.source, f.at, f.status.state])).toContainEqual([
      'credentialReport',
      T2,
      'error',
    ])
  })

  it('takes newer good evidence, and keeps older sources that failed this time', () => {
    const older = tinyBundle(ACCOUNT_A, T1, { keyAgeDays: 10 })
    const newer = { ...tinyBundle(ACCOUNT_A, T2, { keyAgeDays: 400 }) }
    newer.identity = { status: denied, collectedAt: T2, raw: [], records: null }
    const selected = selectEvidence([newer, older])
    expect(selected?.bundle.credentialReport).toEqual(newer.credentialReport)
    expect(selected?.bundle.identity).toEqual(older.identity)
    expect(selected?.failures).toEqual([{ source: 'identity', at: T2, status: denied }])
  })

  it('treats a definitive answer (not subscribed) as evidence that replaces older records', () => {
    const older = tinyBundle(ACCOUNT_A, T1)
    older.trustedAdvisor = {
      status: { state: 'ok' },
      collectedAt: T1,
      raw: [],
      records: { checks: [], via: 'account' },
    }
    const newer = tinyBundle(ACCOUNT_A, T2)
    expect(selectEvidence([older, newer])?.bundle.trustedAdvisor.status.state).toBe('unavailable')
  })

  it('shows the newest attempt when no good evidence exists, so its reason is the unknown reason', () => {
    const selected = selectEvidence([failedAttempt(ACCOUNT_A, T1)])
    expect(selected?.bundle.identity.status).toEqual(expired)
  })

  it('selects Access Analyzer per Region', () => {
    const older = tinyBundle(ACCOUNT_A, T1)
    older.accessAnalyzer = {
      status: { state: 'ok' },
      collectedAt: T1,
      raw: [{ operation: 'ListAnalyzers', region: 'eu-west-1', payload: { analyzers: [] } }],
      records: {
        regions: [region('eu-west-1', { state: 'ok' }, T1), region('us-east-1', { state: 'ok' }, T1)],
      },
    }
    const newer = tinyBundle(ACCOUNT_A, T2)
    newer.accessAnalyzer = {
      status: expired,
      collectedAt: T2,
      raw: [],
      records: { regions: [region('eu-west-1', expired, T2), region('us-east-1', { state: 'ok' }, T2)] },
    }
    const aa = selectEvidence([older, newer])?.bundle.accessAnalyzer
    expect(aa?.records?.regions.map((r) => [r.region, r.collectedAt])).toEqual([
      ['eu-west-1', T1],
      ['us-east-1', T2],
    ])
    expect(aa?.status).toEqual({ state: 'ok' })
    expect(aa?.raw).toHaveLength(1)
  })

  it('ignores bundles collected after `at` (snapshots)', () => {
    const selected = selectEvidence([tinyBundle(ACCOUNT_A, T1), tinyBundle(ACCOUNT_A, T2)], {
      at: Date.parse(T1),
    })
    expect(selected?.bundle.collectedAt).toBe(T1)
    expect(selectEvidence([tinyBundle(ACCOUNT_A, T2)], { at: Date.parse(T1) })).toBeUndefined()
  })

  it('groups by account', () => {
    const map = selectEvidenceByAccount([tinyBundle(ACCOUNT_A, T1), tinyBundle(ACCOUNT_B, T2)])
    expect([...map.keys()].sort()).toEqual([ACCOUNT_A, ACCOUNT_B])
  })
})

describe('statuses', () => {
  it('counts a denied Region as a permission gap, never as ok', () => {
    const status = combineRegionStatuses([region('a', { state: 'ok' }, T1), region('b', denied, T1)])
    expect(status).toMatchObject({ state: 'unavailable', reason: 'access-denied' })
  })

  it('calls a bundle complete only when every source is ok or definitively unavailable', () => {
    expect(isComplete(tinyBundle(ACCOUNT_A, T1))).toBe(true)
    const partial = tinyBundle(ACCOUNT_A, T1)
    partial.identity = { status: denied, collectedAt: T1, raw: [], records: null }
    expect(isComplete(partial)).toBe(false)
  })
})

describe('evidence time: from the evidence, never from when it was read or copied', () => {
  const collected = '2026-11-28T00:00:00.000Z'
  const bundle = tinyBundle(ACCOUNT_A, collected)

  it('dates the credential report by its GeneratedTime, and ages the account by it', () => {
    const cr = { ...bundle.credentialReport }
    cr.records = {
      ...(cr.records as NonNullable<typeof cr.records>),
      generatedAt: '2026-11-01T00:00:00.000Z',
    }
    expect(evidenceTime('credentialReport', cr)).toEqual({
      at: '2026-11-01T00:00:00.000Z',
      basis: 'evidence',
    })
    const selected = selectEvidence([{ ...bundle, credentialReport: cr }])
    expect(selected?.evidenceTimes.identity).toEqual({ at: collected, basis: 'collection' })
  })

  it("dates Trusted Advisor by its oldest check's lastUpdatedAt and Access Analyzer by its oldest active analyzer's last analysis", () => {
    const check = (lastUpdatedAt: string | null) => ({
      checkId: 'x',
      checkArn: 'arn:aws:trustedadvisor:::check/x',
      name: 'x',
      recommendationArn: 'arn:x',
      status: 'ok' as const,
      pillars: ['security'],
      source: 'ta',
      counts: { ok: 1, warning: 0, error: 0, excluded: 0 },
      resources: [],
      lastUpdatedAt,
    })
    const ta = {
      status: { state: 'ok' as const },
      collectedAt: collected,
      raw: [],
      records: {
        via: 'account' as const,
        checks: [check('2026-11-20T00:00:00.000Z'), check(null), check('2026-11-10T00:00:00.000Z')],
      },
    }
    expect(evidenceTime('trustedAdvisor', ta)).toEqual({ at: '2026-11-10T00:00:00.000Z', basis: 'evidence' })
    const analyzer = (status: string, lastAnalyzedAt?: string) => ({
      arn: `arn:aws:access-analyzer:us-east-1:${ACCOUNT_A}:analyzer/${status}`,
      name: status,
      type: 'ACCOUNT',
      status,
      ...(lastAnalyzedAt ? { lastAnalyzedAt } : {}),
    })
    const aa = {
      status: { state: 'ok' as const },
      collectedAt: collected,
      raw: [],
      records: {
        regions: [
          {
            region: 'us-east-1',
            status: { state: 'ok' as const },
            collectedAt: collected,
            analyzers: [
              analyzer('ACTIVE', '2026-11-25T00:00:00.000Z'),
              analyzer('DISABLED', '2025-01-01T00:00:00.000Z'),
            ],
            findings: [],
          },
        ],
      },
    }
    expect(evidenceTime('accessAnalyzer', aa)).toEqual({ at: '2026-11-25T00:00:00.000Z', basis: 'evidence' })
  })

  it('never dates evidence after its collection, and says when the only time is a file time', () => {
    const cr = { ...bundle.credentialReport }
    cr.records = {
      ...(cr.records as NonNullable<typeof cr.records>),
      generatedAt: '2030-01-01T00:00:00.000Z',
    }
    expect(evidenceTime('credentialReport', cr)).toEqual({ at: collected, basis: 'collection' })
    expect(evidenceTime('identity', { ...bundle.identity, isFileTime: true })).toEqual({
      at: collected,
      basis: 'file-time',
    })
  })
})
