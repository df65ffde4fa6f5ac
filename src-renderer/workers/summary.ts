import type { Account, Attestation, DomainId, Level, Waiver } from '../../shared/domain/types'
import { type EvidenceBundle, sourceIds } from '../../shared/evidence/schema'
import { type CompiledModel, DEFAULT_MAX_EVIDENCE_AGE_DAYS, scoreAccount } from '../../shared/scoring/engine'
import type { AccountScorecard, ControlStatus, DomainResult, Grade } from '../../shared/scoring/types'

/** One domain of one account, as the overview shows it. */
export interface DomainSummary {
  /** The assessed level: attestations count as met. */
  level: Level
  /** The evidence-verified level: only pass, exempt and not-applicable count. */
  verifiedLevel: Level
  target?: Level
  progress: number
  /** Failing controls that hold the domain below the next level. */
  failCount: number
  /** Unverified controls that hold the domain below the next level. */
  unknownCount: number
}

/**
 * What the overview needs about one account, stored per account so the desk never has to read every bundle
 * and answer to draw its first row. Control statuses are kept compactly (one character per control, in
 * the model's order) so a pivot by control or a ▲/▼ mark against a snapshot needs no full scorecard.
 */
export interface AccountSummary {
  accountId: string
  /** Everything the summary was computed from, as one string: it is recomputed when this changes. */
  inputKey: string
  /** When the summary goes out of date by itself (an answer or waiver expires, evidence turns stale). */
  validUntil?: string
  modelVersion: string
  scoredAt: string
  level: Level
  verifiedLevel: Level
  grade: Grade
  belowTarget: DomainId[]
  domains: Partial<Record<DomainId, DomainSummary>>
  /** Controls by status. */
  counts: Partial<Record<ControlStatus, number>>
  /** Unknown controls by category (an open map: a new category needs no schema change). */
  unknownCounts: Record<string, number>
  /** When the scored bundle was collected (absent: never collected). */
  evidenceCollectedAt?: string
  /** The oldest source time in that bundle: the evidence age. */
  oldestEvidenceAt?: string
  /** True when a source of the scored bundle failed to collect. */
  hasCollectionError: boolean
  /** One character per control of `modelVersion`, in compiled order: see `statusCodes`. */
  statuses: string
  /** The category of each unknown control, by control id. */
  unknownReasons: Record<string, string>
}

/** The one-character code of each control status in `AccountSummary.statuses`. */
export const statusCodes: Record<ControlStatus, string> = {
  pass: 'p',
  fail: 'f',
  unknown: 'u',
  exempt: 'e',
  attested: 'a',
  'not-applicable': 'n',
}
const statusOfCode = new Map(Object.entries(statusCodes).map(([status, code]) => [code, status]))

/** The status of one control in a summary, by its index in the compiled model (undefined when absent). */
export function summaryStatus(summary: AccountSummary, index: number): ControlStatus | undefined {
  return statusOfCode.get(summary.statuses[index] ?? '') as ControlStatus | undefined
}

/** What one account's summary is computed from. */
export interface SummaryInput {
  account: Pick<Account, 'id' | 'targets'>
  bundle: EvidenceBundle | undefined
  /** The newest answer per control (older ones are history). */
  attestations: Attestation[]
  waivers: Waiver[]
  /** A key for anything else the score depends on (a baseline, later), folded into the input key. */
  extraKey?: string
}

const verifiedStatuses = new Set<ControlStatus>(['pass', 'exempt', 'not-applicable'])

/** The highest level at which every control at or below it is evidence-verified. */
function verifiedLevelOf(domain: DomainResult): Level {
  const stated = (domain as DomainResult & { verifiedLevel?: Level }).verifiedLevel
  if (stated !== undefined) return stated
  let level = 0
  for (let at = 1; at <= 5; at++) {
    const controls = domain.controls.filter((c) => c.level === at)
    if (!controls.every((c) => verifiedStatuses.has(c.status))) break
    level = at
  }
  return Math.min(level, domain.level) as Level
}

/** The input key: the model, the targets, the bundle, the answers, and the extra key (a baseline). */
export function summaryInputKey(
  modelVersion: string,
  input: Omit<SummaryInput, 'bundle'>,
  bundleId: string | undefined,
): string {
  return [
    modelVersion,
    JSON.stringify(input.account.targets),
    bundleId ?? '-',
    input.attestations.map((a) => `${a.id}:${a.attestedAt}:${a.expiresAt}:${a.isMet}`).join(','),
    input.waivers.map((w) => `${w.id}:${w.createdAt}:${w.expiresAt}`).join(','),
    input.extraKey ?? '',
  ].join('|')
}

