import { describe, expect, it } from 'vitest'
import { evaluateBaselines } from '../baseline/breaches'
import { baselineShifts } from '../baseline/compare'
import { inForceAt } from '../baseline/scope'
import { demoBaselines } from './baselines'
import { DEMO_TEST_NOW, demoWithSnapshots } from './test-support'

const now = DEMO_TEST_NOW
const { demo, snapshots } = demoWithSnapshots(now)

describe('the demo baselines', () => {
  it('hold every demo account: production and non-production', () => {
    const results = evaluateBaselines(
      demo.accounts,
      snapshots.at(-1)?.scorecard.accounts ?? [],
      inForceAt(demoBaselines(now), now.toISOString()),
    )
    expect(results.every((r) => r.baselineId !== undefined)).toBe(true)
    expect(new Set(results.map((r) => r.baselineId))).toEqual(
      new Set(['demo-production', 'demo-non-production']),
    )
  })

  it('have breaches to see, failing and unknown', () => {
    const last = snapshots.at(-1)
    const results = evaluateBaselines(demo.accounts, last?.scorecard.accounts ?? [], last?.baselines ?? [])
    const states = new Set(results.flatMap((r) => r.breaches.map((b) => b.state)))
    expect(states.has('failing')).toBe(true)
    expect(states.has('unknown')).toBe(true)
    expect(results.some((r) => r.breaches.length === 0)).toBe(true)
  })

  it('raise production once during the year, which Compare can tell', () => {
    expect(snapshots.map((s) => s.baselines?.find((b) => b.id === 'demo-production')?.version)).toEqual([
      1, 1, 2, 2,
    ])
    const [, q2, q3] = snapshots
    if (!q2 || !q3) throw new Error('the demo has four quarters')
    const [shift] = baselineShifts(q2, q3)
    expect(shift?.sentence).toMatch(/^The bar went from 1 to 2 in production \+ shared \(iam, governance\)/)
  })
})
