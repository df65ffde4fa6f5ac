import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Level } from '../domain/types'
import type { ControlStatus } from '../scoring/types'
import { diffScorecards } from './diff'
import { account, control, org, side } from './fixtures.test-support'

const statuses: ControlStatus[] = ['pass', 'fail', 'unknown', 'exempt', 'attested', 'not-applicable']
const accountIds = ['111111111111', '222222222222', '333333333333']
const controlIds = ['c1', 'c2', 'c3', 'c4']

/** A random organization: some of three accounts, IAM and network domains, four controls each with resources. */
const orgArb = fc
  .subarray(accountIds, { minLength: 0 })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc
          .record({
            iam: fc.integer({ min: 0, max: 5 }),
            network: fc.integer({ min: 0, max: 5 }),
            statuses: fc.array(fc.constantFrom(...statuses), { minLength: 4, maxLength: 4 }),
            resources: fc.array(fc.subarray(['r1', 'r2', 'r3']), { minLength: 4, maxLength: 4 }),
          })
          .map((r) =>
            account(id, {
              iam: {
                level: r.iam as Level,
                controls: controlIds.slice(0, 2).map((c, i) =>
                  control(`iam.${c}`, r.statuses[i] ?? 'pass', {
                    level: (i + 1) as 1,
                    resources: (r.resources[i] ?? []).map((x) => ({ id: x, type: 'user' })),
                  }),
                ),
              },
              network: {
                level: r.network as Level,
                controls: controlIds.slice(2).map((c, i) =>
                  control(`net.${c}`, r.statuses[i + 2] ?? 'pass', {
                    level: (i + 1) as 1,
                    resources: (r.resources[i + 2] ?? []).map((x) => ({ id: x, type: 'sg' })),
                  }),
                ),
              },
            }),
          ),
      ),
    ),
  )
  .map((accounts) => org(accounts))

const options = {
  mode: 'one-model',
  isSwapped: false,
  isModelChanged: false,
  isRescored: false,
  controlLookup: () => undefined,
} as const
const Q1 = '2026-03-30T00:00:00.000Z'
const Q2 = '2026-06-29T00:00:00.000Z'

describe('diffScorecards properties', () => {
  it('finds nothing between a state and itself', () => {
    fc.assert(
      fc.property(orgArb, (a) => {
        const result = diffScorecards(side('A', Q1, a), side('B', Q2, a), options)
        expect(result.controlChanges).toEqual([])
        expect(result.levelChanges).toEqual([])
        expect(result.regressions).toEqual([])
        expect(result.resources).toEqual({ added: [], resolved: [] })
        expect(result.accounts).toEqual({ added: [], removed: [] })
      }),
    )
  })

  it('mirrors level changes, accounts and control statuses when the two states are exchanged', () => {
    fc.assert(
      fc.property(orgArb, orgArb, (a, b) => {
        const forward = diffScorecards(side('A', Q1, a), side('B', Q2, b), options)
        const backward = diffScorecards(side('B', Q1, b), side('A', Q2, a), options)
        const key = (c: { accountId: string; domainId: string }) => `${c.accountId}/${c.domainId}`
        const back = new Map(backward.levelChanges.map((c) => [key(c), c]))
        expect(backward.levelChanges).toHaveLength(forward.levelChanges.length)
        for (const c of forward.levelChanges)
          expect(back.get(key(c))).toMatchObject({ from: c.to, to: c.from })
        expect(backward.accounts).toEqual({
          added: forward.accounts.removed,
          removed: forward.accounts.added,
        })
        expect(
          backward.controlChanges.map((c) => `${c.accountId}/${c.controlId}:${c.to}>${c.from}`).sort(),
        ).toEqual(forward.controlChanges.map((c) => `${c.accountId}/${c.controlId}:${c.from}>${c.to}`).sort())
      }),
    )
  })

  it('flags exactly the level drops and the met-then-failing controls as regressions', () => {
    fc.assert(
      fc.property(orgArb, orgArb, (a, b) => {
        const result = diffScorecards(side('A', Q1, a), side('B', Q2, b), options)
        const drops = result.levelChanges.filter((c) => c.to < c.from).length
        const met = new Set<ControlStatus | null>(['pass', 'attested', 'exempt', 'not-applicable'])
        const slipped = result.controlChanges.filter((c) => met.has(c.from) && c.to === 'fail').length
        expect(result.regressions.filter((r) => r.kind === 'level-drop')).toHaveLength(drops)
        expect(result.regressions.filter((r) => r.kind === 'control')).toHaveLength(slipped)
        // Unknown is never a failure: a control that became unknown is never a control regression.
        expect(result.regressions.some((r) => r.kind === 'control' && r.change.to === 'unknown')).toBe(false)
      }),
    )
  })
})