/** The first moment after `now` at which the score changes by itself: an expiry, or evidence going stale. */
export function summaryValidUntil(input: SummaryInput, now: Date): string | undefined {
  const times: number[] = []
  for (const a of input.attestations) times.push(Date.parse(a.expiresAt))
  for (const w of input.waivers) times.push(Date.parse(w.expiresAt))
  if (input.bundle) {
    const maxAge = DEFAULT_MAX_EVIDENCE_AGE_DAYS * 86_400_000
    for (const id of sourceIds) times.push(Date.parse(input.bundle[id].collectedAt) + maxAge)
  }
  const future = times.filter((t) => t > now.getTime())
  return future.length > 0 ? new Date(Math.min(...future)).toISOString() : undefined
}

/**
 * The part of a summary read from the scorecard alone: levels, counts, statuses. `controlOrder` is the model's
 * control order (the scorecard's own order when absent). The input key and evidence fields are left empty.
 */
export function summaryOfCard(card: AccountScorecard, controlOrder?: readonly string[]): AccountSummary {
  const counts: Partial<Record<ControlStatus, number>> = {}
  const unknownCounts: Record<string, number> = {}
  const unknownReasons: Record<string, string> = {}
  const byId = new Map<string, ControlStatus>()
  const domains: Partial<Record<DomainId, DomainSummary>> = {}
  for (const domain of card.domains) {
    for (const c of domain.controls) {
      counts[c.status] = (counts[c.status] ?? 0) + 1
      byId.set(c.controlId, c.status)
      if (c.status === 'unknown') {
        const category = c.unknownReason ?? 'unknown'
        unknownCounts[category] = (unknownCounts[category] ?? 0) + 1
        unknownReasons[c.controlId] = category
      }
    }
    domains[domain.domainId] = {
      level: domain.level,
      verifiedLevel: verifiedLevelOf(domain),
      ...(domain.target !== undefined ? { target: domain.target } : {}),
      progress: domain.progress,
      failCount: domain.blockers.fails.length,
      unknownCount: domain.blockers.unknowns.length,
    }
  }
  const verified = Object.values(domains).map((d) => d.verifiedLevel)
  const order = controlOrder ?? [...byId.keys()]
  return {
    accountId: card.accountId,
    inputKey: '',
    modelVersion: '',
    scoredAt: '',
    level: card.level,
    verifiedLevel: (verified.length > 0 ? Math.min(...verified) : 0) as Level,
    grade: card.grade,
    belowTarget: card.belowTarget,
    domains,
    counts,
    unknownCounts,
    hasCollectionError: false,
    statuses: order.map((id) => statusCodes[byId.get(id) ?? 'not-applicable']).join(''),
    unknownReasons,
  }
}

/** Reads a scorecard into its stored summary, with the key and time of the inputs it came from. */
export function summarizeCard(
  card: AccountScorecard,
  compiled: CompiledModel,
  input: SummaryInput,
  meta: { inputKey: string; now: Date },
): AccountSummary {
  const bundle = input.bundle
  const validUntil = summaryValidUntil(input, meta.now)
  return {
    ...summaryOfCard(
      card,
      compiled.controls.map((c) => c.control.id),
    ),
    inputKey: meta.inputKey,
    ...(validUntil ? { validUntil } : {}),
    modelVersion: compiled.version,
    scoredAt: meta.now.toISOString(),
    ...(bundle
      ? {
          evidenceCollectedAt: bundle.collectedAt,
          oldestEvidenceAt: sourceIds
            .map((id) => bundle[id].collectedAt)
            .reduce((x, y) => (Date.parse(x) <= Date.parse(y) ? x : y)),
        }
      : {}),
    hasCollectionError: bundle ? sourceIds.some((id) => bundle[id].status.state === 'error') : false,
  }
}

/** Scores one account and reads the scorecard into its summary: the one path the worker and tests use. */
export function summarizeAccount(
  compiled: CompiledModel,
  input: SummaryInput,
  inputKey: string,
  now: Date,
): AccountSummary {
  const card = scoreAccount({
    model: compiled,
    now,
    accountId: input.account.id,
    account: input.account,
    bundle: input.bundle,
    attestations: input.attestations,
    waivers: input.waivers,
  })
  return summarizeCard(card, compiled, input, { inputKey, now })
}

/** Rows grouped by their account id, in their order. */
export function groupByAccount<T extends { accountId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const row of rows) {
    const list = map.get(row.accountId)
    if (list) list.push(row)
    else map.set(row.accountId, [row])
  }
  return map
}
