import { describe, expect, it } from 'vitest'
import {
  EVIDENCE_SCHEMA_VERSION,
  type EvidenceBundle,
  type SourceId,
  type SourceStatus,
  sourceIds,
} from '../../shared/evidence/schema'
import type { AccountOutcome } from '../../shared/ipc/domains/collect'
import { type BundleState, bundleState, progressState, summarize } from './outcomes'

const ok = (key: string, state: AccountOutcome['state']): AccountOutcome => ({
  targetKey: key,
  accountId: key,
  label: key,
  state,
  sources: {
    identity: { state: 'ok' },
    credentialReport: { state: 'ok' },
    trustedAdvisor: { state: state === 'ok' ? 'ok' : 'denied' },
    accessAnalyzer: { state: 'ok' },
  },
  calls: 3,
})

describe('summarize', () => {
  it('counts every target once, and a target never reached as cancelled', () => {
    const targets = ['111111111111', '222222222222', '333333333333'].map((key) => ({ key, label: key }))
    const summary = summarize({
      jobId: 'j',
      startedAt: '2026-11-29T00:00:00.000Z',
      finishedAt: '2026-11-29T00:01:00.000Z',
      isCancelled: true,
      targets,
      outcomes: new Map([
        ['111111111111', ok('111111111111', 'ok')],
        ['222222222222', ok('222222222222', 'partial')],
      ]),
      calls: { 'iam:GetAccountSummary': 2 },
    })
    expect(summary.totals).toEqual({ accounts: 3, ok: 1, partial: 1, failed: 0, cancelled: 1 })
    expect(summary.accounts[2]?.sources.identity.state).toBe('cancelled')
  })

  it('shows access denied as its own progress state', () => {
    expect(progressState({ state: 'unavailable', reason: 'access-denied', message: 'no' })).toBe('denied')
    expect(progressState({ state: 'unavailable', reason: 'no-analyzer', message: 'none' })).toBe(
      'unavailable',
    )
    expect(progressState({ state: 'error', code: 'x', message: 'y' })).toBe('failed')
  })
})

const at = '2026-11-29T00:00:00.000Z'
const okStatus: SourceStatus = { state: 'ok' }
const denied: SourceStatus = { state: 'unavailable', reason: 'access-denied', message: 'AccessDenied' }
const failed: SourceStatus = { state: 'error', code: 'InternalFailure', message: '503' }
const notSubscribed: SourceStatus = { state: 'unavailable', reason: 'not-subscribed', message: 'Basic' }
const noAnalyzer: SourceStatus = { state: 'unavailable', reason: 'no-analyzer', message: 'none' }

/** A bundle whose sources have the given statuses (ok elsewhere); `regions` are Access Analyzer's. */
function bundleWith(
  statuses: Partial<Record<SourceId, SourceStatus>>,
  regions: SourceStatus[] = [statuses.accessAnalyzer ?? okStatus],
): EvidenceBundle {
  const result = (s: SourceId) => ({
    status: statuses[s] ?? okStatus,
    collectedAt: at,
    raw: [],
    records: null,
  })
  const aaRegions = regions.map((status, i) => ({
    region: `region-${i}`,
    status,
    collectedAt: at,
    analyzers: [],
    findings: [],
  }))
  return {
    schemaVersion: EVIDENCE_SCHEMA_VERSION,
    accountId: '111111111111',
    collectedAt: at,
    identity: result('identity'),
    credentialReport: result('credentialReport'),
    trustedAdvisor: result('trustedAdvisor'),
    accessAnalyzer: { ...result('accessAnalyzer'), records: { regions: aaRegions } },
  } as EvidenceBundle
}

const allErrors = Object.fromEntries(sourceIds.map((s) => [s, failed]))

describe('bundleState', () => {
  const cases: Array<[string, EvidenceBundle, BundleState]> = [
    ['every source ok', bundleWith({}), 'ok'],
    ['one source access denied', bundleWith({ trustedAdvisor: denied }), 'partial'],
    ['one source error', bundleWith({ credentialReport: failed }), 'partial'],
    // Offline said partial here before, because the failed Regions are records.
    ['every source error', bundleWith(allErrors), 'failed'],
    ['every source denied', bundleWith(Object.fromEntries(sourceIds.map((s) => [s, denied]))), 'failed'],
    ['Trusted Advisor not subscribed, the rest ok', bundleWith({ trustedAdvisor: notSubscribed }), 'ok'],
    ['no analyzer in any Region, the rest ok', bundleWith({ accessAnalyzer: noAnalyzer }), 'ok'],
    // The two paths disagreed on these before (offline said failed for the first when no source had
    // records, the live run failed for the second): a definitive answer, and one Region read, are evidence.
    [
      'Trusted Advisor not subscribed, every other source error',
      bundleWith({ ...allErrors, trustedAdvisor: notSubscribed }),
      'partial',
    ],
    [
      'Access Analyzer read in one Region only, every other source error',
      bundleWith(allErrors, [okStatus, failed]),
      'partial',
    ],
    ['one Access Analyzer Region failed, the status still ok', bundleWith({}, [okStatus, failed]), 'partial'],
  ]
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(bundleState(bundle)).toBe(expected)
  })

  it('never calls a bundle with any error or denial ok', () => {
    for (const source of sourceIds) {
      for (const status of [failed, denied]) {
        expect(bundleState(bundleWith({ [source]: status }))).not.toBe('ok')
      }
    }
  })
})
