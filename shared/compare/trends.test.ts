import { describe, expect, it } from 'vitest'
import { account, org } from './fixtures.test-support'
import { accountRadar, domainTrend, levelCounts, type TrendPoint } from './trends'

const A = '111111111111'
const B = '222222222222'
const point = (id: string, createdAt: string, accounts: ReturnType<typeof account>[]): TrendPoint => ({
  id,
  label: id,
  createdAt,
  scorecard: org(accounts),
})

const q1 = point('2026-Q1', '2026-03-30T00:00:00.000Z', [
  account(A, { iam: { level: 1, controls: [] }, network: { level: 2, controls: [] } }),
  account(B, { iam: { level: 2, controls: [] }, network: { level: 0, controls: [] } }),
])
const q2 = point('2026-Q2', '2026-06-29T00:00:00.000Z', [
  account(A, { iam: { level: 3, target: 4, controls: [] }, network: { level: 2, controls: [] } }),
])

describe('trends', () => {
  it('gives the mean level per domain per state, oldest first whatever the input order', () => {
    const rows = domainTrend([q2, q1])
    expect(rows.map((r) => r.label)).toEqual(['2026-Q1', '2026-Q2'])
    expect(rows[0]?.means).toMatchObject({ iam: 1.5, network: 1, governance: null })
    expect(rows[1]?.means).toMatchObject({ iam: 3, network: 2 })
  })

  it('counts the accounts at each headline level', () => {
    expect(levelCounts([q1, q2]).map((r) => r.counts)).toEqual([
      [1, 1, 0, 0, 0, 0],
      [0, 0, 1, 0, 0, 0],
    ])
  })

  it('gives an account radar of current vs previous vs target', () => {
    const radar = accountRadar(A, { ...q2, accounts: [{ id: A, targets: { network: 3 } }] }, q1)
    expect(radar.rows.find((r) => r.domainId === 'iam')).toEqual({
      domainId: 'iam',
      current: 3,
      previous: 1,
      target: 4,
    })
    expect(radar.rows.find((r) => r.domainId === 'network')).toEqual({
      domainId: 'network',
      current: 2,
      previous: 2,
      target: 3,
    })
    expect(radar.rows.find((r) => r.domainId === 'governance')).toEqual({
      domainId: 'governance',
      current: null,
      previous: null,
      target: null,
    })
    expect(accountRadar(B, q2, q1).rows.find((r) => r.domainId === 'iam')).toMatchObject({
      current: null,
      previous: 2,
    })
  })
})
