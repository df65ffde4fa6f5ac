import type { DomainId } from '../domain/types'
import { domainIds } from '../domain/types'
import { plural } from '../scoring/evidence-index'
import type { Snapshot } from '../snapshot/schema'
import { evaluateBaselines } from './breaches'
import { classifyChange } from './revise'
import { describeScope } from './scope'
import type { Baseline } from './types'

/** How one baseline changed between two snapshots, and how the accounts it holds stood at the second. */
export interface BaselineShift {
  baselineId: string
  name: string
  scope: string
  fromVersion?: number
  toVersion: number
  change: 'created' | 'raised' | 'lowered' | 'unchanged'
  /** Domains whose minimum changed, grouped by (from, to). */
  steps: Array<{ from: number; to: number; domains: DomainId[] }>
  addedInvariants: string[]
  removedInvariants: string[]
  /** Accounts the baseline held at the second snapshot with no breach, and with at least one. */
  met: number
  notMet: number
  approver?: string
  sentence: string
}

/** What baselineShifts reads of a snapshot (the current state can pass the same shape). */
export type ShiftSide = Pick<Snapshot, 'label' | 'accounts' | 'baselines'> & {
  scorecard: Pick<Snapshot['scorecard'], 'accounts'>
}

function steps(from: Baseline | undefined, to: Baseline): BaselineShift['steps'] {
  const groups = new Map<string, BaselineShift['steps'][number]>()
  for (const d of domainIds) {
    const a = from?.minimums[d] ?? 0
    const b = to.minimums[d] ?? 0
    if (a === b) continue
    const key = `${a}>${b}`
    const group = groups.get(key) ?? { from: a, to: b, domains: [] }
    group.domains.push(d)
    groups.set(key, group)
  }
  return [...groups.values()]
}

function sentenceFor(s: Omit<BaselineShift, 'sentence'>, period: string): string {
  const parts = s.steps.map((step) => {
    const verb = step.to > step.from ? 'went' : 'was lowered'
    return `the bar ${verb} from ${step.from} to ${step.to} in ${s.scope} (${step.domains.join(', ')})`
  })
  if (s.addedInvariants.length > 0)
    parts.push(
      `${plural(s.addedInvariants.length, 'invariant was', 'invariants were')} added (${s.addedInvariants.join(', ')})`,
    )
  if (s.removedInvariants.length > 0)
    parts.push(
      `${plural(s.removedInvariants.length, 'invariant was', 'invariants were')} removed (${s.removedInvariants.join(', ')})`,
    )
  if (parts.length === 0) parts.push(`${s.name} was revised in ${s.scope}`)
  const head = s.change === 'created' ? `${s.name} was set: ${parts.join('; ')}` : parts.join('; ')
  const approved = s.change === 'lowered' && s.approver ? `, approved by ${s.approver}` : ''
  const text = `${head} ${period}${approved}; ${plural(s.met, 'account', 'accounts')} met it, ${s.notMet} did not.`
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/**
 * What happened to the bar between two snapshots, from the baseline versions each recorded: one entry per
 * baseline whose version changed (or that appeared), with a sentence such as "The bar went from 2 to 3 in
 * production (iam) between 2026-Q3 and 2026-Q4; 4 accounts met it, 2 did not." Accounts are judged at the
 * second snapshot, against the baseline that held them then. Snapshots without baselines give nothing.
 */
export function baselineShifts(a: ShiftSide, b: ShiftSide): BaselineShift[] {
  const before = new Map((a.baselines ?? []).map((x) => [x.id, x]))
  const after = b.baselines ?? []
  const results = evaluateBaselines(b.accounts, b.scorecard.accounts, after)
  const period = `between ${a.label} and ${b.label}`
  return after.flatMap((to): BaselineShift[] => {
    const from = before.get(to.id)
    if (from && from.version === to.version) return []
    const held = results.filter((r) => r.baselineId === to.id)
    const shift = {
      baselineId: to.id,
      name: to.name,
      scope: describeScope(to.scope),
      ...(from ? { fromVersion: from.version } : {}),
      toVersion: to.version,
      change: classifyChange(from, to),
      steps: steps(from, to),
      addedInvariants: to.invariants.filter((c) => !from?.invariants.includes(c)),
      removedInvariants: (from?.invariants ?? []).filter((c) => !to.invariants.includes(c)),
      met: held.filter((r) => r.breaches.length === 0).length,
      notMet: held.filter((r) => r.breaches.length > 0).length,
      ...(to.approver ? { approver: to.approver } : {}),
    } satisfies Omit<BaselineShift, 'sentence'>
    return [{ ...shift, sentence: sentenceFor(shift, period) }]
  })
}
