import { describe, expect, it } from 'vitest'
import { type Attestation, domainIds, type Waiver } from '../domain/types'
import type { EvidenceBundle } from '../evidence/schema'
import { defaultModel } from '../model/default-model'
import { modelVersion } from '../model/schema'
import { compileModel, gradeFor, scoreAccount, scoreOrganization } from './engine'
import { withParamOverrides } from './params'
import { exampleBundle } from './test-support/aws-examples'
import { manualControl, rootMfaControl, taControl, testModel } from './test-support/models'
import type { AccountScorecard, ControlResult } from './types'

const accountId = '123456789012'
const now = new Date('2026-11-28T12:00:00.000Z')
const fresh = '2026-11-27T12:00:00.000Z'
/** The AWS sample account, freshly collected, with no answers, under the default model. */
const sampleInput = {
  model: defaultModel,
  accountId,
  bundle: exampleBundle(fresh),
  attestations: [],
  waivers: [],
  now,
}

function control(card: AccountScorecard, id: string): ControlResult {
  const found = card.domains.flatMap((d) => d.controls).find((c) => c.controlId === id)
  if (!found) throw new Error(`no control ${id}`)
  return found
}

function attestation(
  controlId: string,
  isMet: boolean,
  expiresAt: string,
  extra: Partial<Attestation> = {},
): Attestation {
  return {
    id: `att-${controlId}-${expiresAt}`,
    accountId,
    controlId,
    isMet,
    note: 'checked in the console',
    attestedBy: 'alice',
    attestedAt: '2026-10-01T00:00:00.000Z',
    expiresAt,
    ...extra,
  }
}

function waiver(controlId: string, expiresAt: string): Waiver {
  return {
    id: `w-${controlId}`,
    accountId,
    controlId,
    reason: 'legacy app',
    approver: 'bob',
    createdAt: '2026-10-01T00:00:00.000Z',
    expiresAt,
  }
}

function withoutTa(bundle: EvidenceBundle): EvidenceBundle {
  return {
    ...bundle,
    trustedAdvisor: {
      status: {
        state: 'unavailable',
        reason: 'not-subscribed',
        message: 'Access denied due to support level',
      },
      collectedAt: bundle.collectedAt,
      raw: [],
      records: null,
    },
  }
}

const model = testModel({
  iam: {
    1: [rootMfaControl('t.root-mfa')],
    2: [manualControl('t.manual')],
    3: [taControl('t.trail', 'vjafUGJ9H0')],
  },
  network: { 1: [taControl('t.mfa-ta', '7DAFEmoDos', false)] },
})

function score(
  bundle: EvidenceBundle | undefined,
  attestations: Attestation[] = [],
  waivers: Waiver[] = [],
  extra = {},
) {
  return scoreAccount({ model, accountId, bundle, attestations, waivers, now, ...extra })
}

