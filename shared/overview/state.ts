import type { DomainId, Level } from '../domain/types'
import type { SourceId } from '../evidence/schema'
import { type CompiledModel, lowest } from '../scoring/engine'
import type { AccountScorecard, ControlStatus, DomainResult, Grade } from '../scoring/types'

/** One domain of one account, as the overview shows it. */
export interface DomainState {
  /** The assessed level: evidence plus current answers (the headline; targets compare against it). */
  level: Level
  /** The evidence-verified level: automated controls only; null when the domain has no automated control. */
  evidenceLevel: Level | null
  target?: Level
  progress: number
  /** Failing controls that hold the domain below the next level. */
  failCount: number
  /** Unverified controls that hold the domain below the next level. */
  unknownCount: number
}

/**
 * What the overview knows about one account: levels, counts and one status character per control. The
 * renderer stores it per account (AccountSummary extends it), so the overview never reads a bundle or an
 * answer; every function in shared/overview reads this shape, never a full scorecard.
 */
export interface AccountState {
  accountId: string
  /** The headline (assessed) level. */
  level: Level
  /** The lowest evidence-verified domain level; null when no domain has an automated control. */
  evidenceLevel: Level | null
  /** A–F, or "unassessed" when the account has no usable evidence (never F for that). */
  grade: Grade
  belowTarget: DomainId[]
  domains: Partial<Record<DomainId, DomainState>>
  /** Controls by status. */
  counts: Partial<Record<ControlStatus, number>>
  /** Unknown controls by category (an open map: a stored category from an older version still counts). */
  unknownCounts: Record<string, number>
  /** One character per control, in the model's compiled order: see `statusCodes`. */
  statuses: string
  /** The category of each unknown control, by control id. */
  unknownReasons: Record<string, string>
  /** The oldest and newest evidence any verdict rests on (absent: no verdict cites evidence). */
  oldestEvidenceAt?: string
  newestEvidenceAt?: string
}

/** A control of the model as the overview needs it, listed in the compiled order the statuses follow. */
export interface ControlRef {
  id: string
  domainId: DomainId
  level: Exclude<Level, 0>
  /** The evidence source its rule reads (absent for a question-only control). */
  source?: SourceId
}

/** The one-character code of each control status in `AccountState.statuses`. */
export const statusCodes: Record<ControlStatus, string> = {
  pass: 'p',
  fail: 'f',
  unknown: 'u',
  exempt: 'e',
  attested: 'a',
  'not-applicable': 'n',
}
/** The code of a control the state does not have (absent from the model it was scored under). */
const absentCode = '-'
const statusOfCode = new Map(Object.entries(statusCodes).map(([status, code]) => [code, status]))

/** The status of one control in a state, by its index in the compiled model (undefined when absent). */
export function stateStatus(state: Pick<AccountState, 'statuses'>, index: number): ControlStatus | undefined {
  return statusOfCode.get(state.statuses[index] ?? absentCode) as ControlStatus | undefined
}

function domainState(domain: DomainResult): DomainState {
  return {
    level: domain.level,
    // Snapshots made before the evidence level existed lack it: the assessed level is all they say.
    evidenceLevel: domain.evidenceLevel === undefined ? domain.level : domain.evidenceLevel,
    ...(domain.target !== undefined ? { target: domain.target } : {}),
    progress: domain.progress,
    failCount: domain.blockers.fails.length,
    unknownCount: domain.blockers.unknowns.length,
  }
}

/** Controls by status, and unknown controls by category: what a state's counts say. */
export function stateCounts(
  statuses: Iterable<ControlStatus>,
  unknownReasons: Readonly<Record<string, string>>,
): Pick<AccountState, 'counts' | 'unknownCounts'> {
  const counts: Partial<Record<ControlStatus, number>> = {}
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1
  const unknownCounts: Record<string, number> = {}
  for (const category of Object.values(unknownReasons))
    unknownCounts[category] = (unknownCounts[category] ?? 0) + 1
  return { counts, unknownCounts }
}

/**
 * Reads a scorecard into its overview state. `controlOrder` is the model's control order (the scorecard's
 * own order when absent); a control the card lacks is coded as absent, never as passing.
 */
export function accountStateOfCard(card: AccountScorecard, controlOrder?: readonly string[]): AccountState {
  const statuses: ControlStatus[] = []
  const unknownReasons: Record<string, string> = {}
  const byId = new Map<string, ControlStatus>()
  const domains: Partial<Record<DomainId, DomainState>> = {}
  let oldest: string | undefined
  let newest: string | undefined
  for (const domain of card.domains) {
    for (const c of domain.controls) {
      statuses.push(c.status)
      byId.set(c.controlId, c.status)
      if (c.status === 'unknown') unknownReasons[c.controlId] = c.unknownReason ?? 'unknown'
      for (const { collectedAt } of c.evidence) {
        if (Number.isNaN(Date.parse(collectedAt))) continue
        if (!oldest || Date.parse(collectedAt) < Date.parse(oldest)) oldest = collectedAt
        if (!newest || Date.parse(collectedAt) > Date.parse(newest)) newest = collectedAt
      }
    }
    domains[domain.domainId] = domainState(domain)
  }
  const order = controlOrder ?? [...byId.keys()]
  const evidenceLevel =
    card.evidenceLevel === undefined
      ? lowest(Object.values(domains).map((d) => d.evidenceLevel))
      : card.evidenceLevel
  return {
    accountId: card.accountId,
    level: card.level,
    evidenceLevel,
    grade: card.grade,
    belowTarget: [...card.belowTarget],
    domains,
    ...stateCounts(statuses, unknownReasons),
    statuses: order.map((id) => statusCodes[byId.get(id) as ControlStatus] ?? absentCode).join(''),
    unknownReasons,
    ...(oldest ? { oldestEvidenceAt: oldest } : {}),
    ...(newest ? { newestEvidenceAt: newest } : {}),
  }
}

/** True when nothing could be read for the account: it is shown "unassessed", never level 0 or F. */
export function isUnassessed(state: Pick<AccountState, 'grade'>): boolean {
  return state.grade === 'unassessed'
}

/** The model's controls in compiled order: the order of every state's statuses scored under it. */
export function controlRefs(compiled: Pick<CompiledModel, 'controls'>): ControlRef[] {
  return compiled.controls.map((c) => ({
    id: c.control.id,
    domainId: c.domainId,
    level: c.level as ControlRef['level'],
    ...(c.source ? { source: c.source } : {}),
  }))
}

/**
 * The unknown controls of each domain, by category: which cells hold unknowns of which kind. `domainOf` maps
 * a control id to its domain (the model in use); a control it doesn't know is left out.
 */
export function domainUnknowns(
  state: Pick<AccountState, 'unknownReasons'>,
  domainOf: (controlId: string) => DomainId | undefined,
): Partial<Record<DomainId, Record<string, number>>> {
  const byDomain: Partial<Record<DomainId, Record<string, number>>> = {}
  for (const [controlId, category] of Object.entries(state.unknownReasons)) {
    const domainId = domainOf(controlId)
    if (!domainId) continue
    const counts = byDomain[domainId] ?? {}
    counts[category] = (counts[category] ?? 0) + 1
    byDomain[domainId] = counts
  }
  return byDomain
}
