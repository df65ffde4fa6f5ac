import { describe, expect, it } from 'vitest'
import {
  EVIDENCE_SCHEMA_VERSION,
  type EvidenceBundle,
  type SourceId,
  type SourceStatus,
  sourceIds,
} from './schema'
import { type BundleState, bundleState } from './select'

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
