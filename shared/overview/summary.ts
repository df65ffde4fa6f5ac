import type { DomainId, Level } from '../domain/types'
import type { ControlStatus } from '../scoring/types'
import { type AccountState, type ControlRef, isUnassessed, stateStatus } from './state'

/** An account as the summary names it. */
export interface SummaryAccount {
  id: string
  name: string
}

/** What the overview's summary strip is computed from. Pure: no clock, the caller passes `now`. */
export interface SummaryInput {
  accounts: readonly SummaryAccount[]
  /** The current states (targets are already in each one's `belowTarget`). */
  current: readonly AccountState[]
  /** The last snapshot's states, with their statuses in the same control order. */
  previous?: { label: string; accounts: readonly AccountState[] }
  /** The model's controls, in the order of the states' statuses. */
  controls: readonly ControlRef[]
  now: Date
}

/** One control that went from pass to fail in several accounts: "root MFA: pass → fail in 23 accounts". */
export interface RegressionGroup {
  controlId: string
  domainId: DomainId
  level: Exclude<Level, 0>
  from: ControlStatus
  to: ControlStatus
  accounts: SummaryAccount[]
}

export interface OverviewSummary {
  /**
   * Accounts per headline level 0…5, now and at the last snapshot (undefined without one); accounts with no
   * usable evidence are counted apart as unassessed, never at level 0.
   */
  distribution: {
    now: number[]
    previous: number[] | undefined
    previousLabel: string | undefined
    unassessed: number
  }
  /** Accounts whose headline level rose or fell, and domain levels gained or lost, since the last snapshot. */
  changes: { accountsUp: number; accountsDown: number; domainLevelsUp: number; domainLevelsDown: number }
  /** Controls that passed at the last snapshot and fail now, grouped by control, largest group first. */
  regressions: RegressionGroup[]
  /** Accounts with at least one domain below its target. */
  belowTarget: Array<SummaryAccount & { domains: DomainId[] }>
  /** The oldest evidence any verdict rests on, with its account and age in whole days. */
  oldestEvidence: (SummaryAccount & { collectedAt: string; ageDays: number }) | undefined
  /** Accounts with a control left unknown because collecting its source failed. */
  failedCollections: SummaryAccount[]
}

const dayMs = 86_400_000

/** Names an account, falling back to its id when the account list doesn't have it. */
function namer(accounts: readonly SummaryAccount[]): (id: string) => SummaryAccount {
  const byId = new Map(accounts.map((a) => [a.id, a]))
  return (id) => byId.get(id) ?? { id, name: id }
}

function headlineCounts(states: readonly AccountState[]): number[] {
  const counts = [0, 0, 0, 0, 0, 0]
  for (const state of states) if (!isUnassessed(state)) counts[state.level] = (counts[state.level] ?? 0) + 1
  return counts
}

/**
 * Level changes of the accounts assessed in both states (new and removed accounts are not changes, and an
 * account without usable evidence on either side has no level to compare: unassessed is never a fall to 0).
 */
function levelChanges(
  current: readonly AccountState[],
  previous: ReadonlyMap<string, AccountState>,
): OverviewSummary['changes'] {
  const changes = { accountsUp: 0, accountsDown: 0, domainLevelsUp: 0, domainLevelsDown: 0 }
  for (const state of current) {
    const before = previous.get(state.accountId)
    if (!before || isUnassessed(state) || isUnassessed(before)) continue
    if (state.level > before.level) changes.accountsUp++
    if (state.level < before.level) changes.accountsDown++
    for (const [domainId, domain] of Object.entries(state.domains)) {
      const was = before.domains[domainId as DomainId]?.level
      if (was === undefined) continue
      if (domain.level > was) changes.domainLevelsUp += domain.level - was
      if (domain.level < was) changes.domainLevelsDown += was - domain.level
    }
  }
  return changes
}

