import type {
  AccessAnalyzerRecords,
  AccessAnalyzerRegion,
  CredentialReportRecords,
  EvidenceBundle,
  SourceId,
  SourceResult,
  SourceStatus,
  TrustedAdvisorRecords,
} from './schema'
import { sourceIds } from './schema'

/**
 * The one selector of "newest good evidence per source, and its age" that the app, snapshots, exports and the
 * CLI all call. A failed, cancelled, denied or partial attempt never replaces good evidence: it is reported
 * beside it. A definitive answer from AWS (not subscribed, no analyzer, Region disabled) is good evidence.
 * Only age, judged by the scoring engine against the maximum evidence age, makes good evidence unknown.
 */

/** True for a status that is evidence about the account: read, or definitively unavailable. */
export function isGoodStatus(status: SourceStatus): boolean {
  if (status.state === 'ok') return true
  return status.state === 'unavailable' && status.reason !== 'access-denied'
}

/** True when the status says the collector was not allowed to read the source. */
export function isAccessDenied(status: SourceStatus): boolean {
  return status.state === 'unavailable' && status.reason === 'access-denied'
}

/** A source is good when its status is, or (Access Analyzer) when at least one Region was read. */
function isGoodResult<K extends SourceId>(source: K, result: SourceResult<K>): boolean {
  if (isGoodStatus(result.status)) return true
  if (source !== 'accessAnalyzer') return false
  const regions = (result as SourceResult<'accessAnalyzer'>).records?.regions ?? []
  return regions.some((r) => isGoodStatus(r.status))
}

/** One attempt that did not give good evidence for a source, kept beside the evidence shown. */
export interface FailedAttempt {
  source: SourceId
  /** When the failed attempt was made. */
  at: string
  status: SourceStatus
}

/** What the selector returns for one account. */
export interface SelectedEvidence {
  /** A bundle whose every source is the newest good result (or, when none exists, the newest result). */
  bundle: EvidenceBundle
  /** Attempts newer than the evidence shown for their source, newest first. */
  failures: FailedAttempt[]
  /** Per source: when the evidence shown was collected. */
  collectedAt: Record<SourceId, string>
  /** Per source: when the evidence shown is from, as the evidence says (see `evidenceTime`); ages use it. */
  evidenceTimes: Record<SourceId, EvidenceTime>
}

/**
 * How an evidence time is known: `evidence`, a date AWS put in the evidence; `collection`, when Ratchet
 * collected it; `file-time`, the modification time of imported files, which a copy changes (say so).
 */
export type EvidenceTimeBasis = 'evidence' | 'collection' | 'file-time'

/** When a source's evidence is from, and how that is known. */
export interface EvidenceTime {
  at: string
  basis: EvidenceTimeBasis
}

/** The dates the evidence itself carries, per source. */
function datesInEvidence<K extends SourceId>(
  source: K,
  result: SourceResult<K>,
): Array<string | null | undefined> {
  const records = result.records
  if (!records) return []
  if (source === 'credentialReport') return [(records as CredentialReportRecords).generatedAt]
  if (source === 'trustedAdvisor')
    return (records as TrustedAdvisorRecords).checks.map((c) => c.lastUpdatedAt)
  if (source !== 'accessAnalyzer') return []
  const regions = (records as AccessAnalyzerRecords).regions.filter((r) => isGoodStatus(r.status))
  const analyzed = regions.flatMap((r) =>
    r.analyzers.filter((a) => a.status === 'ACTIVE').map((a) => a.lastAnalyzedAt),
  )
  // A Region merged from an earlier collection is as old as that collection.
  return analyzed.some(Boolean) ? [...analyzed, ...regions.map((r) => r.collectedAt)] : []
}

/**
 * When a source's evidence is from, as the evidence itself says: the credential report's GeneratedTime, the
 * oldest Trusted Advisor check's lastUpdatedAt, the oldest active analyzer's last analysis. Never later than
 * the collection, so a date from the future cannot make evidence fresher. Without such a date, the
 * collection time (for an offline folder without Ratchet's meta file, a file time, said so).
 */
