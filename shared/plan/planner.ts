import type { DomainId } from '../domain/types'
import { domainIds } from '../domain/types'
import type { AccountScorecard, ControlResult } from '../scoring/types'
import { type ActionKind, actionEffort, type Perimeter, perimeterOf, QUICK_WIN_EFFORT } from './effort'

/** What an account must meet: minimum levels per domain and invariant controls (from its baseline). */
export interface AccountGoal {
  minimums: Partial<Record<DomainId, number>>
  invariants: readonly string[]
}

/** Why an item is in the plan, most urgent first. */
export const planTiers = ['invariant', 'baseline', 'next-level'] as const
export type PlanTier = (typeof planTiers)[number]

/** One action of the plan, grouped across the accounts that need it. */
export interface PlanItem {
  /** The action's key: kind plus control, source or reason (`fix-control:iam.root-mfa`). */
  id: string
  kind: ActionKind
  tier: PlanTier
  /** The day by which to do it: invariants and quick baseline wins 30, other baseline work 60, next level 90. */
  phase: 30 | 60 | 90
  perimeter: Perimeter
  /** The control it concerns (for fix, answer, renew, verify, investigate). */
  controlId?: string
  /** The source or unknown reason it concerns (for recollect, enable-source, scan-regions). */
  detail?: string
  accountIds: string[]
  /** Every control the action unblocks, in every account. */
  controlIds: string[]
  /** Unit effort × number of accounts (see `actionEffort`). */
  effort: number
  /** Account-domains that reach their goal level (or invariants met) once this and the items before it are done. */
  completes: number
}

export interface PlanInput {
  cards: readonly AccountScorecard[]
  /** The goal of each account, by id; an account without one only aims at its next level. */
  goals?: ReadonlyMap<string, AccountGoal>
}

interface Need {
  accountId: string
  key: string
  kind: ActionKind
  controlId?: string
  detail?: string
  domainId: DomainId
  /** The control this need comes from. */
  unblocks: string
  tier: PlanTier
}

/** The action that would resolve an unmet control, keyed so identical actions group across accounts. */
function actionFor(
  c: ControlResult,
  isInvariant: boolean,
): Omit<Need, 'accountId' | 'tier' | 'unblocks'> | undefined {
  const base = { domainId: c.domainId }
  if (c.status === 'fail')
    return { ...base, kind: 'fix-control', key: `fix-control:${c.controlId}`, controlId: c.controlId }
  if (c.status === 'attested' && isInvariant)
    return { ...base, kind: 'verify-evidence', key: `verify-evidence:${c.controlId}`, controlId: c.controlId }
  if (c.status !== 'unknown') return undefined
  switch (c.unknownReason) {
    case 'not-answered':
      return {
        ...base,
        kind: 'answer-question',
        key: `answer-question:${c.controlId}`,
        controlId: c.controlId,
      }
    case 'answer-expired':
      return { ...base, kind: 'renew-answer', key: `renew-answer:${c.controlId}`, controlId: c.controlId }
    case 'collection-failed':
    case 'stale':
    case 'not-collected':
      return { ...base, kind: 'recollect', key: `recollect:${c.unknownReason}`, detail: c.unknownReason }
    case 'access-denied': {
      const source = c.evidence[0]?.source ?? 'source'
      return { ...base, kind: 'grant-access', key: `grant-access:${source}`, detail: source }
    }
    case 'not-subscribed': {
      const source = c.evidence[0]?.source ?? 'source'
      return { ...base, kind: 'enable-source', key: `enable-source:${source}`, detail: source }
    }
    case 'no-analyzer':
      return { ...base, kind: 'scan-regions', key: 'scan-regions', detail: 'no-analyzer' }
    default:
      return { ...base, kind: 'investigate', key: `investigate:${c.controlId}`, controlId: c.controlId }
  }
}

/** Goals of one account: each invariant, its domains under their minimum, and each domain's next level. */
function accountNeeds(card: AccountScorecard, goal: AccountGoal | undefined) {
  const goals = new Map<string, { tier: PlanTier; needs: Need[] }>()
  const add = (goalId: string, tier: PlanTier, c: ControlResult, isInvariant: boolean) => {
    const action = actionFor(c, isInvariant)
    if (!action) return
    const entry = goals.get(goalId) ?? { tier, needs: [] }
    entry.needs.push({ ...action, accountId: card.accountId, tier, unblocks: c.controlId })
    goals.set(goalId, entry)
  }
  const controls = new Map(card.domains.flatMap((d) => d.controls.map((c) => [c.controlId, c] as const)))
  for (const id of goal?.invariants ?? []) {
    const c = controls.get(id)
    if (c) add(`${card.accountId}|inv|${id}`, 'invariant', c, true)
  }
  for (const d of card.domains) {
    const minimum = goal?.minimums[d.domainId] ?? 0
    const next = Math.max(d.level, minimum) + 1
    for (const c of d.controls) {
      if (c.level <= minimum && d.level < minimum)
        add(`${card.accountId}|min|${d.domainId}`, 'baseline', c, false)
      if (c.level <= next && next <= 5) add(`${card.accountId}|next|${d.domainId}`, 'next-level', c, false)
    }
  }
  return goals
}

const tierRank = (t: PlanTier) => planTiers.indexOf(t)

/**
 * The plan: every action that moves an account toward its goals, most urgent first. Invariants come first,
 * then what meets the baseline, then what reaches the next level. Within a tier, items are chosen greedily:
 * the one that completes the most account-domains (or invariants) per unit of effort, given the items
 * already chosen; then the one that contributes to the most goals per effort; then the most accounts; then
 * by id, so the order never depends on input order. Pure and deterministic.
 */