describe('scoreAccount: control statuses', () => {
  it('without evidence, automated controls are unknown (not-collected) and manual ones not-answered', () => {
    const card = score(undefined)
    expect(control(card, 't.root-mfa')).toMatchObject({
      status: 'unknown',
      unknownReason: 'not-collected',
      evidence: [],
    })
    expect(control(card, 't.manual')).toMatchObject({ status: 'unknown', unknownReason: 'not-answered' })
  })

  it('records the evidence source and collection time that decided a control', () => {
    const card = score(exampleBundle(fresh))
    expect(control(card, 't.root-mfa')).toMatchObject({
      status: 'pass',
      evidence: [{ source: 'credentialReport', collectedAt: fresh }],
    })
  })

  it('Trusted Advisor on Basic support is unknown (not subscribed), never fail', () => {
    const card = score(withoutTa(exampleBundle(fresh)))
    expect(control(card, 't.mfa-ta')).toMatchObject({ status: 'unknown', unknownReason: 'not-subscribed' })
    expect(card.domains.find((d) => d.domainId === 'network')?.blockers).toEqual({
      fails: [],
      unknowns: ['t.mfa-ta'],
    })
  })

  it('an "either" control without TA is satisfied by a current attestation, and fails on a "not met" one', () => {
    const met = score(withoutTa(exampleBundle(fresh)), [
      attestation('t.trail', true, '2027-01-01T00:00:00.000Z'),
    ])
    expect(control(met, 't.trail')).toMatchObject({
      status: 'attested',
      attestation: { attestedBy: 'alice' },
    })
    const notMet = score(withoutTa(exampleBundle(fresh)), [
      attestation('t.trail', false, '2027-01-01T00:00:00.000Z'),
    ])
    expect(control(notMet, 't.trail').status).toBe('fail')
  })

  it('an attestation never raises an "either" control whose check fails; only a waiver accepts it', () => {
    const bundle = exampleBundle(fresh)
    const taRecords = bundle.trustedAdvisor.records
    if (!taRecords) throw new Error('fixture')
    const failingTrail = taRecords.checks.map((c) =>
      c.checkId === '7DAFEmoDos' ? { ...c, checkId: 'vjafUGJ9H0' } : c,
    )
    const failing = {
      ...bundle,
      trustedAdvisor: { ...bundle.trustedAdvisor, records: { ...taRecords, checks: failingTrail } },
    }
    const attested = control(
      score(failing, [attestation('t.trail', true, '2027-01-01T00:00:00.000Z')]),
      't.trail',
    )
    expect(attested.status).toBe('fail')
    expect(attested.reason).toContain('MFA Recommendation (vjafUGJ9H0) flags 1')
    expect(attested.reason).toContain('only a waiver can')
    expect(attested.resources.length).toBe(1)
    const waived = control(score(failing, [], [waiver('t.trail', '2027-01-01T00:00:00.000Z')]), 't.trail')
    expect(waived).toMatchObject({ status: 'exempt', ruleStatus: 'fail', waiver: { approver: 'bob' } })
    // A control without a question cannot be attested: only a waiver changes a failing automated check.
    const automatedOnly = score(exampleBundle(fresh), [
      attestation('t.mfa-ta', true, '2027-01-01T00:00:00.000Z'),
    ])
    expect(control(automatedOnly, 't.mfa-ta').status).toBe('fail')
  })

  it('stale evidence makes dependent controls unknown (stale), per maxEvidenceAgeDays', () => {
    const old = exampleBundle('2026-10-01T00:00:00.000Z')
    const card = score(old)
    expect(control(card, 't.root-mfa')).toMatchObject({
      status: 'unknown',
      unknownReason: 'stale',
      evidence: [{ source: 'credentialReport', collectedAt: '2026-10-01T00:00:00.000Z' }],
    })
    expect(control(score(old, [], [], { maxEvidenceAgeDays: 90 }), 't.root-mfa').status).toBe('pass')
  })

  it('ages evidence from its own time: a report generated long ago is stale although just collected', () => {
    const bundle = exampleBundle(fresh)
    const cr = bundle.credentialReport
    const oldReport = {
      ...cr,
      records: cr.records && { ...cr.records, generatedAt: '2026-10-01T00:00:00.000Z' },
    }
    expect(control(score({ ...bundle, credentialReport: oldReport }), 't.root-mfa')).toMatchObject({
      status: 'unknown',
      unknownReason: 'stale',
      reason: expect.stringContaining('from 2026-10-01T00:00:00.000Z'),
    })
  })

  it('a manual control is attested by a current answer; an expired newest one is unknown (answer expired)', () => {
    const current = score(exampleBundle(fresh), [attestation('t.manual', true, '2027-05-01T00:00:00.000Z')])
    expect(control(current, 't.manual').status).toBe('attested')
    const expired = score(exampleBundle(fresh), [attestation('t.manual', true, '2026-11-01T00:00:00.000Z')])
    expect(control(expired, 't.manual')).toMatchObject({
      status: 'unknown',
      unknownReason: 'answer-expired',
      expired: { kind: 'attestation', expiredAt: '2026-11-01T00:00:00.000Z' },
      reason: 'The answer by alice expired on 2026-11-01T00:00:00.000Z',
    })
  })

  it('ignores attestations and waivers recorded for another account', () => {
    const other = attestation('t.manual', true, '2027-05-01T00:00:00.000Z', { accountId: '210987654321' })
    expect(control(score(exampleBundle(fresh), [other]), 't.manual').status).toBe('unknown')
  })

  it('a current waiver makes a failing control exempt; an expired one is reported and ignored', () => {
    const exempt = score(exampleBundle(fresh), [], [waiver('t.mfa-ta', '2027-01-01T00:00:00.000Z')])
    expect(control(exempt, 't.mfa-ta')).toMatchObject({ status: 'exempt', waiver: { approver: 'bob' } })
    expect(control(exempt, 't.mfa-ta').resources.length).toBeGreaterThan(0)
    const expired = score(exampleBundle(fresh), [], [waiver('t.mfa-ta', '2026-11-27T00:00:00.000Z')])
    expect(control(expired, 't.mfa-ta')).toMatchObject({ status: 'fail', expired: { kind: 'waiver' } })
  })
})

