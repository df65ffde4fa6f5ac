import { describe, expect, it } from 'vitest'
import type { AccessAnalyzerRegion, EvidenceBundle } from '../evidence/schema'
import type {
  AccessAnalyzerRule,
  CredentialReportRule,
  PasswordPolicyRule,
  TrustedAdvisorRule,
} from '../model/rules'
import { EvidenceIndex } from './evidence-index'
import { evaluateAccessAnalyzer } from './rules/access-analyzer'
import {
  evaluateAccountSummary,
  evaluateCredentialReport,
  evaluatePasswordPolicy,
} from './rules/credential-report'
import { evaluateTrustedAdvisor } from './rules/trusted-advisor'
import {
  aaFindingsExample,
  analyzersExample,
  exampleBundle,
  findingFrom,
  taCheckFrom,
  taRecommendationsExample,
  taResourcesExample,
} from './test-support/aws-examples'

const accountAnalyzerArn = 'arn:aws:access-analyzer:us-west-2:111122223333:analyzer/ConsoleAnalyzer-account'
const params = { 'key-age': 90 }
/** Two weeks after the AWS sample credential report's last activity. */
const reportNow = Date.parse('2015-05-01T00:00:00Z')

function index(bundle: EvidenceBundle, nowMs: number): EvidenceIndex {
  return new EvidenceIndex(bundle, nowMs)
}
const sample = exampleBundle('2015-05-01T00:00:00.000Z')

function cr(
  violation: CredentialReportRule['violation'],
  maxViolations: CredentialReportRule['maxViolations'] = 0,
): CredentialReportRule {
  return { kind: 'credential-report', violation, maxViolations, describe: 'matching users' }
}

const noMfa = { field: 'isMfaActive', equals: false } as const
/** A credential-report rule over the IAM User Guide's sample report, at `reportNow`. */
const onSample = (rule: CredentialReportRule) =>
  evaluateCredentialReport(rule, index(sample, reportNow), params)

describe('credential-report rules (IAM User Guide sample report)', () => {
  it('passes root MFA: the sample root row has mfa_active=true', () => {
    const out = onSample(cr({ all: [{ field: 'isRoot', equals: true }, noMfa] }))
    expect(out.status).toBe('pass')
    expect(out.resources).toEqual([])
  })

  it('fails console users without MFA and names Administrator by ARN and user name', () => {
    const out = onSample(cr({ all: [{ field: 'hasPassword', equals: true }, noMfa] }))
    expect(out.status).toBe('fail')
    expect(out.resources).toEqual([
      { id: 'arn:aws:iam::123456789012:user/Administrator', type: 'AWS::IAM::User', detail: 'Administrator' },
    ])
    expect(out.reason).toBe('Matching users: 1 (Administrator)')
  })

  it('flags active keys older than the parameter, and respects an override of it', () => {
    const rule = cr({ activeKeyOlderThanDays: { param: 'key-age' } })
    // Administrator's key 1 was rotated 2014-12-03: 149 days before `reportNow`.
    expect(evaluateCredentialReport(rule, index(sample, reportNow), params).status).toBe('fail')
    expect(evaluateCredentialReport(rule, index(sample, reportNow), { 'key-age': 150 }).status).toBe('pass')
  })

  it('counts a never-used active key from its rotation date', () => {
    const rule = cr({ activeKeyUnusedForDays: 90 })
    const out = evaluateCredentialReport(rule, index(sample, reportNow), params)
    expect(out.resources.map((r) => r.detail)).toEqual(['Administrator'])
    expect(
      evaluateCredentialReport(rule, index(sample, Date.parse('2015-02-01T00:00:00Z')), params).status,
    ).toBe('pass')
  })

  it('flags console passwords unused for N days, ignoring users without one (Bill)', () => {
    const rule = cr({ passwordUnusedForDays: 7 })
    // Administrator last signed in 2015-04-20: 11 days before `reportNow`. Bill has no password.
    expect(
      evaluateCredentialReport(rule, index(sample, reportNow), params).resources.map((r) => r.detail),
    ).toEqual(['Administrator'])
    expect(
      evaluateCredentialReport(cr({ passwordUnusedForDays: 30 }), index(sample, reportNow), params).status,
    ).toBe('pass')
  })

  it('detects recent root sign-ins (the sample root signed in 2015-04-20)', () => {
    const rule = cr({ all: [{ field: 'isRoot', equals: true }, { passwordUsedWithinDays: 30 }] })
    const out = evaluateCredentialReport(rule, index(sample, reportNow), params)
    expect(out.status).toBe('fail')
    expect(out.resources[0]).toMatchObject({
      id: 'arn:aws:iam::123456789012:root',
      type: 'AWS::IAM::RootUser',
    })
    expect(
      evaluateCredentialReport(rule, index(sample, Date.parse('2016-01-01T00:00:00Z')), params).status,
    ).toBe('pass')
  })

  it('allows up to maxViolations matches (break-glass users) and uses any/not', () => {
    const iamUsers = cr({ not: { field: 'isRoot', equals: true } }, 2)
    expect(evaluateCredentialReport(iamUsers, index(sample, reportNow), params)).toMatchObject({
      status: 'pass',
    })
    const strict = cr({
      any: [
        { field: 'hasActiveAccessKey', equals: true },
        { field: 'hasActiveCertificate', equals: true },
      ],
    })
    expect(
      evaluateCredentialReport(strict, index(sample, reportNow), params).resources.map((r) => r.detail),
    ).toEqual(['Administrator'])
  })
})

