import type { DomainId } from '../domain/types'
import type { AccountScorecard } from '../scoring/types'

/** How one heatmap cell moved since the last snapshot. */
export interface CellChange {
  direction: 'up' | 'down'
  from: number
  to: number
}

/** Per account, the domains whose level changed since the last snapshot (absent: unchanged or new). */
export type CellChanges = ReadonlyMap<string, Partial<Record<DomainId, CellChange>>>

/** The ▲/▼ marks of the heatmap: every domain level that differs from the last snapshot's, per account. */
export function cellChanges(
  current: readonly AccountScorecard[],
  previous: readonly AccountScorecard[] | undefined,
): CellChanges {
  const before = new Map((previous ?? []).map((card) => [card.accountId, card]))
  const changes = new Map<string, Partial<Record<DomainId, CellChange>>>()
  for (const card of current) {
    const old = before.get(card.accountId)
    if (!old) continue
    const oldLevels = new Map(old.domains.map((d) => [d.domainId, d.level]))
    const moved: Partial<Record<DomainId, CellChange>> = {}
    for (const domain of card.domains) {
      const from = oldLevels.get(domain.domainId)
      if (from === undefined || from === domain.level) continue
      moved[domain.domainId] = { direction: domain.level > from ? 'up' : 'down', from, to: domain.level }
    }
    if (Object.keys(moved).length > 0) changes.set(card.accountId, moved)
  }
  return changes
}
