import { type DomainId, domainIds, type Level } from '../domain/types'
import type { OrgScorecard } from '../scoring/types'

/** What the trends read from each state: its label, time and scorecard (snapshots and "now" both fit). */
export interface TrendPoint {
  id: string
  label: string
  createdAt: string
  scorecard: OrgScorecard
  accounts?: ReadonlyArray<{ id: string; targets: Partial<Record<DomainId, Level | number>> }>
}

/** Mean domain level over the organization's accounts, per state, oldest first. */
export interface DomainTrendRow {
  id: string
  label: string
  /** Mean level per domain, rounded to two decimals; null when the state has no accounts. */
  means: Record<DomainId, number | null>
}

function byTime<T extends { createdAt: string }>(points: T[]): T[] {
  return [...points].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
}

/** The organization's maturity per domain across states: the mean level of every account, per domain. */
export function domainTrend(points: TrendPoint[]): DomainTrendRow[] {
  return byTime(points).map((p) => {
    const sums = new Map<DomainId, { sum: number; n: number }>()
    for (const account of p.scorecard.accounts) {
      for (const d of account.domains) {
        const s = sums.get(d.domainId) ?? { sum: 0, n: 0 }
        s.sum += d.level
        s.n += 1
        sums.set(d.domainId, s)
      }
    }
    const means = Object.fromEntries(
      domainIds.map((id) => {
        const s = sums.get(id)
        return [id, s && s.n > 0 ? Math.round((s.sum / s.n) * 100) / 100 : null]
      }),
    ) as Record<DomainId, number | null>
    return { id: p.id, label: p.label, means }
  })
}

export interface LevelCountRow {
  id: string
  label: string
  /** counts[level] = accounts whose headline level (lowest domain) is that level, 0..5. */
  counts: number[]
}

/** How many accounts sit at each headline level, per state, oldest first. */
export function levelCounts(points: TrendPoint[]): LevelCountRow[] {
  return byTime(points).map((p) => {
    const counts = [0, 0, 0, 0, 0, 0]
    for (const a of p.scorecard.accounts) counts[a.level] = (counts[a.level] ?? 0) + 1
    return { id: p.id, label: p.label, counts }
  })
}

export interface AccountRadar {
  accountId: string
  /** One row per domain: the current level, the previous state's level and the target. */
  rows: Array<{ domainId: DomainId; current: Level | null; previous: Level | null; target: number | null }>
}

/**
 * One account's domains now, in the previous state and against its targets (from the current state's
 * scorecard, or its account record). null where the account was not in that state or has no target.
 */
export function accountRadar(
  accountId: string,
  current: TrendPoint,
  previous: TrendPoint | undefined,
): AccountRadar {
  const levelsOf = (p: TrendPoint | undefined) =>
    new Map(
      p?.scorecard.accounts.find((a) => a.accountId === accountId)?.domains.map((d) => [d.domainId, d]) ?? [],
    )
  const now = levelsOf(current)
  const before = levelsOf(previous)
  const targets = current.accounts?.find((a) => a.id === accountId)?.targets ?? {}
  return {
    accountId,
    rows: domainIds.map((domainId) => ({
      domainId,
      current: now.get(domainId)?.level ?? null,
      previous: before.get(domainId)?.level ?? null,
      target: now.get(domainId)?.target ?? targets[domainId] ?? null,
    })),
  }
}