describe('password-policy and account-summary rules (IAM API examples)', () => {
  const policyCases: Array<[string, Omit<PasswordPolicyRule, 'kind'>, string, string]> = [
    [
      'reports every gap of the example policy against a strict rule',
      { minimumLength: 14, requireSymbols: true, requireUppercase: true, minimumReusePrevention: 24 },
      'fail',
      'The password policy is too weak: minimum length 8 < 14; uppercase not required; remembers 12 passwords < 24',
    ],
    [
      'passes the example policy against what it does require',
      { minimumLength: 8, requireSymbols: true, requireNumbers: true, minimumReusePrevention: 12 },
      'pass',
      'The password policy meets every requirement',
    ],
  ]
  it.each(policyCases)('%s', (_, rule, status, reason) => {
    const out = evaluatePasswordPolicy({ kind: 'password-policy', ...rule }, index(sample, reportNow), params)
    expect(out.status).toBe(status)
    expect(out.reason).toBe(reason)
  })

  it('fails when the account has no password policy (NoSuchEntity)', () => {
    const base = exampleBundle('2015-05-01T00:00:00.000Z')
    const records = base.credentialReport.records
    if (!records) throw new Error('fixture has records')
    const bundle = {
      ...base,
      credentialReport: { ...base.credentialReport, records: { ...records, passwordPolicy: null } },
    }
    const out = evaluatePasswordPolicy(
      { kind: 'password-policy', minimumLength: 8 },
      index(bundle, reportNow),
      params,
    )
    expect(out).toMatchObject({ status: 'fail', reason: 'The account has no IAM password policy' })
  })

  it('compares summary values and treats a missing key as unknown', () => {
    const i = index(sample, reportNow)
    expect(
      evaluateAccountSummary(
        { kind: 'account-summary', key: 'AccountMFAEnabled', op: 'eq', value: 1, describe: 'Root MFA' },
        i,
        params,
      ),
    ).toMatchObject({ status: 'fail', reason: 'Root MFA: AccountMFAEnabled is 0, expected = 1' })
    expect(
      evaluateAccountSummary(
        {
          kind: 'account-summary',
          key: 'AccountSigningCertificatesPresent',
          op: 'lte',
          value: 0,
          describe: 'Certs',
        },
        i,
        params,
      ).status,
    ).toBe('pass')
    expect(
      evaluateAccountSummary(
        { kind: 'account-summary', key: 'Nope', op: 'gte', value: 1, describe: 'x' },
        i,
        params,
      ),
    ).toMatchObject({ status: 'unknown', unknownReason: 'not-collected' })
  })
})

