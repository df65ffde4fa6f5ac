/** How collection results become progress events and the run's summary (pure). */
import type { EvidenceBundle, SourceId, SourceStatus } from '../../shared/evidence/schema'
import { sourceIds } from '../../shared/evidence/schema'
import { isAccessDenied } from '../../shared/evidence/select'
import type { AccountOutcome, CollectProgress, CollectSummary } from '../../shared/ipc/domains/collect'

/** What one target is to the run's outcomes (the orchestrator's CollectTarget, structurally). */
interface TargetLike {
  key: string
  label: string
  accountId?: string
}

export const recordCount = (bundle: Partial<EvidenceBundle>, source: SourceId): number | undefined => {
  const records = bundle[source]?.records
  if (!records) return undefined
  if ('users' in records) return records.users.length
  if ('checks' in records) return records.checks.length
  if ('regions' in records) return records.regions.reduce((n, r) => n + r.findings.length, 0)
  // Identity has nothing to count.
  return undefined
}

/** A source's status as progress: access denied is its own state, never done or unavailable. */
export const progressState = (status: SourceStatus): CollectProgress['state'] =>
  status.state === 'ok'
    ? 'done'
    : isAccessDenied(status)
      ? 'denied'
      : status.state === 'unavailable'
        ? 'unavailable'
        : 'failed'

/** A source's status as its outcome in the summary. */
export const outcomeState = (status: SourceStatus): AccountOutcome['sources'][SourceId]['state'] =>
  isAccessDenied(status) ? 'denied' : status.state

export const statusDetail = (status: SourceStatus): string | undefined =>
  status.state === 'ok'
    ? undefined
    : status.state === 'unavailable'
      ? `${status.reason}: ${status.message}`
      : `${status.code}: ${status.message}`

export const accountProgress: Record<AccountOutcome['state'], CollectProgress['state']> = {
  ok: 'done',
  partial: 'partial',
  failed: 'failed',
  cancelled: 'cancelled',
}

/** What a source that did not finish before a cancel says in the bundle: an attempt, never evidence. */
export const cancelledStatus: SourceStatus = {
  state: 'error',
  code: 'collection-cancelled',
  message: 'The collection was cancelled before this source finished',
}

/** The outcome of a target the run never reached (it was cancelled first). */
function notReached(target: TargetLike): AccountOutcome {
  return {
    targetKey: target.key,
    ...(target.accountId ? { accountId: target.accountId } : {}),
    label: target.label,
    state: 'cancelled',
    sources: Object.fromEntries(
      sourceIds.map((s) => [s, { state: 'cancelled' }]),
    ) as AccountOutcome['sources'],
    calls: 0,
  }
}

/** The run's summary from its outcomes (pure): targets never reached count as cancelled. */
export function summarize(input: {
  jobId: string
  startedAt: string
  finishedAt: string
  isCancelled: boolean
  targets: readonly TargetLike[]
  outcomes: ReadonlyMap<string, AccountOutcome>
  calls: Record<string, number>
}): CollectSummary {
  const accounts = input.targets.map((t) => input.outcomes.get(t.key) ?? notReached(t))
  const count = (state: AccountOutcome['state']) => accounts.filter((a) => a.state === state).length
  return {
    jobId: input.jobId,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    isCancelled: input.isCancelled,
    accounts,
    totals: {
      accounts: accounts.length,
      ok: count('ok'),
      partial: count('partial'),
      failed: count('failed'),
      cancelled: count('cancelled'),
    },
    calls: input.calls,
  }
}

/** One progress event of a target. */
export function base(
  jobId: string,
  target: TargetLike,
  source: CollectProgress['source'],
  state: CollectProgress['state'],
  calls: number,
): CollectProgress {
  return {
    jobId,
    targetKey: target.key,
    ...(target.accountId ? { accountId: target.accountId } : {}),
    label: target.label,
    source,
    state,
    counts: { calls },
  }
}
