import { describe, expect, it } from 'vitest'
import { buildSnapshot } from '../snapshot/build'
import { ACCOUNT_A, ACCOUNT_B, tinyAccount, tinyBundle, tinyModel } from '../snapshot/fixtures.test-support'
import { baselineShifts } from './compare'
import { reviseBaseline } from './revise'

const model = tinyModel(1000) // keys never get too old between the snapshots
const author = (at: string, reason = 'bar') => ({ by: 'lead@example.com', at, reason })
const v1 = reviseBaseline(
  undefined,
  {
    id: 'prod',
    name: 'Production',
    scope: { kind: 'environment', environments: ['production'] },
    minimums: { iam: 1 },
    invariants: [],
  },
  author('2026-01-01T00:00:00.000Z'),
)
const v2 = reviseBaseline(
  v1,
  { ...v1, minimums: { iam: 2 }, invariants: ['iam.root-mfa'] },
  author('2026-08-01T00:00:00.000Z'),
)

function snapshot(label: string, createdAt: string, baselines = [v1, v2]) {
  return buildSnapshot({
    label,
    createdAt: new Date(createdAt),
    model,
    accounts: [tinyAccount(ACCOUNT_A, 'a'), tinyAccount(ACCOUNT_B, 'b')],
    evidence: [
      tinyBundle(ACCOUNT_A, '2026-06-01T00:00:00.000Z'),
      tinyBundle(ACCOUNT_B, '2026-06-01T00:00:00.000Z'),
    ],
    attestations: [
      {
        id: 'att',
        accountId: ACCOUNT_A,
        controlId: 'iam.break-glass',
        isMet: true,
        note: '',
        attestedBy: 'ana@example.com',
        attestedAt: '2026-05-01T00:00:00.000Z',
        expiresAt: '2027-05-01T00:00:00.000Z',
      },
    ],
    waivers: [],
    maxEvidenceAgeDays: 1000,
    baselines,
  })
}

describe('baselineShifts: what Compare says about the bar', () => {
  it('records the versions in force in each snapshot', () => {
    expect(snapshot('2026-Q2', '2026-06-30T00:00:00.000Z').baselines?.map((b) => b.version)).toEqual([1])
    expect(snapshot('2026-Q3', '2026-09-30T00:00:00.000Z').baselines?.map((b) => b.version)).toEqual([2])
  })

  it('says the bar went up, where, and how many accounts met it', () => {
    const [shift, ...rest] = baselineShifts(
      snapshot('2026-Q2', '2026-06-30T00:00:00.000Z'),
      snapshot('2026-Q3', '2026-09-30T00:00:00.000Z'),
    )
    expect(rest).toEqual([])
    expect(shift).toMatchObject({ change: 'raised', fromVersion: 1, toVersion: 2, met: 1, notMet: 1 })
    expect(shift?.sentence).toBe(
      'The bar went from 1 to 2 in production (iam); 1 invariant was added (iam.root-mfa) between 2026-Q2 and 2026-Q3; 1 account met it, 1 did not.',
    )
  })

  it('says nothing when the bar did not move, or when a snapshot has no baselines', () => {
    const q3 = snapshot('2026-Q3', '2026-09-30T00:00:00.000Z')
    expect(baselineShifts(q3, snapshot('2026-Q4', '2026-12-30T00:00:00.000Z'))).toEqual([])
    expect(baselineShifts(q3, snapshot('2026-Q4', '2026-12-30T00:00:00.000Z', []))).toEqual([])
  })

  it('shows a lowering as a lowering, with its approver', () => {
    const v3 = reviseBaseline(
      v2,
      { ...v2, minimums: { iam: 1 } },
      { ...author('2026-10-01T00:00:00.000Z'), approver: 'ciso@example.com' },
    )
    const [shift] = baselineShifts(
      snapshot('2026-Q3', '2026-09-30T00:00:00.000Z'),
      snapshot('2026-Q4', '2026-12-30T00:00:00.000Z', [v1, v2, v3]),
    )
    expect(shift?.change).toBe('lowered')
    expect(shift?.sentence).toContain(
      'The bar was lowered from 2 to 1 in production (iam) between 2026-Q3 and 2026-Q4, approved by ciso@example.com',
    )
  })
})
