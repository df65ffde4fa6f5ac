import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { domainIds, type Level } from '../domain/types'
import type { ControlStatus } from '../scoring/types'
import { breachKey, computeBreaches } from './breaches'
import { baseline, scorecard } from './fixtures.test-support'
import { reviseBaseline } from './revise'
import type { BreachState } from './types'

const statuses: ControlStatus[] = ['pass', 'fail', 'unknown', 'exempt', 'attested', 'not-applicable']
const controlIds = domainIds.flatMap((d) => [1, 2, 3, 4, 5].map((l) => `${d}.l${l}`))
const level = fc.constantFrom<Level>(0, 1, 2, 3, 4, 5)
const severity: Record<BreachState, number> = { waived: 0, unknown: 1, failing: 2 }

const arbStatuses = fc.dictionary(fc.constantFrom(...controlIds), fc.constantFrom(...statuses))
const arbMinimums = fc.dictionary(fc.constantFrom(...domainIds), level)
const arbInvariants = fc.uniqueArray(fc.constantFrom(...controlIds, 'not.in-model'), { maxLength: 6 })

describe('property: raising a baseline never removes a breach', () => {
  it('every breach under a version stays, at least as severe, under any raise of it', () => {
    fc.assert(
      fc.property(
        arbStatuses,
        arbMinimums,
        arbInvariants,
        arbMinimums,
        arbInvariants,
        (card, minimums, invariants, bumps, added) => {
          const before = baseline({ id: 'b', scope: { kind: 'tag', tag: 't' }, minimums, invariants })
          const raisedMinimums = { ...minimums }
          for (const [domain, bump] of Object.entries(bumps) as Array<[keyof typeof minimums, Level]>) {
            raisedMinimums[domain] = Math.max(minimums[domain] ?? 0, bump) as Level
          }
          const after = reviseBaseline(
            before,
            { ...before, minimums: raisedMinimums, invariants: [...invariants, ...added] },
            { by: 'lead', at: '2026-12-01T00:00:00.000Z', reason: 'raise' },
          )
          expect(after.change === 'raised' || after.change === 'unchanged').toBe(true)
          const account = scorecard('111111111111', card)
          const afterByKey = new Map(computeBreaches(account, after).map((b) => [breachKey(b), b]))
          for (const breach of computeBreaches(account, before)) {
            const kept = afterByKey.get(breachKey(breach))
            expect(kept, breachKey(breach)).toBeDefined()
            expect(severity[kept?.state ?? 'waived']).toBeGreaterThanOrEqual(severity[breach.state])
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
