import { describe, expect, it } from 'vitest'
import { account, baseline, scorecard } from '../baseline/fixtures.test-support'
import { actionEffort, perimeterOf } from './effort'
import { goalsFromBaselines } from './goals'
import { planToMarkdown } from './markdown'
import { planActions } from './planner'

const A = '111111111111'
const B = '222222222222'
const C = '333333333333'

describe('the planner', () => {
  it('puts invariants first, then the baseline, then the next level', () => {
    const cards = [scorecard(A, { 'iam.l5': 'fail', 'network.l2': 'fail', 'workload.l4': 'fail' })]
    const goals = new Map([[A, { minimums: { network: 3 as const }, invariants: ['iam.l5'] }]])
    const plan = planActions({ cards, goals })
    expect(plan.map((i) => [i.tier, i.id, i.phase])).toEqual([
      ['invariant', 'fix-control:iam.l5', 30],
      ['baseline', 'fix-control:network.l2', 60],
      ['next-level', 'fix-control:workload.l4', 90],
    ])
  })

  it('within a tier, prefers the action that lifts the most accounts for the least effort', () => {
    // Three accounts under iam 2: one question for all three completes them; one fix completes only A.
    const cards = [
      scorecard(A, { 'iam.l1': 'fail' }),
      scorecard(B, { 'iam.l2': ['unknown', 'not-answered'] }),
      scorecard(C, { 'iam.l2': ['unknown', 'not-answered'] }),
    ]
    const goal = { minimums: { iam: 2 as const }, invariants: [] }
    const plan = planActions({ cards, goals: new Map([A, B, C].map((id) => [id, goal])) })
    const baselineItems = plan.filter((i) => i.tier === 'baseline')
    expect(baselineItems.map((i) => [i.id, i.accountIds, i.effort, i.completes])).toEqual([
      // Each completes the baseline goal and the next level (iam 3) of its accounts.
      ['answer-question:iam.l2', [B, C], 2 * actionEffort['answer-question'], 4],
      ['fix-control:iam.l1', [A], actionEffort['fix-control'], 2],
    ])
    expect(baselineItems.map((i) => i.phase)).toEqual([30, 60])
  })

  it('groups identical actions across accounts, and one re-collection per account unblocks many controls', () => {
    const unknown = ['unknown', 'collection-failed'] as const
    const cards = [
      scorecard(A, { 'iam.l1': [...unknown], 'network.l1': [...unknown] }),
      scorecard(B, { 'iam.l1': [...unknown] }),
    ]
    const plan = planActions({ cards })
    expect(plan).toHaveLength(1)
    expect(plan[0]).toMatchObject({
      id: 'recollect:collection-failed',
      kind: 'recollect',
      accountIds: [A, B],
      controlIds: ['iam.l1', 'network.l1'],
      completes: 3, // iam and network next levels of A, iam of B
    })
  })

  it('is deterministic: the order never depends on the order of the scorecards', () => {
    const cards = [
      scorecard(A, { 'iam.l2': 'fail', 'network.l1': ['unknown', 'not-subscribed'] }),
      scorecard(B, { 'governance.l1': ['unknown', 'not-answered'], 'resilience.l3': 'fail' }),
      scorecard(C, { 'iam.l2': 'fail', 'workload.l1': ['unknown', 'no-analyzer'] }),
    ]
    expect(planActions({ cards: [...cards].reverse() })).toEqual(planActions({ cards }))
  })

  it('proposes nothing for an account at level 5 everywhere that meets its baseline', () => {
    const goals = new Map([[A, { minimums: { iam: 5 as const }, invariants: ['iam.l1'] }]])
    expect(planActions({ cards: [scorecard(A)], goals })).toEqual([])
  })

  it('asks for evidence when an invariant is only attested, and never plans a waived one', () => {
    const cards = [scorecard(A, { 'iam.l1': 'attested', 'iam.l2': 'exempt' })]
    const goals = new Map([[A, { minimums: {}, invariants: ['iam.l1', 'iam.l2'] }]])
    const invariants = planActions({ cards, goals }).filter((i) => i.tier === 'invariant')
    expect(invariants.map((i) => i.id)).toEqual(['verify-evidence:iam.l1'])
  })

  it('groups by the perimeters a lead thinks in', () => {
    expect(['iam', 'governance'].map((d) => perimeterOf(d as 'iam'))).toEqual(['identity', 'identity'])
    expect(perimeterOf('data-protection')).toBe('network')
    expect(perimeterOf('workload')).toBe('application')
    expect(perimeterOf('resilience')).toBe('foundation')
  })

  it('reads goals from the baseline that holds each account', () => {
    const prod = baseline({
      id: 'prod',
      scope: { kind: 'environment', environments: ['production'] },
      minimums: { iam: 2 },
    })
    const goals = goalsFromBaselines([account(A, { environment: 'production' }), account(B)], [prod])
    expect([...goals.keys()]).toEqual([A])
    expect(goals.get(A)?.minimums).toEqual({ iam: 2 })
  })
})

describe('the plan as Markdown', () => {
  it('lists phases, then perimeters, then items in order, as a checklist', () => {
    const cards = [scorecard(A, { 'iam.l1': 'fail', 'network.l1': 'fail', 'resilience.l2': 'fail' })]
    const goals = new Map([[A, { minimums: { network: 1 as const }, invariants: ['iam.l1'] }]])
    const md = planToMarkdown(planActions({ cards, goals }), {
      title: 'Plan for production',
      titles: new Map([['iam.l1', 'Root MFA']]),
    })
    expect(md).toContain('# Plan for production')
    expect(md.indexOf('## First 30 days')).toBeLessThan(md.indexOf('## By day 60'))
    expect(md.indexOf('## By day 60')).toBeLessThan(md.indexOf('## By day 90'))
    expect(md).toContain(
      '### Identity (IAM, governance)\n\n- [ ] Fix iam.l1 (Root MFA) in 1 account — invariant',
    )
    expect(md).toContain('### Foundation')
  })

  it('says when there is nothing to do', () => {
    expect(planToMarkdown([], { title: 'Plan' })).toContain('Nothing to do')
  })
})