export function planActions(input: PlanInput): PlanItem[] {
  const goals = new Map<string, { tier: PlanTier; needs: Need[] }>()
  for (const card of [...input.cards].sort((a, b) => a.accountId.localeCompare(b.accountId))) {
    for (const [id, g] of accountNeeds(card, input.goals?.get(card.accountId))) goals.set(id, g)
  }
  // One account-action is scheduled with the most urgent goal that needs it.
  const urgency = new Map<string, PlanTier>()
  const goalActions = new Map<string, Set<string>>()
  for (const [goalId, g] of goals) {
    const actions = new Set<string>()
    for (const n of g.needs) {
      const id = `${n.accountId}|${n.key}`
      actions.add(id)
      const seen = urgency.get(id)
      if (!seen || tierRank(g.tier) < tierRank(seen)) urgency.set(id, g.tier)
    }
    goalActions.set(goalId, actions)
  }
  const items = groupItems(goals, urgency)
  return orderItems(items, goalActions)
}

interface Draft extends Omit<PlanItem, 'phase' | 'perimeter' | 'completes' | 'effort'> {
  accountActions: Set<string>
  domainWeights: Map<DomainId, number>
}

/**
 * The drafts of the plan items: one per action and tier, grouping every account that needs it (scheduled with
 * its most urgent goal) and every control it unblocks, in the order the goals name them. One walk of the goals.
 */
function groupItems(
  goals: Map<string, { tier: PlanTier; needs: Need[] }>,
  urgency: Map<string, PlanTier>,
): Draft[] {
  const drafts = new Map<string, Draft>()
  for (const g of goals.values()) {
    for (const n of g.needs) {
      const accountAction = `${n.accountId}|${n.key}`
      const tier = urgency.get(accountAction) ?? g.tier
      const id = `${tier}|${n.key}`
      const draft = drafts.get(id) ?? {
        id: n.key,
        kind: n.kind,
        tier,
        ...(n.controlId ? { controlId: n.controlId } : {}),
        ...(n.detail ? { detail: n.detail } : {}),
        accountIds: [],
        controlIds: [],
        accountActions: new Set<string>(),
        domainWeights: new Map<DomainId, number>(),
      }
      draft.accountActions.add(accountAction)
      draft.domainWeights.set(n.domainId, (draft.domainWeights.get(n.domainId) ?? 0) + 1)
      drafts.set(id, draft)
      if (!draft.accountIds.includes(n.accountId)) draft.accountIds.push(n.accountId)
      if (!draft.controlIds.includes(n.unblocks)) draft.controlIds.push(n.unblocks)
    }
  }
  return [...drafts.values()]
}

function orderItems(drafts: Draft[], goalActions: Map<string, Set<string>>): PlanItem[] {
  const remaining = new Map([...goalActions].map(([g, a]) => [g, a.size]))
  const goalsOf = new Map<string, string[]>()
  for (const [goalId, actions] of goalActions) {
    for (const a of actions) goalsOf.set(a, [...(goalsOf.get(a) ?? []), goalId])
  }
  const ordered: PlanItem[] = []
  for (const tier of planTiers) {
    const pool = drafts.filter((d) => d.tier === tier)
    while (pool.length > 0) {
      const scored = pool.map((d) => ({ d, ...gain(d, goalsOf, remaining) }))
      scored.sort(
        (a, b) =>
          b.completes / b.effort - a.completes / a.effort ||
          b.contributes / b.effort - a.contributes / a.effort ||
          b.d.accountIds.length - a.d.accountIds.length ||
          a.d.id.localeCompare(b.d.id),
      )
      const best = scored[0]
      if (!best) break
      pool.splice(pool.indexOf(best.d), 1)
      for (const a of best.d.accountActions) {
        for (const g of goalsOf.get(a) ?? []) remaining.set(g, (remaining.get(g) ?? 1) - 1)
      }
      ordered.push(finish(best.d, best.effort, best.completes))
    }
  }
  return ordered
}

/** What choosing a draft now would achieve: goals completed, goals advanced, and its effort. */
function gain(d: Draft, goalsOf: Map<string, string[]>, remaining: Map<string, number>) {
  const touched = new Map<string, number>()
  for (const a of d.accountActions) {
    for (const g of goalsOf.get(a) ?? []) touched.set(g, (touched.get(g) ?? 0) + 1)
  }
  let completes = 0
  for (const [g, n] of touched)
    if ((remaining.get(g) ?? 0) - n <= 0 && (remaining.get(g) ?? 0) > 0) completes++
  return { completes, contributes: touched.size, effort: actionEffort[d.kind] * d.accountIds.length }
}

function finish(d: Draft, effort: number, completes: number): PlanItem {
  const { accountActions: _a, domainWeights, ...item } = d
  const domain = [...domainWeights].sort(
    (a, b) => b[1] - a[1] || domainIds.indexOf(a[0]) - domainIds.indexOf(b[0]),
  )[0]?.[0]
  const phase =
    d.tier === 'invariant'
      ? 30
      : d.tier === 'baseline'
        ? actionEffort[d.kind] <= QUICK_WIN_EFFORT
          ? 30
          : 60
        : 90
  return {
    ...item,
    accountIds: [...item.accountIds].sort(),
    perimeter: domain ? perimeterOf(domain) : 'foundation',
    phase,
    effort,
    completes,
  }
}
