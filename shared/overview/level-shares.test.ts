import { describe, expect, it } from 'vitest'
import { account } from '../compare/fixtures.test-support'
import { domainLevelShares } from './level-shares'

describe('domainLevelShares', () => {
  const q3 = {
    id: 'q3',
    label: '2026-Q3',
    createdAt: '2026-09-30T00:00:00.000Z',
    accounts: [
      account('1', { iam: { level: 1, controls: [] } }),
      account('2', { iam: { level: 3, controls: [] } }),
    ],
  }
  const q4 = {
    id: 'q4',
    label: '2026-Q4',
    createdAt: '2026-11-28T00:00:00.000Z',
    accounts: [
      account('1', { iam: { level: 2, controls: [] } }),
      account('2', { iam: { level: 2, controls: [] } }),
    ],
  }

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
