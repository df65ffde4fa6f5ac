import { describe, expect, it } from 'vitest'
import { resolveParams } from '../scoring/params'
import { defaultModel } from './default-model'
import { controlEvidence, controlMode, describeRule, trustedAdvisorCheckIds } from './describe'

const controls = new Map(
  defaultModel.domains.flatMap((d) => d.levels.flatMap((l) => l.controls.map((c) => [c.id, c]))),
)
const params = resolveParams(defaultModel, { 'access-key-max-age-days': 60 })

function get(id: string) {
  const c = controls.get(id)
  if (!c) throw new Error(id)
  return c
}

describe('describing controls', () => {
  it('words each rule kind with the parameter values in use', () => {
    const rule = (id: string) => {
      const r = get(id).rule
      if (!r) throw new Error(`${id} has no rule`)
      return describeRule(r, params)
    }
    expect(rule('iam.console-users-mfa')).toBe(
      'Fails when more than 0 credential-report rows: has a console password and has no MFA.',
    )
    expect(rule('iam.access-key-rotation')).toContain(
      'rotated more than 60 (access-key-max-age-days) days ago',
    )
    expect(rule('iam.root-no-signing-certificates')).toBe('AccountSigningCertificatesPresent = 0.')
    expect(rule('iam.password-policy')).toContain('minimum length ≥ 14 (password-min-length)')
    expect(rule('iam.external-access-analyzer')).toBe(
      'Every Region in scope has an active ACCOUNT or ORGANIZATION analyzer.',
    )
    expect(rule('data.no-public-snapshots')).toContain('Trusted Advisor check ePs02jT06w, rSs93HQwa1')
  })

  it('tells automated, manual and either controls apart and names the evidence they read', () => {
    expect(controlMode(get('iam.root-mfa'))).toBe('automated')
    expect(controlMode(get('gov.owner-recorded'))).toBe('manual')
    expect(controlMode(get('log.cloudtrail-on'))).toBe('either')
    expect(controlEvidence(get('log.cloudtrail-on'))).toEqual([
      'Trusted Advisor (vjafUGJ9H0)',
      'Manual attestation (valid 180 days)',
    ])
    expect(controlEvidence(get('iam.unused-access'))).toEqual(['IAM Access Analyzer'])
    const outside = get('data.no-access-outside-organization').rule
    expect(outside && describeRule(outside, params)).toContain(
      'No ACTIVE outside-organization external findings',
    )
  })

  it('lists the Trusted Advisor checks the model reads', () => {
    const ids = trustedAdvisorCheckIds(defaultModel)
    expect(ids).toContain('vjafUGJ9H0')
    expect(ids).toContain('opQPADkZvH')
    expect(ids).toEqual([...ids].sort())
    expect(new Set(ids).size).toBe(ids.length)
  })
})
