import type {
  Analyzer,
  CredentialUser,
  EvidenceBundle,
  Finding,
  PasswordPolicy,
  TaCheck,
  TaResource,
} from '../../evidence/schema'
import { checkIdFromArn } from '../../evidence/schema'

/**
 * AWS-documented example payloads (copied verbatim from the vendored test/fixtures/aws-examples/, whose .src.txt
 * sidecars name the source; test/integration/aws-examples-copy.test.ts keeps the copies identical) and a minimal conversion into the normalized records of shared/evidence/schema.ts.
 * Tests only: the real parsers live in src-main/collect; this helper deliberately does not depend on them.
 */

/** credential-report-sample.csv — the IAM User Guide's sample report (older 16-column layout). */
export const credentialReportCsv = `user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_2_active,access_key_2_last_rotated,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
<root_account>,arn:aws:iam::123456789012:root,2014-10-15T16:31:25+00:00,not_supported,2015-04-20T17:41:10+00:00,not_supported,not_supported,true,false,N/A,false,N/A,false,N/A,false,N/A
Administrator,arn:aws:iam::123456789012:user/Administrator,2014-10-16T16:03:09+00:00,true,2015-04-20T15:18:32+00:00,2014-10-16T16:06:00+00:00,N/A,false,true,2014-12-03T18:53:41+00:00,true,2015-03-25T20:38:14+00:00,false,N/A,false,N/A
Bill,arn:aws:iam::123456789012:user/Bill,2015-04-15T18:27:44+00:00,false,N/A,N/A,N/A,false,false,N/A,false,N/A,false,2015-04-20T20:00:12+00:00,false,N/A`

/** iam-get-account-password-policy.json output.PasswordPolicy */
export const passwordPolicyExample = {
  AllowUsersToChangePassword: false,
  RequireNumbers: true,
  RequireLowercaseCharacters: false,
  RequireUppercaseCharacters: false,
  MinimumPasswordLength: 8,
  RequireSymbols: true,
  ExpirePasswords: false,
  PasswordReusePrevention: 12,
  MaxPasswordAge: 90,
  HardExpiry: false,
}

/** iam-get-account-summary.json output.SummaryMap (the security-relevant keys). */
export const accountSummaryExample: Record<string, number> = {
  Users: 27,
  MFADevices: 6,
  MFADevicesInUse: 3,
  AccountMFAEnabled: 0,
  AccountAccessKeysPresent: 1,
  AccountSigningCertificatesPresent: 0,
}

/** The ListRecommendations summary fields the normalizer reads. */
export interface TaRecommendationExample {
  arn: string
  name: string
  checkArn: string
  lastUpdatedAt: string
  pillars: string[]
  resourcesAggregates: { errorCount: number; okCount: number; warningCount: number }
  source: string
  status: TaCheck['status']
}

/** ta-list-recommendations-1.json output.recommendationSummaries */
export const taRecommendationsExample: TaRecommendationExample[] = [
  {
    arn: 'arn:aws:trustedadvisor::000000000000:recommendation/55fa4d2e-bbb7-491a-833b-5773e9589578',
    name: 'MFA Recommendation',
    checkArn: 'arn:aws:trustedadvisor:::check/7DAFEmoDos',
    lastUpdatedAt: '2023-11-01T15:57:58.673Z',
    pillars: ['security'],
    resourcesAggregates: { errorCount: 1, okCount: 0, warningCount: 0 },
    source: 'ta_check',
    status: 'error',
  },
  {
    arn: 'arn:aws:trustedadvisor::000000000000:recommendation/8b602b6f-452d-4cb2-8a9e-c7650955d9cd',
    name: 'RDS clusters quota warning',
    checkArn: 'arn:aws:trustedadvisor:::check/gjqMBn6pjz',
    lastUpdatedAt: '2023-11-01T15:58:17.397Z',
    pillars: ['service_limits'],
    resourcesAggregates: { errorCount: 0, okCount: 3, warningCount: 6 },
    source: 'ta_check',
    status: 'warning',
  },
]

/** ta-list-recommendation-resources.json output.recommendationResourceSummaries (first two). */
export const taResourcesExample = [
  {
    arn: 'arn:aws:trustedadvisor::000000000000:recommendation-resource/55fa4d2e-bbb7-491a-833b-5773e9589578/18959a1f1973cff8e706e9d9bde28bba36cd602a6b2cb86c8b61252835236010',
    awsResourceId: 'webcms-dev-01',
    metadata: {
      '2': 'webcms-dev-01',
      '5': 'us-east-1',
      '6': 'arn:aws:rds:us-east-1:000000000000:db:webcms-dev-01',
    },
    regionCode: 'us-east-1',
    status: 'warning' as const,
    exclusionStatus: 'excluded',
  },
  {
    arn: 'arn:aws:trustedadvisor::000000000000:recommendation-resource/55fa4d2e-bbb7-491a-833b-5773e9589578/e6367ff500ac90db8e4adeb4892e39ee9c36bbf812dcbce4b9e4fefcec9eb63e',
    awsResourceId: 'aws-dev-db-stack-instance-1',
    metadata: {
      '2': 'aws-dev-db-stack-instance-1',
      '5': 'us-east-1',
      '6': 'arn:aws:rds:us-east-1:000000000000:db:aws-dev-db-stack-instance-1',
    },
    regionCode: 'us-east-1',
    status: 'warning' as const,
    exclusionStatus: 'included',
  },
]

