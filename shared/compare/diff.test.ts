import { describe, expect, it } from 'vitest'
import { diffScorecards } from './diff'
import { account, attestation, control, org, side, waiver } from './fixtures.test-support'
import type { ControlLookup } from './types'

const A = '111111111111'
const B = '222222222222'
const C = '333333333333'
const Q1 = '2026-03-30T00:00:00.000Z'
const Q2 = '2026-06-29T00:00:00.000Z'

const lookup: ControlLookup = (id) => ({ title: `Title of ${id}`, domainId: 'iam', level: 1 })
const options = {
  mode: 'one-model',
  isSwapped: false,
  isModelChanged: false,
  isRescored: false,
  controlLookup: lookup,
} as const

function diffOne(
  before: ReturnType<typeof control>,
  after: ReturnType<typeof control>,
  levels: [0 | 1 | 2, 0 | 1 | 2] = [1, 1],
) {
  const a = org([account(A, { iam: { level: levels[0], controls: [before] } })])
  const b = org([account(A, { iam: { level: levels[1], controls: [after] } })])
  return diffScorecards(side('Q1', Q1, a), side('Q2', Q2, b), options)
}

describe('diffScorecards: each reason', () => {
  it('names a new failure and flags the passed-then-failed control as a regression', () => {
    const result = diffOne(
      control('iam.mfa', 'pass'),
      control('iam.mfa', 'fail', { reason: '2 users have no MFA' }),
      [1, 0],
    )
    expect(result.controlChanges).toEqual([
      expect.objectContaining({
        controlId: 'iam.mfa',
        controlTitle: 'Title of iam.mfa',
        from: 'pass',
        to: 'fail',
        reason: 'new-failure',
        detail: 'Now fails: 2 users have no MFA',
        isRegression: true,
      }),
    ])
    expect(result.regressions.map((r) => r.kind).sort()).toEqual(['control', 'level-drop'])
    expect(result.levelChanges).toEqual([
      expect.objectContaining({ accountId: A, domainId: 'iam', from: 1, to: 0 }),
    ])
    expect(result.levelChanges[0]?.changes.map((c) => c.controlId)).toEqual(['iam.mfa'])
    expect(result.summary).toMatchObject({
      regressions: 2,
      levelsDown: 1,
      levelsUp: 0,
      controlsNewlyFailing: 1,
    })
  })

  it('names a fix, which is not a regression', () => {
    const result = diffOne(
      control('iam.mfa', 'fail'),
      control('iam.mfa', 'pass', { reason: 'every user has MFA' }),
      [0, 1],
    )
    expect(result.controlChanges[0]).toMatchObject({
      reason: 'fixed',
      detail: 'Now passes: every user has MFA',
      isRegression: false,
    })
    expect(result.regressions).toEqual([])
    expect(result.summary).toMatchObject({ levelsUp: 1, controlsFixed: 1 })
  })

  it('names an attestation that expired, with who and when', () => {
    const att = attestation({ expiresAt: '2026-05-10T00:00:00.000Z' })
    const result = diffOne(
      control('iam.manual', 'attested', { attestation: att }),
      control('iam.manual', 'unknown', {
        unknownReason: 'not-answered',
        reason: 'no current answer',
        expired: { kind: 'attestation', expiredAt: att.expiresAt },
      }),
      [1, 0],
    )
    expect(result.controlChanges[0]).toMatchObject({
      reason: 'attestation-expired',
      detail: 'The attestation by ana@example.com expired on 2026-05-10; now unknown',
      isRegression: false,
    })
    // The level still dropped: that is a regression even though the control is unknown, not failed.
    expect(result.regressions).toEqual([expect.objectContaining({ kind: 'level-drop', from: 1, to: 0 })])
  })

  it('names an attestation that expired even when the scorecard does not carry `expired`', () => {
    const att = attestation({ expiresAt: '2026-05-10T00:00:00.000Z' })
    const result = diffOne(
      control('iam.manual', 'attested', { attestation: att }),
      control('iam.manual', 'fail'),
    )
    expect(result.controlChanges[0]).toMatchObject({ reason: 'attestation-expired', isRegression: true })
  })

  it('names an attestation changed to "not met"', () => {
    const result = diffOne(
      control('iam.manual', 'attested', {
        attestation: attestation({ expiresAt: '2027-01-01T00:00:00.000Z' }),
      }),
      control('iam.manual', 'fail', {
        attestation: attestation({
          id: 'att-2',
          isMet: false,
          note: 'break-glass runbook lost',
          expiresAt: '2027-01-01T00:00:00.000Z',
        }),
      }),
    )
    expect(result.controlChanges[0]).toMatchObject({
      reason: 'attestation-changed',
      detail: 'Attested as not met by ana@example.com on 2026-01-10: break-glass runbook lost',
      isRegression: true,
    })
  })

  it('names an attestation added', () => {
    const result = diffOne(
      control('iam.manual', 'unknown', { unknownReason: 'not-answered' }),
      control('iam.manual', 'attested', { attestation: attestation() }),
      [0, 1],
    )
    expect(result.controlChanges[0]).toMatchObject({
      reason: 'attestation-added',
      detail: 'Attested as met by ana@example.com on 2026-01-10',
    })
  })

  it('names an attestation withdrawn before it expired', () => {
    const att = attestation({ expiresAt: '2027-01-01T00:00:00.000Z' })
    const result = diffOne(
      control('iam.manual', 'attested', { attestation: att }),
      control('iam.manual', 'unknown', { unknownReason: 'not-answered' }),
    )
    expect(result.controlChanges[0]?.reason).toBe('attestation-removed')
  })

  it('names a waiver added, with approver, expiry and reason', () => {
    const result = diffOne(
      control('iam.keys', 'fail'),
      control('iam.keys', 'exempt', { waiver: waiver() }),
      [0, 1],
    )
    expect(result.controlChanges[0]).toMatchObject({
      reason: 'waiver-added',
      detail: 'Waived by ciso@example.com until 2026-05-10: legacy batch job',
      isRegression: false,
    })
  })

  it('names a waiver that expired, and counts the failure behind it as a regression', () => {
    const result = diffOne(
      control('iam.keys', 'exempt', { waiver: waiver() }),
      control('iam.keys', 'fail', {
        reason: '1 key is 400 days old',
        expired: { kind: 'waiver', expiredAt: '2026-05-10T00:00:00.000Z' },
      }),
      [1, 0],
    )
    expect(result.controlChanges[0]).toMatchObject({
      reason: 'waiver-expired',
      detail:
        'The waiver approved by ciso@example.com expired on 2026-05-10; now fail: 1 key is 400 days old',
      isRegression: true,
    })
  })

  it('says a waiver expiry once, even when the reason repeats it', () => {
    const result = diffOne(
      control('iam.keys', 'exempt', { waiver: waiver({ approver: 'Dana (CISO)' }) }),
      control('iam.keys', 'fail', {
        reason: '1 key is old (the waiver by Dana (CISO) expired on 2026-05-10T00:00:00.000Z)',
        expired: { kind: 'waiver', expiredAt: '2026-05-10T00:00:00.000Z' },
      }),
    )
    expect(result.controlChanges[0]?.detail).toBe(
      'The waiver approved by Dana (CISO) expired on 2026-05-10; now fail: 1 key is old',
    )
  })

  it('names a waiver withdrawn before its expiry', () => {
    const result = diffOne(
      control('iam.keys', 'exempt', { waiver: waiver({ expiresAt: '2027-01-01T00:00:00.000Z' }) }),
      control('iam.keys', 'fail'),
    )
    expect(result.controlChanges[0]?.reason).toBe('waiver-removed')
  })

  it('names missing evidence, and never calls it a failure or a regression', () => {
    const result = diffOne(
      control('iam.ta', 'pass'),
      control('iam.ta', 'unknown', {
        unknownReason: 'not-subscribed',
        reason: 'Trusted Advisor needs Business support',
      }),
    )
    expect(result.controlChanges[0]).toMatchObject({
      reason: 'evidence-missing',
      detail: 'Evidence is missing: Trusted Advisor needs Business support',
      isRegression: false,
    })
    expect(result.summary.controlsNewlyFailing).toBe(0)
  })

  it('names stale evidence', () => {
    const result = diffOne(
      control('iam.mfa', 'pass'),
      control('iam.mfa', 'unknown', { unknownReason: 'stale', reason: 'collected 45 days ago' }),
    )
    expect(result.controlChanges[0]).toMatchObject({
      reason: 'evidence-stale',
      detail: 'Evidence is stale: collected 45 days ago',
    })
  })

  it('names evidence that came back', () => {
    const result = diffOne(
      control('iam.mfa', 'unknown', { unknownReason: 'not-collected' }),
      control('iam.mfa', 'fail'),
    )
    expect(result.controlChanges[0]).toMatchObject({ reason: 'evidence-restored', isRegression: false })
  })

  it('names controls added to or removed from the model as model changes', () => {
    const a = org([account(A, { iam: { level: 1, controls: [control('iam.old', 'pass')] } })])
    const b = org([account(A, { iam: { level: 1, controls: [control('iam.new', 'fail')] } })], 'm2')
    const result = diffScorecards(side('Q1', Q1, a), side('Q2', Q2, b), {
      ...options,
      mode: 'as-recorded',
      isModelChanged: true,
    })
    const byId = new Map(result.controlChanges.map((c) => [c.controlId, c]))
    expect(byId.get('iam.new')).toMatchObject({
      from: null,
      to: 'fail',
      reason: 'model-change',
      isRegression: false,
    })
    expect(byId.get('iam.old')).toMatchObject({
      from: 'pass',
      to: null,
      reason: 'model-change',
      detail: 'Removed from the model; was pass',
    })
  })

  it('names a model change when the older evidence re-scored under the newer model gives the newer status', () => {
    const a = org([account(A, { iam: { level: 2, controls: [control('iam.keys', 'pass')] } })])
    const rescored = org(
      [
        account(A, {
          iam: { level: 1, controls: [control('iam.keys', 'fail', { reason: 'max age is now 60 days' })] },
        }),
      ],
      'm2',
    )
    const b = org([account(A, { iam: { level: 1, controls: [control('iam.keys', 'fail')] } })], 'm2')
    const result = diffScorecards(side('Q1', Q1, a), side('Q2', Q2, b), {
      ...options,
      mode: 'as-recorded',
      isModelChanged: true,
      rescoredBefore: rescored,
    })
    expect(result.controlChanges[0]).toMatchObject({
      reason: 'model-change',
      detail: 'The newer model gives fail for the same evidence: max age is now 60 days',
    })
  })
})

