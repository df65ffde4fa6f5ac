import { type DomainId, domainIds } from '../domain/types'
import type { AccountScorecard } from '../scoring/types'

/** One state (a snapshot, or now) as the progress chart reads it. */
export interface SharePoint {
  id: string
  label: string
  createdAt: string
  accounts: readonly AccountScorecard[]
}

/** One domain in one state: how many accounts sit at each level, and who moved since the state before. */
export interface DomainShareCell {
  id: string
  label: string
  /** counts[level] for levels 0…5. */
  counts: number[]
  /** counts as shares of the accounts scored in that state (0…1; all 0 when there are none). */
  shares: number[]
  /** Accounts whose level in this domain fell since the state before (0 for the first). */
  regressed: number
  improved: number
}

export type DomainShares = Record<DomainId, DomainShareCell[]>

function levelsByAccount(accounts: readonly AccountScorecard[], domainId: DomainId): Map<string, number> {
  const levels = new Map<string, number>()
  for (const card of accounts) {
    const domain = card.domains.find((d) => d.domainId === domainId)
    if (domain) levels.set(card.accountId, domain.level)
  }
  return levels
}

/**
 * Per domain, per state (oldest first): the share of accounts at each level, with the accounts that went down
 * or up since the state before. Progress shows as the higher levels' bands growing; a regression is marked
 * even when the means hide it (one account down, another up).
 */
export function domainLevelShares(points: readonly SharePoint[]): DomainShares {
  const ordered = [...points].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
  const entries = domainIds.map((domainId) => {
    let before: Map<string, number> | undefined
    const cells = ordered.map((point) => {
      const levels = levelsByAccount(point.accounts, domainId)
      const counts = [0, 0, 0, 0, 0, 0]
      for (const level of levels.values()) counts[level] = (counts[level] ?? 0) + 1
      let regressed = 0
      let improved = 0
      for (const [accountId, level] of levels) {
        const was = before?.get(accountId)
        if (was === undefined) continue
        if (level < was) regressed++
        if (level > was) improved++
      }
      before = levels
      const total = levels.size
      return {
        id: point.id,
        label: point.label,
        counts,
        shares: counts.map((n) => (total === 0 ? 0 : n / total)),
        regressed,
        improved,
      }
    })
    return [domainId, cells] as const
  })
  return Object.fromEntries(entries) as DomainShares
}