describe('trusted-advisor-check rules (ListRecommendations examples)', () => {
  const ta = (
    checkIds: string[],
    flagged: TrustedAdvisorRule['flagged'],
    maxFlagged: TrustedAdvisorRule['maxFlagged'] = 0,
  ): TrustedAdvisorRule => ({
    kind: 'trusted-advisor-check',
    checkIds,
    flagged,
    maxFlagged,
  })

  it('fails MFA on Root Account (7DAFEmoDos) with one error resource', () => {
    const out = evaluateTrustedAdvisor(ta(['7DAFEmoDos'], ['error']), index(sample, reportNow), params)
    expect(out).toMatchObject({ status: 'fail', reason: 'MFA Recommendation (7DAFEmoDos) flags 1' })
  })

  it('only counts the flagged statuses, up to maxFlagged', () => {
    const i = index(sample, reportNow)
    expect(evaluateTrustedAdvisor(ta(['gjqMBn6pjz'], ['error']), i, params).status).toBe('pass')
    expect(evaluateTrustedAdvisor(ta(['gjqMBn6pjz'], ['warning']), i, params).status).toBe('fail')
    expect(evaluateTrustedAdvisor(ta(['gjqMBn6pjz'], ['warning'], 6), i, params).status).toBe('pass')
  })

  it('names flagged resources by awsResourceId and metadata, with Region, leaving out excluded ones', () => {
    const [first] = taRecommendationsExample
    if (!first) throw new Error('fixture')
    const check = taCheckFrom(
      { ...first, resourcesAggregates: { errorCount: 0, okCount: 0, warningCount: 1 } },
      taResourcesExample,
    )
    const base = exampleBundle('2015-05-01T00:00:00.000Z')
    const bundle = {
      ...base,
      trustedAdvisor: { ...base.trustedAdvisor, records: { via: 'account' as const, checks: [check] } },
    }
    const out = evaluateTrustedAdvisor(ta(['7DAFEmoDos'], ['warning']), index(bundle, reportNow), params)
    expect(out.resources).toEqual([
      {
        id: 'aws-dev-db-stack-instance-1',
        type: 'trusted-advisor-resource',
        region: 'us-east-1',
        detail:
          'MFA Recommendation: warning (arn:aws:rds:us-east-1:000000000000:db:aws-dev-db-stack-instance-1)',
      },
    ])
  })

  it('is unknown (not collected), never fail, when a check is absent', () => {
    const out = evaluateTrustedAdvisor(ta(['vjafUGJ9H0'], ['error']), index(sample, reportNow), params)
    expect(out).toMatchObject({ status: 'unknown', unknownReason: 'not-collected' })
  })

  it('fails if any listed check fails even when another is missing', () => {
    const out = evaluateTrustedAdvisor(
      ta(['vjafUGJ9H0', '7DAFEmoDos'], ['error']),
      index(sample, reportNow),
      params,
    )
    expect(out.status).toBe('fail')
  })
})