export function evidenceTime<K extends SourceId>(source: K, result: SourceResult<K>): EvidenceTime {
  const collected = Date.parse(result.collectedAt)
  const dated = datesInEvidence(source, result)
    .flatMap((d) => (d ? [Date.parse(d)] : []))
    .filter((ms) => !Number.isNaN(ms))
  const oldest = Math.min(...dated)
  // A file time copied into the evidence (a bare CSV's report time) is still a file time.
  if (dated.length > 0 && (oldest < collected || (oldest === collected && !result.isFileTime)))
    return { at: new Date(oldest).toISOString(), basis: 'evidence' }
  return { at: result.collectedAt, basis: result.isFileTime ? 'file-time' : 'collection' }
}

/**
 * The Access Analyzer source status from its Regions' statuses: an error when any Region failed, access
 * denied when any Region was denied (a permission gap is never success), otherwise ok (every Region was read
 * or is a known gap: no analyzer, disabled).
 */
export function combineRegionStatuses(regions: readonly AccessAnalyzerRegion[]): SourceStatus {
  const failed = regions.filter((r) => r.status.state === 'error')
  const first = failed[0]?.status
  if (first?.state === 'error') {
    const detail = failed
      .map((r) => `${r.region}: ${r.status.state === 'error' ? r.status.message : ''}`)
      .join('; ')
    return {
      state: 'error',
      code: first.code,
      message: `${failed.length} of ${regions.length} Regions failed (${detail})`,
    }
  }
  const denied = regions.filter((r) => isAccessDenied(r.status))
  const firstDenied = denied[0]?.status
  if (firstDenied?.state === 'unavailable') {
    return {
      state: 'unavailable',
      reason: 'access-denied',
      message:
        denied.length === regions.length
          ? firstDenied.message
          : `${denied.length} of ${regions.length} Regions denied (${denied.map((r) => r.region).join(', ')}): ${firstDenied.message}`,
    }
  }
  return { state: 'ok' }
}

const newestFirst = (a: EvidenceBundle, b: EvidenceBundle) =>
  Date.parse(b.collectedAt) - Date.parse(a.collectedAt)

/** Access Analyzer: the newest good result of each Region, merged into the newest good result of the source. */
function mergeRegions(
  results: Array<SourceResult<'accessAnalyzer'>>,
  chosen: SourceResult<'accessAnalyzer'>,
): SourceResult<'accessAnalyzer'> {
  const byRegion = new Map<
    string,
    { region: AccessAnalyzerRegion; raw: SourceResult<'accessAnalyzer'>['raw'] }
  >()
  for (const result of results) {
    for (const region of result.records?.regions ?? []) {
      const kept = byRegion.get(region.region)
      const isBetter = !kept || (!isGoodStatus(kept.region.status) && isGoodStatus(region.status))
      if (!isBetter) continue
      byRegion.set(region.region, {
        region,
        raw: result.raw.filter((p) => p.region === region.region),
      })
    }
  }
  if (byRegion.size === 0) return chosen
  // Nothing taken from another collection: the chosen result as it is (same raw order, same object).
  const own = new Set(chosen.records?.regions ?? [])
  if ([...byRegion.values()].every((r) => own.has(r.region)) && own.size === byRegion.size) return chosen
  const regions = [...byRegion.values()].map((r) => r.region)
  const raw = [
    ...chosen.raw.filter((p) => p.region === undefined),
    ...[...byRegion.values()].flatMap((r) => r.raw),
  ]
  regions.sort((a, b) => a.region.localeCompare(b.region))
  return {
    ...chosen,
    status: combineRegionStatuses(regions),
    raw,
    records: { regions },
  }
}

/**
 * Selects, from any bundles of ONE account, the newest good evidence of each source (and of each Access
 * Analyzer Region), ignoring bundles collected after `at` when given. Returns undefined for no bundles.
 */
