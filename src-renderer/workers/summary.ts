import type { Account, Attestation, Waiver } from '../../shared/domain/types'
import { type EvidenceBundle, sourceIds } from '../../shared/evidence/schema'
import { fnv1a64 } from '../../shared/model/hash'
import { type AccountState, accountStateOfCard } from '../../shared/overview/state'
import { type CompiledModel, DEFAULT_MAX_EVIDENCE_AGE_DAYS, scoreAccount } from '../../shared/scoring/engine'
import type { AccountScorecard } from '../../shared/scoring/types'

/**
 * What the overview needs about one account, stored per account so the desk never has to read every bundle
 * and answer to draw its first row: the overview state (levels, counts, compact per-control statuses in the
 * model's order) and where it came from.
 */
export interface AccountSummary extends AccountState {
  /** Everything the summary was computed from, as one string: it is recomputed when this changes. */
  inputKey: string
  /** When the summary goes out of date by itself (an answer or waiver expires, evidence turns stale). */
  validUntil?: string
  modelVersion: string
  scoredAt: string
  /** When the scored bundle was collected (absent: never collected). */
  evidenceCollectedAt?: string
  /** True when a source of the scored bundle failed to collect. */
  hasCollectionError: boolean
}

/** What one account's summary is computed from. */
export interface SummaryInput {
  account: Pick<Account, 'id' | 'targets'>
  bundle: EvidenceBundle | undefined
  /** The newest answer per control (older ones are history). */
  attestations: Attestation[]
  waivers: Waiver[]
}

/**
 * The shape of the stored summaries: part of every input key, so rows written in an older shape are
 * recomputed (never migrated) when it changes. 2: the evidence-verified level as the engine states it (null:
 * no automated evidence), the grade "unassessed", evidence times from the verdicts. 3: the key is stored
 * hashed.
 */
const SUMMARY_FORMAT = 'summary-3'

/** The input key: the model, the targets, the bundle and the answers. */
export function summaryInputKey(
  modelVersion: string,
  input: Omit<SummaryInput, 'bundle'>,
  bundleId: string | undefined,
): string {
  const key = [
    modelVersion,
    JSON.stringify(input.account.targets),
    bundleId ?? '-',
    input.attestations.map((a) => `${a.id}:${a.attestedAt}:${a.expiresAt}:${a.isMet}`).join(','),
    input.waivers.map((w) => `${w.id}:${w.createdAt}:${w.expiresAt}`).join(','),
  ].join('|')
  // Stored hashed: the answers alone make the key ~5 KB per account, rewritten with every summary. The length
  // rides along, so two keys must also agree in size to collide.
  return `${SUMMARY_FORMAT}:${fnv1a64(key)}:${key.length}`
}

/** The first moment after `now` at which the score changes by itself: an expiry, or evidence going stale. */
function summaryValidUntil(input: SummaryInput, now: Date): string | undefined {
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
 * control order (the scorecard's own order when absent). The input key and bundle fields are left empty.
 */
export function summaryOfCard(card: AccountScorecard, controlOrder?: readonly string[]): AccountSummary {
  return {
    ...accountStateOfCard(card, controlOrder),
    inputKey: '',
    modelVersion: '',
    scoredAt: '',
    hasCollectionError: false,
  }
}

/** Reads a scorecard into its stored summary, with the key and time of the inputs it came from. */
function summarizeCard(
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
    ...(bundle ? { evidenceCollectedAt: bundle.collectedAt } : {}),
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

export { groupByAccount } from '../../shared/scoring/score-accounts'
