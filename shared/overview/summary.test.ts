import { describe, expect, it } from 'vitest'
import { account, control } from '../compare/fixtures.test-support'
import { buildDemoOrganization, demoControlsFromModel } from '../demo/organization'
import { defaultModel } from '../model/default-model'
import { compileModel } from '../scoring/engine'
import type { AccountScorecard } from '../scoring/types'
import { snapshotsFromQuarters } from '../snapshot/build'
import { accountStateOfCard, type ControlRef, controlRefs } from './state'
import { baselineSnapshot, newestEvidenceTime, overviewSummary } from './summary'

const now = new Date('2026-11-28T10:00:00.000Z')
const names = [
  { id: '111111111111', name: 'payments-prod' },
  { id: '222222222222', name: 'identity' },
  { id: '333333333333', name: 'sandbox-15' },
]

/** The crafted cards as overview states, their statuses in `order`. */
const statesOf = (cards: readonly AccountScorecard[], order: readonly ControlRef[]) =>
  cards.map((card) =>
    accountStateOfCard(
      card,
      order.map((c) => c.id),
    ),
  )

describe('overviewSummary with crafted scorecards', () => {
  const controls: ControlRef[] = [
    { id: 'root-mfa', domainId: 'iam', level: 1 },
    { id: 'pw', domainId: 'iam', level: 1 },
  ]
  const before = [
    account('111111111111', {
      iam: { level: 2, controls: [control('root-mfa', 'pass'), control('pw', 'pass')] },
    }),
    account('222222222222', {
      iam: { level: 1, controls: [control('root-mfa', 'pass'), control('pw', 'fail')] },
    }),
    account('333333333333', { iam: { level: 1, controls: [control('root-mfa', 'pass')] } }),
  ]
  const current = [
    account('111111111111', {
      iam: { level: 0, controls: [control('root-mfa', 'fail'), control('pw', 'fail')] },
    }),
    account('222222222222', {
      iam: {
        level: 3,
        controls: [
          control('root-mfa', 'fail'),
          control('pw', 'pass', {
            evidence: [{ source: 'credentialReport', collectedAt: '2026-09-01T00:00:00.000Z' }],
          }),
        ],
      },
    }),
    // Unknown now is not a regression: missing is never fail.
    account('333333333333', {
      iam: { level: 1, controls: [control('root-mfa', 'unknown', { unknownReason: 'collection-failed' })] },
    }),
  ]
  const identity = current[1]
  if (identity) current[1] = { ...identity, belowTarget: ['iam'] }
  const states = statesOf(current, controls)
  const summary = overviewSummary({
    accounts: names,
    current: states,
    previous: { label: '2026-Q3', accounts: statesOf(before, controls) },
    controls,
    now,
  })

  it('counts the headline levels now and at the last snapshot', () => {
    expect(summary.distribution).toEqual({
      now: [1, 1, 0, 1, 0, 0],
      previous: [0, 2, 1, 0, 0, 0],
      previousLabel: '2026-Q3',
      unassessed: 0,
    })
    const { accountsUp, accountsDown, domainLevelsUp, domainLevelsDown } = summary.changes
    expect([accountsUp, accountsDown, domainLevelsUp, domainLevelsDown]).toEqual([1, 1, 2, 2])
  })

  it('groups identical regressions by control, largest first, and never counts unknown as fail', () => {
    expect(summary.regressions).toEqual([
      {
        controlId: 'root-mfa',
        domainId: 'iam',
        level: 1,
        from: 'pass',
        to: 'fail',
        accounts: [names[0], names[1]],
      },
      { controlId: 'pw', domainId: 'iam', level: 1, from: 'pass', to: 'fail', accounts: [names[0]] },
    ])
  })

  it('names the accounts below target, the oldest evidence and the failed collections', () => {
    expect(summary.belowTarget).toEqual([{ ...names[1], domains: ['iam'] }])
    expect(summary.oldestEvidence).toEqual({
      ...names[1],
      collectedAt: '2026-09-01T00:00:00.000Z',
      ageDays: 88,
    })
    expect(summary.failedCollections).toEqual([names[2]])
  })

  it('counts accounts with no usable evidence as unassessed, never at level 0', () => {
    const empty = accountStateOfCard({
      ...account('444444444444', { iam: { level: 0, controls: [] } }),
      grade: 'unassessed',
    })
    const withEmpty = overviewSummary({ accounts: names, current: [...states, empty], controls, now })
    expect(withEmpty.distribution.unassessed).toBe(1)
    expect(withEmpty.distribution.now).toEqual(summary.distribution.now)
  })

  it('counts no fall for an account assessed at the last snapshot and unassessed now', () => {
    // 111111111111 was at level 2; now nothing could be read for it.
    const unread = accountStateOfCard({
      ...account('111111111111', { iam: { level: 0, controls: [] } }),
      grade: 'unassessed',
    })
    const after = overviewSummary({
      accounts: names,
      current: [unread, ...states.slice(1)],
      previous: { label: '2026-Q3', accounts: statesOf(before, controls) },
      controls,
      now,
    })
    // Only 222222222222's rise (1 → 3) is a change.
    expect(after.changes).toEqual({ accountsUp: 1, accountsDown: 0, domainLevelsUp: 2, domainLevelsDown: 0 })
    expect(after.distribution.unassessed).toBe(1)
  })

  it('has no previous state, changes or regressions without a snapshot', () => {
    const alone = overviewSummary({ accounts: names, current: states, controls, now })
    expect(alone.distribution.previous).toBeUndefined()
    expect(alone.regressions).toEqual([])
    expect(alone.changes).toEqual({ accountsUp: 0, accountsDown: 0, domainLevelsUp: 0, domainLevelsDown: 0 })
  })

  it('names an account missing from the list by its id', () => {
    const summaryWithoutNames = overviewSummary({ accounts: [], current: states, controls, now })
    expect(summaryWithoutNames.failedCollections).toEqual([{ id: '333333333333', name: '333333333333' }])
  })
})

