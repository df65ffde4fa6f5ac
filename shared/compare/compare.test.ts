import { describe, expect, it } from 'vitest'
import type { Attestation } from '../domain/types'
import { buildSnapshot } from '../snapshot/build'
import {
  ACCOUNT_A,
  ACCOUNT_B,
  tinyAccount,
  tinyAnswer,
  tinyBundle,
  tinyModel,
} from '../snapshot/fixtures.test-support'
import { compareStates } from './compare'

const Q2 = new Date('2026-06-28T00:00:00.000Z')
const Q3 = new Date('2026-09-28T00:00:00.000Z')

const answer = tinyAnswer

const accounts = [tinyAccount(ACCOUNT_A, 'Payments')]

function snapshotAt(
  createdAt: Date,
  opts: { keyAgeLimit?: number; keyAgeDays?: number; attestations?: Attestation[] } = {},
) {
  return buildSnapshot({
    createdAt,
    model: tinyModel(opts.keyAgeLimit ?? 400),
    accounts,
    evidence: [
      tinyBundle(ACCOUNT_A, new Date(createdAt.getTime() - 86_400_000).toISOString(), {
        keyAgeDays: opts.keyAgeDays ?? 100,
      }),
    ],
    attestations: opts.attestations ?? [answer()],
    waivers: [],
  })
}

describe('compareStates with the scoring engine', () => {
  it('re-scores the older state under the newer model, so a stricter model is not a regression', () => {
    const q2 = snapshotAt(Q2) // key 100 days old, limit 400 → passes
    const q3 = snapshotAt(Q3, { keyAgeLimit: 60 }) // same key age, limit 60 → fails
    expect(q2.modelVersion).not.toBe(q3.modelVersion)
    const result = compareStates(q2, q3)
    expect(result).toMatchObject({ mode: 'one-model', isModelChanged: true, isRescored: true })
    expect(result.levelChanges).toEqual([])
    expect(result.regressions).toEqual([])
    // The model's own effect is reported apart.
    expect(result.modelEffects).toEqual([
      expect.objectContaining({
        accountId: ACCOUNT_A,
        accountName: 'Payments',
        domainId: 'iam',
        from: 5,
        to: 1,
      }),
    ])
    expect(result.modelEffects[0]?.changes[0]).toMatchObject({
      controlId: 'iam.key-age',
      reason: 'model-change',
    })
  })

  it('shows the model change as a recorded level drop in as-recorded mode, named as a model change', () => {
    const result = compareStates(snapshotAt(Q2), snapshotAt(Q3, { keyAgeLimit: 60 }), { mode: 'as-recorded' })
    expect(result.isRescored).toBe(false)
    expect(result.levelChanges).toEqual([expect.objectContaining({ domainId: 'iam', from: 5, to: 1 })])
    expect(result.levelChanges[0]?.changes).toEqual([
      expect.objectContaining({ controlId: 'iam.key-age', from: 'pass', to: 'fail', reason: 'model-change' }),
    ])
    expect(result.regressions.some((r) => r.kind === 'level-drop')).toBe(true)
  })

  it('catches an attestation that expired between the quarters, as a regression of the level', () => {
    const att = answer({ expiresAt: '2026-08-15T00:00:00.000Z' })
    const result = compareStates(
      snapshotAt(Q2, { attestations: [att] }),
      snapshotAt(Q3, { attestations: [att] }),
    )
    expect(result.isRescored).toBe(false)
    expect(result.levelChanges).toEqual([
      expect.objectContaining({ domainId: 'iam', from: 5, to: 0, target: 2 }),
    ])
    expect(result.levelChanges[0]?.changes[0]).toMatchObject({
      controlId: 'iam.break-glass',
      controlTitle: 'Break-glass procedure exists',
      from: 'attested',
      to: 'unknown',
      reason: 'attestation-expired',
      detail: expect.stringContaining('The attestation by ana@example.com expired on 2026-08-15'),
    })
    expect(result.regressions).toEqual([
      expect.objectContaining({ kind: 'level-drop', domainId: 'iam', from: 5, to: 0 }),
    ])
    expect(result.gaps).toEqual([expect.objectContaining({ domainId: 'iam', level: 0, target: 2, gap: 2 })])
  })

  it('always diffs older → newer and says when the picked order was swapped', () => {
    const q2 = snapshotAt(Q2, { keyAgeDays: 500 })
    const q3 = snapshotAt(Q3)
    const result = compareStates(q3, q2)
    expect(result.isSwapped).toBe(true)
    expect(result.before.label).toBe('2026-Q2')
    expect(result.after.label).toBe('2026-Q3')
    expect(result.controlChanges).toEqual([
      expect.objectContaining({ controlId: 'iam.key-age', reason: 'fixed' }),
    ])
    expect(result.resources.resolved).toEqual([
      expect.objectContaining({
        accountId: ACCOUNT_A,
        controlId: 'iam.key-age',
        resource: expect.objectContaining({ id: expect.stringContaining('deploy') }),
      }),
    ])
  })

  it('compares a snapshot with now, and sees accounts added', () => {
    const q3 = snapshotAt(Q3)
    const now = buildSnapshot({
      createdAt: new Date('2026-11-28T00:00:00.000Z'),
      label: 'Now',
      model: tinyModel(400),
      accounts: [...accounts, tinyAccount(ACCOUNT_B, 'Data')],
      evidence: [tinyBundle(ACCOUNT_A, '2026-11-27T00:00:00.000Z', { keyAgeDays: 10 })],
      attestations: [answer()],
      waivers: [],
    })
    const result = compareStates(q3, { ...now, kind: 'now' })
    expect(result.after).toMatchObject({ kind: 'now', label: 'Now' })
    expect(result.accounts).toEqual({ added: [ACCOUNT_B], removed: [] })
  })
})