/** aa-list-findings-v2.json output.findings */
export const aaFindingsExample = [
  {
    createdAt: '2021-02-26T21:17:24.710000+00:00',
    id: '597f3bc2-3adc-4c18-9879-5c4b23485e46',
    resource: 'arn:aws:iam::111122223333:role/Cognito_testpoolUnauth_Role',
    resourceType: 'AWS::IAM::Role',
    resourceOwnerAccount: '111122223333',
    status: 'ACTIVE' as const,
    updatedAt: '2021-02-26T21:17:24.710000+00:00',
    findingType: 'ExternalAccess',
  },
  {
    createdAt: '2021-02-26T21:17:50.905000+00:00',
    id: 'ce0e221a-85b9-4d52-91ff-d7678075442f',
    resource: 'arn:aws:iam::111122223333:role/Cognito_testpoolAuth_Role',
    resourceType: 'AWS::IAM::Role',
    resourceOwnerAccount: '111122223333',
    status: 'ACTIVE' as const,
    updatedAt: '2021-02-26T21:17:50.905000+00:00',
    findingType: 'ExternalAccess',
  },
]

/** aa-list-analyzers.cli-output.json analyzers (us-west-2). */
export const aaAnalyzersExample = [
  {
    arn: 'arn:aws:access-analyzer:us-west-2:111122223333:analyzer/UnusedAccess-ConsoleAnalyzer-organization',
    name: 'UnusedAccess-ConsoleAnalyzer-organization',
    status: 'ACTIVE',
    type: 'ORGANIZATION_UNUSED_ACCESS',
  },
  {
    arn: 'arn:aws:access-analyzer:us-west-2:111122223333:analyzer/ConsoleAnalyzer-organization',
    name: 'ConsoleAnalyzer-organization',
    status: 'ACTIVE',
    type: 'ORGANIZATION',
  },
  {
    arn: 'arn:aws:access-analyzer:us-west-2:111122223333:analyzer/ConsoleAnalyzer-account',
    name: 'ConsoleAnalyzer-account',
    status: 'ACTIVE',
    type: 'ACCOUNT',
  },
]

// ── conversion ──────────────────────────────────────────────────────────────────────────────────────────

const iso = (value: string | undefined): string | null =>
  value === undefined ||
  value === 'N/A' ||
  value === 'not_supported' ||
  value === 'no_information' ||
  value === ''
    ? null
    : new Date(value).toISOString()
const bool = (value: string | undefined): boolean | null =>
  value === 'true' ? true : value === 'false' ? false : null

/** Parses a credential report CSV (any column layout) into normalized rows. */
export function credentialUsersFromCsv(csv: string): CredentialUser[] {
  const [header = '', ...lines] = csv.trim().split('\n')
  const columns = header.split(',')
  return lines.map((line) => {
    const cells = line.split(',')
    const get = (name: string): string | undefined => cells[columns.indexOf(name)]
    const isRoot = get('user') === '<root_account>'
    return {
      user: get('user') ?? '',
      arn: get('arn') ?? '',
      isRoot,
      createdAt: iso(get('user_creation_time')),
      hasPassword: bool(get('password_enabled')),
      passwordLastUsed: iso(get('password_last_used')),
      passwordLastChanged: iso(get('password_last_changed')),
      isMfaActive: get('mfa_active') === 'true',
      accessKeys: ([1, 2] as const).map((slot) => ({
        slot,
        isActive: get(`access_key_${slot}_active`) === 'true',
        lastRotated: iso(get(`access_key_${slot}_last_rotated`)),
        lastUsed: iso(get(`access_key_${slot}_last_used_date`)),
        lastUsedRegion: null,
        lastUsedService: null,
      })),
      certificates: ([1, 2] as const).map((slot) => ({
        slot,
        isActive: get(`cert_${slot}_active`) === 'true',
        lastRotated: iso(get(`cert_${slot}_last_rotated`)),
      })),
    }
  })
}

