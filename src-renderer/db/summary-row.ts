import type { DomainId, Level } from '../../shared/domain/types'
import { type DomainState, stateCounts, stateStatus } from '../../shared/overview/state'
import { belowTarget } from '../../shared/scoring/engine'
import type { ControlStatus } from '../../shared/scoring/types'
import type { AccountSummary } from '../workers/summary'

/** A domain as a tuple: id, level, evidence level (null: none), target (null: none), progress, fails, unknowns. */
type DomainTuple = [
  domainId: string,
  level: number,
  evidenceLevel: number | null,
  target: number | null,
  progress: number,
  failCount: number,
  unknownCount: number,
]

/**
 * A summary as stored. Every summary is rewritten whenever its account's evidence or answers change, so a
 * quarter's collection rewrites them all: domains as tuples, not eight objects of six named fields, and
 * without the counts and the domains below target, which the statuses, unknown categories and domains already
 * say (as the engine states them): 1.15 kB a row instead of 1.9 kB on the bench's accounts.
 */
export interface SummaryRow
  extends Omit<AccountSummary, 'domains' | 'counts' | 'unknownCounts' | 'belowTarget'> {
  format: 'summary-row-1'
  domains: DomainTuple[]
}

/** What the summaries table holds: compact rows, and whole summaries written before them (read as they are). */
export type StoredSummary = SummaryRow | AccountSummary

/** The row stored for a summary. */
export function summaryRow(summary: AccountSummary): SummaryRow {
  const { domains, counts: _counts, unknownCounts: _unknownCounts, belowTarget: _below, ...rest } = summary
  return {
    ...rest,
    format: 'summary-row-1',
    domains: Object.entries(domains).map(([id, d]) => [
      id,
      d.level,
      d.evidenceLevel,
      d.target ?? null,
      d.progress,
      d.failCount,
      d.unknownCount,
    ]),
  }
}

/** The statuses a row's characters stand for (absent controls left out). */
function statusesOf(row: Pick<SummaryRow, 'statuses'>): ControlStatus[] {
  const statuses: ControlStatus[] = []
  for (let i = 0; i < row.statuses.length; i++) {
    const status = stateStatus(row, i)
    if (status) statuses.push(status)
  }
  return statuses
}

/** The summary a stored row holds (a whole summary from before compact rows is returned as it is). */
export function summaryOfRow(stored: StoredSummary): AccountSummary {
  if (!('format' in stored)) return stored
  const { format: _format, domains, ...rest } = stored
  const states: Partial<Record<DomainId, DomainState>> = {}
  for (const [id, level, evidenceLevel, target, progress, failCount, unknownCount] of domains)
    states[id as DomainId] = {
      level: level as Level,
      evidenceLevel: evidenceLevel as Level | null,
      ...(target === null ? {} : { target: target as Level }),
      progress,
      failCount,
      unknownCount,
    }
  const below = belowTarget(
    Object.entries(states).map(([domainId, d]) => ({ ...d, domainId: domainId as DomainId })),
  )
  return {
    ...rest,
    domains: states,
    belowTarget: below,
    ...stateCounts(statusesOf(stored), stored.unknownReasons),
  }
}
