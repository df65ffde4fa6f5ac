import type { AccessAnalyzerRegion, EvidenceBundle, SourceId, SourceResult, SourceStatus } from './schema'
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
  failures.sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
  return { bundle, failures, collectedAt }
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

/** True when every source of the bundle (and every Access Analyzer Region) holds good evidence. */
export function isComplete(bundle: EvidenceBundle): boolean {
  return sourceIds.every((s) => {
    if (s !== 'accessAnalyzer') return isGoodStatus(bundle[s].status)
    const regions = bundle.accessAnalyzer.records?.regions ?? []
    return isGoodStatus(bundle.accessAnalyzer.status) && regions.every((r) => isGoodStatus(r.status))
  })
}

/** The age in whole days of the oldest evidence shown, at `now` (the caller passes the clock). */
export function evidenceAgeDays(selected: SelectedEvidence, now: Date): number {
  const oldest = Math.min(...sourceIds.map((s) => Date.parse(selected.collectedAt[s])))
  return Math.max(0, Math.floor((now.getTime() - oldest) / 86_400_000))
}