describe('access-analyzer rules (ListAnalyzers / ListFindingsV2 examples)', () => {
  const external: AccessAnalyzerRule = {
    kind: 'access-analyzer',
    check: 'no-findings',
    findingKind: 'external',
    olderThanDays: 30,
    analyzerTypes: ['ACCOUNT', 'ORGANIZATION'],
    requireAnalyzer: false,
  }
  const present: AccessAnalyzerRule = {
    kind: 'access-analyzer',
    check: 'analyzer-present',
    analyzerTypes: ['ACCOUNT', 'ORGANIZATION'],
  }
  const now2026 = Date.parse('2026-11-28T00:00:00Z')

  function withRegions(regions: AccessAnalyzerRegion[]): EvidenceBundle {
    const base = exampleBundle('2026-11-27T00:00:00.000Z')
    return { ...base, accessAnalyzer: { ...base.accessAnalyzer, records: { regions } } }
  }
  const okRegion = (region: string, extra: Partial<AccessAnalyzerRegion> = {}): AccessAnalyzerRegion => ({
    region,
    status: { state: 'ok' },
    collectedAt: '2026-11-27T00:00:00.000Z',
    analyzers: analyzersExample,
    findings: [],
    ...extra,
  })

  it('fails on the two ExternalAccess role findings once they are older than the limit', () => {
    const out = evaluateAccessAnalyzer(
      external,
      index(exampleBundle('2026-11-27T00:00:00.000Z'), now2026),
      params,
    )
    expect(out.status).toBe('fail')
    expect(out.resources.map((r) => r.id)).toEqual([
      'arn:aws:iam::111122223333:role/Cognito_testpoolUnauth_Role',
      'arn:aws:iam::111122223333:role/Cognito_testpoolAuth_Role',
    ])
    expect(out.resources[0]?.region).toBe('us-west-2')
    // Three days after they were created, they are within the 30-day limit.
    expect(
      evaluateAccessAnalyzer(
        external,
        index(exampleBundle('2021-03-01T00:00:00.000Z'), Date.parse('2021-03-01T00:00:00Z')),
        params,
      ).status,
    ).toBe('pass')
  })

  it('with isPublic only counts public findings', () => {
    const rule: AccessAnalyzerRule = { ...external, isPublic: true, olderThanDays: undefined }
    expect(
      evaluateAccessAnalyzer(rule, index(exampleBundle('2026-11-27T00:00:00.000Z'), now2026), params).status,
    ).toBe('pass')
    const [f1, f2] = aaFindingsExample
    if (!f1 || !f2) throw new Error('fixture')
    const bundle = withRegions([
      okRegion('us-west-2', {
        findings: [
          findingFrom(f1, accountAnalyzerArn, { isPublic: true }),
          findingFrom(f2, accountAnalyzerArn),
        ],
      }),
    ])
    expect(evaluateAccessAnalyzer(rule, index(bundle, now2026), params).resources.map((r) => r.id)).toEqual([
      'arn:aws:iam::111122223333:role/Cognito_testpoolUnauth_Role',
    ])
  })

  it('requires an analyzer in every Region in scope, skipping opted-out Regions', () => {
    const bundle = withRegions([
      okRegion('us-west-2'),
      okRegion('eu-west-1', {
        status: { state: 'unavailable', reason: 'no-analyzer', message: 'none' },
        analyzers: [],
      }),
      okRegion('ap-east-1', {
        status: { state: 'unavailable', reason: 'region-disabled', message: 'opt-in' },
        analyzers: [],
      }),
    ])
    const out = evaluateAccessAnalyzer(present, index(bundle, now2026), params)
    expect(out.status).toBe('fail')
    expect(out.resources).toEqual([
      {
        id: 'eu-west-1',
        type: 'AWS::Region',
        region: 'eu-west-1',
        detail: 'no ACCOUNT or ORGANIZATION analyzer',
      },
    ])
  })

  it('is unknown (collection failed) when a Region could not be read and nothing fails', () => {
    const bundle = withRegions([
      okRegion('us-west-2'),
      okRegion('eu-west-1', { status: { state: 'error', code: 'Throttling', message: 'slow down' } }),
    ])
    expect(evaluateAccessAnalyzer(present, index(bundle, now2026), params)).toMatchObject({
      status: 'unknown',
      unknownReason: 'collection-failed',
      reason: 'Access Analyzer could not be read in eu-west-1',
    })
  })

  it('unused findings: unknown without an unused-access analyzer, fail when one is required', () => {
    const unused: AccessAnalyzerRule = {
      kind: 'access-analyzer',
      check: 'no-findings',
      findingKind: 'unused',
      analyzerTypes: ['ACCOUNT_UNUSED_ACCESS', 'ORGANIZATION_UNUSED_ACCESS'],
      requireAnalyzer: false,
    }
    const accountOnly = withRegions([
      okRegion('us-west-2', { analyzers: analyzersExample.filter((a) => a.type === 'ACCOUNT') }),
    ])
    expect(evaluateAccessAnalyzer(unused, index(accountOnly, now2026), params)).toMatchObject({
      status: 'unknown',
      unknownReason: 'no-analyzer',
    })
    expect(
      evaluateAccessAnalyzer({ ...unused, requireAnalyzer: true }, index(accountOnly, now2026), params)
        .status,
    ).toBe('fail')
    // The example's ORGANIZATION_UNUSED_ACCESS analyzer is there, and it has no unused findings.
    expect(
      evaluateAccessAnalyzer(unused, index(withRegions([okRegion('us-west-2')]), now2026), params).status,
    ).toBe('pass')
  })
})

describe('trusted-advisor-check without resource counts', () => {
  const rule: TrustedAdvisorRule = {
    kind: 'trusted-advisor-check',
    checkIds: ['vjafUGJ9H0'],
    flagged: ['error'],
    maxFlagged: 0,
  }
  function withTrail(status: 'ok' | 'warning' | 'error'): EvidenceBundle {
    const [first] = taRecommendationsExample
    if (!first) throw new Error('fixture')
    const check = taCheckFrom({
      ...first,
      name: 'AWS CloudTrail Logging',
      checkArn: 'arn:aws:trustedadvisor:::check/vjafUGJ9H0',
      status,
      resourcesAggregates: { errorCount: 0, okCount: 0, warningCount: 0 },
    })
    const base = exampleBundle('2026-11-27T00:00:00.000Z')
    return {
      ...base,
      trustedAdvisor: { ...base.trustedAdvisor, records: { via: 'account', checks: [check] } },
    }
  }
  const now = Date.parse('2026-11-28T00:00:00Z')

  it('falls back on the check status: flagged fails, unflagged passes, ok with nothing is not applicable', () => {
    expect(evaluateTrustedAdvisor(rule, index(withTrail('error'), now), params)).toMatchObject({
      status: 'fail',
      reason: 'AWS CloudTrail Logging (vjafUGJ9H0) is error',
    })
    expect(evaluateTrustedAdvisor(rule, index(withTrail('warning'), now), params).status).toBe('pass')
    expect(evaluateTrustedAdvisor(rule, index(withTrail('ok'), now), params).status).toBe('not-applicable')
  })
})
