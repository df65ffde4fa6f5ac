import { describe, expect, it } from 'vitest'
import { evaluateBaselines } from '../../shared/baseline/breaches'
import { demoBaselines } from '../../shared/demo/baselines'
import { buildDemoOrganization, demoControlsFromModel } from '../../shared/demo/organization'
import { defaultModel } from '../../shared/model/default-model'
import { accountStateOfCard, controlRefs } from '../../shared/overview/state'
import { goalsFromBaselines } from '../../shared/plan/goals'
import { planActions } from '../../shared/plan/planner'
import { compileModel } from '../../shared/scoring/engine'
import { snapshotsFromQuarters } from '../../shared/snapshot/build'
import { statusCards } from './scorecards'

const now = new Date('2026-11-28T10:00:00.000Z')

describe('status cards rebuilt from summaries', () => {
  const { accounts, quarters } = buildDemoOrganization({ now, controls: demoControlsFromModel(defaultModel) })
  const last = snapshotsFromQuarters({ accounts, quarters, model: defaultModel, idPrefix: 'demo' }).at(-1)
  if (!last) throw new Error('the demo has quarters')
  const full = last.scorecard.accounts
  const controls = controlRefs(compileModel(defaultModel))
  const order = controls.map((c) => c.id)
  const cards = [
    ...statusCards(
      full.map((card) => accountStateOfCard(card, order)),
      controls,
    ).values(),
  ]
  const baselines = demoBaselines(now)

  it('give the planner the same to-do list as the full scorecards', () => {
    const goals = goalsFromBaselines(accounts, baselines)
    const plan = (input: typeof full) =>
      planActions({ cards: input, goals }).map(({ id, tier, accountIds, controlIds, completes }) => ({
        id,
        tier,
        accountIds,
        controlIds,
        completes,
      }))
    expect(plan(cards).length).toBeGreaterThan(0)
    expect(plan(cards)).toEqual(plan(full))
  })

  it('count the same baseline breaches, by kind and state, as the full scorecards', () => {
    const standing = (input: typeof full) =>
      evaluateBaselines(accounts, input, baselines).map((r) => ({
        accountId: r.accountId,
        baselineId: r.baselineId,
        breaches: r.breaches.map((b) => `${b.kind}:${b.state}:${b.domainId ?? ''}:${b.controlId ?? ''}`),
      }))
    expect(standing(cards).some((r) => r.breaches.length > 0)).toBe(true)
    expect(standing(cards)).toEqual(standing(full))
  })

  it('carry no reason or resource, so they are never shown as verdicts', () => {
    const results = cards.flatMap((c) => c.domains.flatMap((d) => d.controls))
    expect(results.every((r) => r.reason === '' && r.resources.length === 0)).toBe(true)
  })
})