/** Normalizes GetAccountPasswordPolicy's PasswordPolicy. */
export function passwordPolicyFrom(p: typeof passwordPolicyExample): PasswordPolicy {
  return {
    minimumPasswordLength: p.MinimumPasswordLength,
    requireSymbols: p.RequireSymbols,
    requireNumbers: p.RequireNumbers,
    requireUppercaseCharacters: p.RequireUppercaseCharacters,
    requireLowercaseCharacters: p.RequireLowercaseCharacters,
    allowUsersToChangePassword: p.AllowUsersToChangePassword,
    expirePasswords: p.ExpirePasswords,
    maxPasswordAge: p.MaxPasswordAge,
    passwordReusePrevention: p.PasswordReusePrevention,
    hardExpiry: p.HardExpiry,
  }
}

/** Normalizes one ListRecommendations summary plus its (flagged) resources. */
export function taCheckFrom(
  rec: TaRecommendationExample,
  resources: typeof taResourcesExample = [],
): TaCheck {
  const normalized: TaResource[] = resources.map((r) => ({
    arn: r.metadata['6'] ?? r.arn,
    awsResourceId: r.awsResourceId,
    regionCode: r.regionCode,
    status: r.status,
    metadata: r.metadata,
    isExcluded: r.exclusionStatus === 'excluded',
  }))
  const { arn: recommendationArn, checkArn, name, status, pillars, source, lastUpdatedAt } = rec
  const { okCount: ok, warningCount: warning, errorCount: error } = rec.resourcesAggregates
  const excluded = normalized.filter((r) => r.isExcluded).length
  const checkId = checkIdFromArn(checkArn)
  return {
    checkId,
    checkArn,
    name,
    recommendationArn,
    status,
    pillars,
    source,
    lastUpdatedAt,
    resources: normalized,
    counts: { ok, warning, error, excluded },
  }
}

/** Normalizes a ListFindingsV2 finding; `kind` and `isPublic` come from the analyzer and GetFindingV2. */
export function findingFrom(
  f: (typeof aaFindingsExample)[number],
  analyzerArn: string,
  extra: Partial<
    Pick<Finding, 'kind' | 'isPublic' | 'findingType' | 'resourceOwnerAccount' | 'principal' | 'error'>
  > = {},
): Finding {
  return {
    id: f.id,
    analyzerArn,
    kind: extra.kind ?? 'external',
    findingType: extra.findingType ?? f.findingType,
    resource: f.resource,
    resourceType: f.resourceType,
    // The AWS examples come from different sample accounts: the findings are re-homed to the bundle's own
    // account unless a test asks for another owner.
    resourceOwnerAccount: extra.resourceOwnerAccount ?? '123456789012',
    status: f.status,
    isPublic: extra.isPublic === undefined ? false : extra.isPublic,
    ...(extra.principal ? { principal: extra.principal } : {}),
    ...(extra.error ? { error: extra.error } : {}),
    createdAt: new Date(f.createdAt).toISOString(),
    updatedAt: new Date(f.updatedAt).toISOString(),
  }
}

export const analyzersExample: Analyzer[] = aaAnalyzersExample.map((a) => ({ ...a }))

/** A complete, healthy-by-default bundle collected at `collectedAt`, with AWS example records where given. */
export function exampleBundle(
  collectedAt: string,
  parts: Partial<Omit<EvidenceBundle, 'schemaVersion' | 'accountId' | 'collectedAt'>> = {},
): EvidenceBundle {
  const ok = { state: 'ok' as const }
  return {
    schemaVersion: 1,
    accountId: '123456789012',
    collectedAt,
    identity: {
      status: ok,
      collectedAt,
      raw: [],
      records: {
        accountId: '123456789012',
        arn: 'arn:aws:iam::123456789012:user/auditor',
        userId: 'AIDAEXAMPLE',
        aliases: [],
      },
    },
    credentialReport: parts.credentialReport ?? {
      status: ok,
      collectedAt,
      raw: [],
      records: {
        generatedAt: collectedAt,
        users: credentialUsersFromCsv(credentialReportCsv),
        passwordPolicy: passwordPolicyFrom(passwordPolicyExample),
        accountSummary: accountSummaryExample,
      },
    },
    trustedAdvisor: parts.trustedAdvisor ?? {
      status: ok,
      collectedAt,
      raw: [],
      // The documentation's refresh dates (2023) would make the checks stale: refreshed when collected here.
      records: {
        via: 'account',
        checks: taRecommendationsExample.map((r) => ({ ...taCheckFrom(r), lastUpdatedAt: collectedAt })),
      },
    },
    accessAnalyzer: parts.accessAnalyzer ?? {
      status: ok,
      collectedAt,
      raw: [],
      records: {
        regions: [
          {
            region: 'us-west-2',
            status: ok,
            collectedAt,
            analyzers: analyzersExample,
            findings: aaFindingsExample.map((f) => findingFrom(f, analyzersExample[2]?.arn ?? '')),
          },
        ],
      },
    },
    ...(parts.identity ? { identity: parts.identity } : {}),
  }
}