describe('diffScorecards: resources, accounts, gaps', () => {
  it('lists new and resolved violating resources', () => {
    const user = (id: string) => ({ id, type: 'iam-user' })
    const a = org([
      account(A, {
        iam: {
          level: 0,
          controls: [control('iam.mfa', 'fail', { resources: [user('alice'), user('bob')] })],
        },
        network: {
          level: 0,
          controls: [
            control('net.sg', 'fail', { resources: [{ id: 'sg-1', type: 'sg', region: 'eu-west-1' }] }),
          ],
        },
      }),
    ])
    const b = org([
      account(A, {
        iam: {
          level: 0,
          controls: [control('iam.mfa', 'fail', { resources: [user('bob'), user('carol')] })],
        },
        // Unknown now: sg-1 is not claimed as resolved, because the newer state cannot tell.
        network: {
          level: 0,
          controls: [control('net.sg', 'unknown', { unknownReason: 'collection-failed' })],
        },
      }),
    ])
    const result = diffScorecards(side('Q1', Q1, a), side('Q2', Q2, b), options)
    expect(result.resources.added).toEqual([{ accountId: A, controlId: 'iam.mfa', resource: user('carol') }])
    expect(result.resources.resolved).toEqual([
      { accountId: A, controlId: 'iam.mfa', resource: user('alice') },
    ])
  })

  it('lists resources resolved when a control is fixed', () => {
    const result = diffOne(
      control('iam.mfa', 'fail', { resources: [{ id: 'alice', type: 'iam-user' }] }),
      control('iam.mfa', 'pass'),
    )
    expect(result.resources.resolved).toHaveLength(1)
    expect(result.resources.added).toHaveLength(0)
  })

  it('lists accounts added and removed, and does not diff their controls', () => {
    const a = org([
      account(A, { iam: { level: 1, controls: [] } }),
      account(B, { iam: { level: 2, controls: [control('x', 'pass')] } }),
    ])
    const b = org([
      account(A, { iam: { level: 1, controls: [] } }),
      account(C, { iam: { level: 0, controls: [control('x', 'fail')] } }),
    ])
    const result = diffScorecards(side('Q1', Q1, a), side('Q2', Q2, b), options)
    expect(result.accounts).toEqual({ added: [C], removed: [B] })
    expect(result.controlChanges).toEqual([])
    expect(result.regressions).toEqual([])
  })

  it('shows the gaps to target in the newer state, from the scorecard or the account targets', () => {
    const a = org([account(A, { iam: { level: 1, controls: [] } })])
    const b = org([
      account(A, { iam: { level: 1, target: 3, controls: [] }, network: { level: 2, controls: [] } }),
    ])
    const after = side('Q2', Q2, b, { [A]: 'Payments' })
    const withTargets = { ...after, accounts: [{ id: A, name: 'Payments', targets: { network: 4, iam: 1 } }] }
    const result = diffScorecards(side('Q1', Q1, a), withTargets, options)
    expect(result.gaps).toEqual([
      { accountId: A, accountName: 'Payments', domainId: 'iam', level: 1, target: 3, gap: 2 },
      { accountId: A, accountName: 'Payments', domainId: 'network', level: 2, target: 4, gap: 2 },
    ])
  })

  it('explains a level move with the controls at or below it first, lowest level first', () => {
    const a = org([
      account(A, {
        iam: {
          level: 2,
          controls: [
            control('l5', 'fail', { level: 5 }),
            control('l2', 'pass', { level: 2 }),
            control('l1', 'pass', { level: 1 }),
          ],
        },
      }),
    ])
    const b = org([
      account(A, {
        iam: {
          level: 0,
          controls: [
            control('l5', 'pass', { level: 5 }),
            control('l2', 'fail', { level: 2 }),
            control('l1', 'fail', { level: 1 }),
          ],
        },
      }),
    ])
    const result = diffScorecards(side('Q1', Q1, a), side('Q2', Q2, b), options)
    expect(result.levelChanges[0]?.changes.map((c) => c.controlId)).toEqual(['l1', 'l2'])
    expect(result.controlChanges).toHaveLength(3)
  })
})
