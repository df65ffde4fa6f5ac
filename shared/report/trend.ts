import { compareStates } from '../compare/compare'
import type { DomainId, Level } from '../domain/types'
import type { ReportSnapshot } from './types'

/** One account × domain that slipped: its level dropped, or a control that was met now fails. */
export interface DomainMove {
  accountId: string
  domainId: DomainId
  from: Level
  to: Level
  /** Controls met before (pass, attested or waived) that fail now. Unknowns never count as failures. */
  newlyFailing: string[]
}

export interface Trend {
  /** Last quarter's level per account and domain (re-scored under this snapshot's model when it changed). */
  before: Map<string, Map<DomainId, Level>>
  regressions: DomainMove[]
  /** True when last quarter was re-scored under this snapshot's model, so a model change is not a trend. */
  isRescored: boolean
}

/**
 * The trend against an earlier snapshot, through the compare module (shared/compare), so the report and the
 * Compare area agree on what moved: one model for both sides, and the same notion of a regression.
 */
export function trendAgainst(current: ReportSnapshot, previous: ReportSnapshot): Trend {
  const comparison = compareStates(previous, current)
  const inScope = new Set(current.scorecard.accounts.map((a) => a.accountId))
  const added = new Set(comparison.accounts.added)
  const moved = new Map<string, Level>()
  for (const change of comparison.levelChanges)
    moved.set(`${change.accountId}\u0000${change.domainId}`, change.from)
  const before = new Map<string, Map<DomainId, Level>>()
  for (const card of current.scorecard.accounts) {
    if (added.has(card.accountId)) continue
    before.set(
      card.accountId,
      new Map(
        card.domains.map((d) => [d.domainId, moved.get(`${card.accountId}\u0000${d.domainId}`) ?? d.level]),
      ),
    )
  }
  const regressions = new Map<string, DomainMove>()
  // One map, so a thousand accounts' regressions are not a thousand linear searches each.
  const levels = new Map<string, Level>()
  for (const card of current.scorecard.accounts)
    for (const d of card.domains) levels.set(`${card.accountId}\u0000${d.domainId}`, d.level)
  const levelOf = (accountId: string, domainId: DomainId) => levels.get(`${accountId}\u0000${domainId}`) ?? 0
  for (const regression of comparison.regressions) {
    if (!inScope.has(regression.accountId)) continue
    const domainId = regression.kind === 'level-drop' ? regression.domainId : regression.change.domainId
    const key = `${regression.accountId}\u0000${domainId}`
    const to = levelOf(regression.accountId, domainId)
    const move = regressions.get(key) ?? {
      accountId: regression.accountId,
      domainId,
      from: before.get(regression.accountId)?.get(domainId) ?? to,
      to,
      newlyFailing: [],
    }
    if (regression.kind === 'control' && regression.change.to === 'fail') {
      move.newlyFailing.push(regression.change.controlId)
    }
    regressions.set(key, move)
  }
  return {
    before,
    regressions: [...regressions.values()].filter((m) => m.to < m.from || m.newlyFailing.length > 0),
    isRescored: comparison.isRescored,
  }
}

/** Mean of a list of levels, rounded to one decimal; 0 for an empty list. */
export function meanLevel(levels: number[]): number {
  if (levels.length === 0) return 0
  return Math.round((levels.reduce((sum, l) => sum + l, 0) / levels.length) * 10) / 10
}