describe('scoreAccount: levels, progress, blockers, grade, targets', () => {
  it('computes the domain level as the highest fully met level, with progress and blockers', () => {
    const card = score(exampleBundle(fresh))
    const iam = card.domains.find((d) => d.domainId === 'iam')
    // L1 passes (root has MFA), L2's manual control is unanswered.
    expect(iam).toMatchObject({ level: 1, progress: 0.5, blockers: { fails: [], unknowns: ['t.manual'] } })
    const network = card.domains.find((d) => d.domainId === 'network')
    expect(network).toMatchObject({ level: 0, progress: 0, blockers: { fails: ['t.mfa-ta'], unknowns: [] } })
    // Domains with no controls are vacuously at level 5.
    expect(card.domains.find((d) => d.domainId === 'resilience')).toMatchObject({ level: 5, progress: 1 })
    expect(card.level).toBe(0)
    expect(card.grade).toBe('F')
  })

  it('reports domains below the account target', () => {
    const card = scoreAccount({
      model,
      accountId,
      account: { id: accountId, targets: { iam: 3, resilience: 2 } },
      bundle: exampleBundle(fresh),
      attestations: [],
      waivers: [],
      now,
    })
    expect(card.belowTarget).toEqual(['iam'])
    expect(card.domains.find((d) => d.domainId === 'iam')?.target).toBe(3)
  })

  it('maps domain levels to letter grades', () => {
    expect(gradeFor([4, 5, 4, 4, 4, 5, 4, 4])).toBe('A')
    expect(gradeFor([3, 5, 5, 5, 5, 5, 5, 5])).toBe('B')
    expect(gradeFor([2, 3, 3, 3, 3, 3, 3, 3])).toBe('C')
    expect(gradeFor([1, 3, 3, 3, 3, 3, 3, 3])).toBe('D')
    expect(gradeFor([1, 1, 1, 2, 1, 1, 1, 1])).toBe('E')
    expect(gradeFor([0, 5, 5, 5, 5, 5, 5, 5])).toBe('F')
  })
})

describe('scoreOrganization and the default model', () => {
  it('counts accounts per level per domain and records the model version', () => {
    const org = scoreOrganization({
      model,
      accounts: [
        { accountId, bundle: exampleBundle(fresh), attestations: [], waivers: [] },
        { accountId: '210987654321', attestations: [], waivers: [] },
      ],
      now,
    })
    expect(org.modelId).toBe('test-model')
    expect(org.modelVersion).toBe(modelVersion(model))
    expect(org.scoredAt).toBe(now.toISOString())
    expect(org.distribution.iam).toEqual([1, 1, 0, 0, 0, 0])
    expect(org.distribution.resilience).toEqual([0, 0, 0, 0, 0, 2])
  })

  it('accepts a compiled model and gives the same result', () => {
    const input = {
      accounts: [{ accountId, bundle: exampleBundle(fresh), attestations: [], waivers: [] }],
      now,
    }
    expect(scoreOrganization({ ...input, model: compileModel(defaultModel) })).toEqual(
      scoreOrganization({ ...input, model: defaultModel }),
    )
  })

  it('scores the AWS sample account against the default model with named violations', () => {
    const card = scoreAccount(sampleInput)
    // Every domain, in the model's order (the domain list's order).
    expect(card.domains.map((d) => d.domainId)).toEqual([...domainIds])
    expect(control(card, 'iam.console-users-mfa')).toMatchObject({
      status: 'fail',
      resources: [{ id: 'arn:aws:iam::123456789012:user/Administrator' }],
    })
    expect(control(card, 'iam.root-mfa').status).toBe('pass')
    // The sample TA data has no CloudTrail check: unknown, not fail.
    expect(control(card, 'log.cloudtrail-on')).toMatchObject({
      status: 'unknown',
      unknownReason: 'not-collected',
    })
  })

  it('applies parameter overrides within bounds', () => {
    const base = sampleInput
    expect(control(scoreAccount(base), 'iam.password-policy').status).toBe('fail')
    // The example policy requires 8 characters and remembers 12; uppercase/lowercase are still missing.
    const relaxed = scoreAccount({
      ...base,
      params: { 'password-min-length': 8, 'password-reuse-prevention': 12 },
    })
    expect(control(relaxed, 'iam.password-policy').reason).toBe(
      'The password policy is too weak: uppercase not required; lowercase not required',
    )
    // Out-of-range overrides are clamped to the bounds (min length ≥ 8), not applied as given.
    const clamped = scoreAccount({
      ...base,
      params: { 'password-min-length': 1, 'password-reuse-prevention': 12 },
    })
    expect(control(clamped, 'iam.password-policy').reason).toBe(
      control(relaxed, 'iam.password-policy').reason,
    )
  })
})

describe('withParamOverrides', () => {
  it('bakes overrides into the model: same scores as passing them, and a new version', () => {
    const overrides = { 'password-min-length': 8, 'password-reuse-prevention': 12 }
    const effective = withParamOverrides(defaultModel, overrides)
    expect(modelVersion(effective)).not.toBe(modelVersion(defaultModel))
    expect(withParamOverrides(defaultModel, {})).toBe(defaultModel)
    expect(withParamOverrides(defaultModel, { 'password-min-length': 14 })).toBe(defaultModel)
    const base = { accountId, bundle: exampleBundle(fresh), attestations: [], waivers: [], now }
    expect(scoreAccount({ ...base, model: effective })).toEqual(
      scoreAccount({ ...base, model: defaultModel, params: overrides }),
    )
  })
})
