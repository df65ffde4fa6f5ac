import { describe, expect, it } from 'vitest'
import { account } from '../compare/fixtures.test-support'
import type { Level } from '../domain/types'
import { domainLevelShares } from './level-shares'

describe('domainLevelShares', () => {
  /** A quarter where accounts 1 and 2 sit at the given iam levels. */
  const quarter = (id: string, label: string, createdAt: string, levels: readonly Level[]) => ({
    id,
    label,
    createdAt,
    accounts: levels.map((level, i) => account(String(i + 1), { iam: { level, controls: [] } })),
  })
  const q3 = quarter('q3', '2026-Q3', '2026-09-30T00:00:00.000Z', [1, 3])
  const q4 = quarter('q4', '2026-Q4', '2026-11-28T00:00:00.000Z', [2, 2])

  it('gives the share of accounts at each level per state, oldest first, whatever the input order', () => {
    const shares = domainLevelShares([q4, q3])
    expect(shares.iam.map((c) => c.label)).toEqual(['2026-Q3', '2026-Q4'])
    expect(shares.iam[0]?.shares).toEqual([0, 0.5, 0, 0.5, 0, 0])
    expect(shares.iam[1]?.counts).toEqual([0, 0, 2, 0, 0, 0])
  })

  it('marks a regression even when the mean level does not move', () => {
    const [first, second] = domainLevelShares([q3, q4]).iam
    expect(first).toMatchObject({ regressed: 0, improved: 0 })
    expect(second).toMatchObject({ regressed: 1, improved: 1 })
  })

  it('gives zero shares for a domain no account was scored in', () => {
    expect(domainLevelShares([q3]).network[0]?.shares).toEqual([0, 0, 0, 0, 0, 0])
  })
})