/** Pass → fail per control, across accounts; an unknown now is not a regression (missing is never fail). */
function regressionGroups(
  current: readonly AccountState[],
  previous: ReadonlyMap<string, AccountState>,
  controls: readonly ControlRef[],
  name: (id: string) => SummaryAccount,
): RegressionGroup[] {
  const groups = new Map<string, RegressionGroup>()
  for (const state of current) {
    const before = previous.get(state.accountId)
    if (!before) continue
    controls.forEach((control, index) => {
      if (stateStatus(state, index) !== 'fail' || stateStatus(before, index) !== 'pass') return
      const group = groups.get(control.id) ?? {
        controlId: control.id,
        domainId: control.domainId,
        level: control.level,
        from: 'pass',
        to: 'fail',
        accounts: [],
      }
      group.accounts.push(name(state.accountId))
      groups.set(control.id, group)
    })
  }
  return [...groups.values()].sort(
    (a, b) => b.accounts.length - a.accounts.length || a.controlId.localeCompare(b.controlId),
  )
}

function oldestEvidence(
  current: readonly AccountState[],
  name: (id: string) => SummaryAccount,
  now: Date,
): OverviewSummary['oldestEvidence'] {
  let oldest: { accountId: string; collectedAt: string; time: number } | undefined
  for (const state of current) {
    if (!state.oldestEvidenceAt) continue
    const time = Date.parse(state.oldestEvidenceAt)
    if (Number.isNaN(time) || (oldest && oldest.time <= time)) continue
    oldest = { accountId: state.accountId, collectedAt: state.oldestEvidenceAt, time }
  }
  if (!oldest) return undefined
  const ageDays = Math.max(0, Math.floor((now.getTime() - oldest.time) / dayMs))
  return { ...name(oldest.accountId), collectedAt: oldest.collectedAt, ageDays }
}

/**
 * The ratchet at a glance: what changed since the last snapshot and what needs attention now. The app's
 * overview shows it; the same function can serve the CLI and exports.
 */
export function overviewSummary(input: SummaryInput): OverviewSummary {
  const name = namer(input.accounts)
  const previous = new Map((input.previous?.accounts ?? []).map((state) => [state.accountId, state]))
  return {
    distribution: {
      now: headlineCounts(input.current),
      previous: input.previous ? headlineCounts(input.previous.accounts) : undefined,
      previousLabel: input.previous?.label,
      unassessed: input.current.filter(isUnassessed).length,
    },
    changes: levelChanges(input.current, previous),
    regressions: regressionGroups(input.current, previous, input.controls, name),
    belowTarget: input.current
      .filter((state) => state.belowTarget.length > 0)
      .map((state) => ({ ...name(state.accountId), domains: [...state.belowTarget] })),
    oldestEvidence: oldestEvidence(input.current, name, input.now),
    failedCollections: input.current
      .filter((state) => (state.unknownCounts['collection-failed'] ?? 0) > 0)
      .map((state) => name(state.accountId)),
  }
}

/**
 * The snapshot the overview compares with: the newest one taken before the current evidence was collected.
 * A snapshot frozen from the very evidence shown now would always read "no change", so the one before it
 * is taken; with no evidence time, the newest snapshot.
 */
export function baselineSnapshot<T extends { createdAt: string }>(
  snapshots: readonly T[],
  newestEvidenceAt: string | undefined,
): T | undefined {
  const ordered = [...snapshots].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
  if (newestEvidenceAt === undefined) return ordered[0]
  const cutoff = Date.parse(newestEvidenceAt)
  return ordered.find((s) => Date.parse(s.createdAt) < cutoff) ?? ordered[0]
}

/** When the newest evidence behind the current states was collected. */
export function newestEvidenceTime(states: readonly AccountState[]): string | undefined {
  let newest: { at: string; time: number } | undefined
  for (const { newestEvidenceAt: at } of states) {
    const time = at === undefined ? Number.NaN : Date.parse(at)
    if (at !== undefined && !Number.isNaN(time) && (!newest || time > newest.time)) newest = { at, time }
  }
  return newest?.at
}