describe('overviewSummary with the demo organization', () => {
  it('finds the demo quarter-on-quarter regressions, grouped by control, and its failed collections', () => {
    const demo = buildDemoOrganization({ now, controls: demoControlsFromModel(defaultModel) })
    const { accounts, quarters } = demo
    const snapshots = snapshotsFromQuarters({ accounts, quarters, model: defaultModel, idPrefix: 'demo' })
    const last = snapshots.at(-1)
    const previous = snapshots.at(-2)
    if (!last || !previous) throw new Error('the demo has four quarters')
    const order = controlRefs(compileModel(defaultModel))
    const summary = overviewSummary({
      accounts: demo.accounts,
      current: statesOf(last.scorecard.accounts, order),
      previous: { label: previous.label, accounts: statesOf(previous.scorecard.accounts, order) },
      controls: order,
      now,
    })
    // The demo's missed collection leaves one account unassessed now: counted apart, never at level 0.
    expect(summary.distribution.unassessed).toBe(1)
    const atLevels = summary.distribution.now.reduce((a, b) => a + b, 0)
    expect(atLevels + summary.distribution.unassessed).toBe(demo.accounts.length)
    expect(summary.distribution.previous?.reduce((a, b) => a + b, 0)).toBe(demo.accounts.length)
    // Every grouped regression really went pass → fail in each account it lists.
    for (const group of summary.regressions) {
      for (const { id } of group.accounts) {
        const status = (cards: typeof last.scorecard.accounts) =>
          cards
            .find((c) => c.accountId === id)
            ?.domains.flatMap((d) => d.controls)
            .find((c) => c.controlId === group.controlId)?.status
        expect(status(previous.scorecard.accounts)).toBe('pass')
        expect(status(last.scorecard.accounts)).toBe('fail')
      }
    }
    expect(summary.regressions.length).toBeGreaterThan(0)
    const sizes = summary.regressions.map((g) => g.accounts.length)
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a))
  })
})

describe('baselineSnapshot', () => {
  const snaps = [
    { id: 'q3', createdAt: '2026-09-30T00:00:00.000Z' },
    { id: 'q4', createdAt: '2026-11-25T00:00:00.000Z' },
  ]
  it('takes the newest snapshot before the current evidence, so a snapshot of now never hides the change', () => {
    expect(baselineSnapshot(snaps, '2026-11-25T00:00:00.000Z')?.id).toBe('q3')
    expect(baselineSnapshot(snaps, '2026-11-28T00:00:00.000Z')?.id).toBe('q4')
    expect(baselineSnapshot(snaps, undefined)?.id).toBe('q4')
    expect(baselineSnapshot([], '2026-11-28T00:00:00.000Z')).toBeUndefined()
  })

  it('reads the newest evidence time from the states', () => {
    const cards = [
      account('1', {
        iam: {
          level: 1,
          controls: [
            control('a', 'pass', {
              evidence: [{ source: 'identity', collectedAt: '2026-11-01T00:00:00.000Z' }],
            }),
            control('b', 'pass', {
              evidence: [{ source: 'identity', collectedAt: '2026-11-03T00:00:00.000Z' }],
            }),
          ],
        },
      }),
    ]
    expect(newestEvidenceTime(cards.map((c) => accountStateOfCard(c)))).toBe('2026-11-03T00:00:00.000Z')
    expect(newestEvidenceTime([])).toBeUndefined()
  })
})
