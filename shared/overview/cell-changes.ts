import type { DomainId } from '../domain/types'
import { type AccountState, isUnassessed } from './state'

/** How one heatmap cell moved since the last snapshot. */
export interface CellChange {
  direction: 'up' | 'down'
  from: number
  to: number
}

/** Per account, the domains whose level changed since the last snapshot (absent: unchanged or new). */
export type CellChanges = ReadonlyMap<string, Partial<Record<DomainId, CellChange>>>

type Levels = Pick<AccountState, 'accountId' | 'domains' | 'grade'>

/**
 * The ▲/▼ marks of the heatmap: every domain level that differs from the last snapshot's, per account. An
 * account unassessed on either side is not marked: it has no level, so it neither rose nor fell.
 */
export function cellChanges(
  current: readonly Levels[],
  previous: readonly Levels[] | undefined,
): CellChanges {
  const before = new Map((previous ?? []).map((state) => [state.accountId, state]))
  const changes = new Map<string, Partial<Record<DomainId, CellChange>>>()
  for (const state of current) {
    const old = before.get(state.accountId)
    if (!old || isUnassessed(state) || isUnassessed(old)) continue
    const moved: Partial<Record<DomainId, CellChange>> = {}
    for (const [domainId, domain] of Object.entries(state.domains) as Array<[DomainId, { level: number }]>) {
      const from = old.domains[domainId]?.level
      if (from === undefined || from === domain.level) continue
      moved[domainId] = { direction: domain.level > from ? 'up' : 'down', from, to: domain.level }
    }
    if (Object.keys(moved).length > 0) changes.set(state.accountId, moved)
  }
  return changes
}