export function selectEvidence(
  bundles: readonly EvidenceBundle[],
  options: { at?: number } = {},
): SelectedEvidence | undefined {
  const eligible = bundles
    .filter((b) => options.at === undefined || Date.parse(b.collectedAt) <= options.at)
    .sort(newestFirst)
  const newest = eligible[0]
  if (!newest) return undefined
  const failures: FailedAttempt[] = []
  const pick = <K extends SourceId>(source: K): SourceResult<K> => {
    const good = eligible.find((b) => isGoodResult(source, b[source]))
    const chosen = (good ?? newest)[source]
    for (const b of eligible) {
      if (b === good) break
      const status = b[source].status
      if (!isGoodStatus(status)) failures.push({ source, at: b[source].collectedAt, status })
    }
    if (source !== 'accessAnalyzer') return chosen
    const merged = mergeRegions(
      eligible.map((b) => b.accessAnalyzer),
      chosen as SourceResult<'accessAnalyzer'>,
    )
    return merged as SourceResult<K>
  }
  const bundle: EvidenceBundle = {
    schemaVersion: newest.schemaVersion,
    accountId: newest.accountId,
    collectedAt: newest.collectedAt,
    identity: pick('identity'),
    credentialReport: pick('credentialReport'),
    trustedAdvisor: pick('trustedAdvisor'),
    accessAnalyzer: pick('accessAnalyzer'),
  }
  // The bundle is dated by the newest collection that gave good evidence, never by a failed attempt's time.
  const contributing = eligible.find((b) => sourceIds.some((s) => isGoodResult(s, b[s]))) ?? newest
  bundle.collectedAt = contributing.collectedAt
  const collectedAt = Object.fromEntries(sourceIds.map((s) => [s, bundle[s].collectedAt])) as Record<
    SourceId,
    string
  >
  const evidenceTimes = Object.fromEntries(sourceIds.map((s) => [s, evidenceTime(s, bundle[s])])) as Record<
    SourceId,
    EvidenceTime
  >
  failures.sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
  return { bundle, failures, collectedAt, evidenceTimes }
}

/** Per account: the selected evidence of every account among the bundles (collected by `at`, when given). */
export function selectEvidenceByAccount(
  bundles: readonly EvidenceBundle[],
  options: { at?: number } = {},
): Map<string, SelectedEvidence> {
  const byAccount = new Map<string, EvidenceBundle[]>()
  for (const bundle of bundles) {
    const list = byAccount.get(bundle.accountId)
    if (list) list.push(bundle)
    else byAccount.set(bundle.accountId, [bundle])
  }
  const result = new Map<string, SelectedEvidence>()
  for (const [accountId, list] of byAccount) {
    const selected = selectEvidence(list, options)
    if (selected) result.set(accountId, selected)
  }
  return result
}

/** The parts of a source that could not be read although the source was (a failed secondary call). */
export function sourceGaps(
  bundle: EvidenceBundle,
  source: SourceId,
): Array<{ part: string; status: SourceStatus }> {
  if (source === 'credentialReport') {
    const gaps = bundle.credentialReport.records?.gaps ?? {}
    return Object.entries(gaps).flatMap(([part, status]) => (status ? [{ part, status }] : []))
  }
  if (source === 'trustedAdvisor') {
    return (bundle.trustedAdvisor.records?.checks ?? []).flatMap((c) =>
      c.resourcesStatus ? [{ part: `${c.checkId} resources`, status: c.resourcesStatus }] : [],
    )
  }
  return []
}

/**
 * True when every source of the bundle (and every Access Analyzer Region) holds good evidence, with no
 * part missing.
 */
export function isComplete(bundle: EvidenceBundle): boolean {
  if (sourceIds.some((s) => sourceGaps(bundle, s).length > 0)) return false
  return sourceIds.every((s) => {
    if (s !== 'accessAnalyzer') return isGoodStatus(bundle[s].status)
    const regions = bundle.accessAnalyzer.records?.regions ?? []
    return isGoodStatus(bundle.accessAnalyzer.status) && regions.every((r) => isGoodStatus(r.status))
  })
}

/** What one collection attempt of an account gave, as a whole. */
export type BundleState = 'ok' | 'partial' | 'failed'

/**
 * The one rule of what an account's bundle amounts to, for the live run and the offline folder alike: ok
 * when it is complete (every source and Region read or definitively unavailable, e.g. not subscribed, no
 * analyzer); failed when no source gave anything good (every one an error or denied); partial otherwise.
 * A failure never counts as read, so an error is never ok.
 */
export function bundleState(bundle: EvidenceBundle): BundleState {
  if (isComplete(bundle)) return 'ok'
  return sourceIds.some((s) => isGoodResult(s, bundle[s])) ? 'partial' : 'failed'
}
