import {
  type AccessAnalyzerRegion,
  type CredentialUser,
  EVIDENCE_SCHEMA_VERSION,
  type EvidenceBundle,
  type Finding,
  type PasswordPolicy,
  type SourceStatus,
} from '../evidence/schema'
import { type Ctx, draw, hasIssue, iso, prefix } from './context'
import type { DemoProfile } from './profiles'
import { taCheck, taChecks } from './trusted-advisor'

/** What a user without a console password has: no password, so no MFA either. */
const noConsole = {
  hasPassword: false,
  passwordLastUsed: null,
  passwordLastChanged: null,
  isMfaActive: false,
} satisfies Partial<CredentialUser>

/** An IAM user (not root) created 700 days ago with neither a password nor keys, then what `fields` set. */
function iamUser(c: Ctx, user: string, path: string, fields: Partial<CredentialUser>): CredentialUser {
  const arn = `arn:aws:iam::${c.accountId}:user/${path}${user}`
  return {
    user,
    arn,
    isRoot: false,
    createdAt: iso(c.at, 700),
    ...noConsole,
    accessKeys: [],
    certificates: [],
    ...fields,
  }
}

/** An access key in slot 1, rotated and last used the given days ago. */
function accessKey(
  c: Ctx,
  isActive: boolean,
  rotatedDaysAgo: number,
  usedDaysAgo: number,
  region: string,
  service: string,
) {
  return {
    slot: 1 as const,
    isActive,
    lastRotated: iso(c.at, rotatedDaysAgo),
    lastUsed: iso(c.at, usedDaysAgo),
    lastUsedRegion: region,
    lastUsedService: service,
  }
}

function credentialUsers(c: Ctx): CredentialUser[] {
  const root: CredentialUser = {
    user: '<root_account>',
    arn: `arn:aws:iam::${c.accountId}:root`,
    isRoot: true,
    createdAt: iso(c.at, 2000),
    hasPassword: null,
    passwordLastUsed: hasIssue(c, 'root-used') ? iso(c.at, 12) : iso(c.at, 400),
    passwordLastChanged: null,
    isMfaActive: !hasIssue(c, 'root-mfa') || c.q > 0.3,
    accessKeys: hasIssue(c, 'root-key') ? [accessKey(c, c.q < 0.3, 900, 200, 'us-east-1', 's3')] : [],
    certificates: [],
  }
  const humans = ['alice', 'bob', 'carol', 'dmitri', 'erin', 'farid'].slice(
    0,
    2 + Math.floor(draw(c, 'n') * 4),
  )
  const users: CredentialUser[] = [root]
  for (const name of humans) {
    // Federated accounts keep only a break-glass user: the others moved to SSO as hygiene improved.
    if (c.q > 0.8 && name !== 'alice') continue
    users.push(
      iamUser(c, c.q > 0.8 ? 'break-glass' : name, '', {
        hasPassword: true,
        passwordLastUsed: hasIssue(c, `inactive-${name}`) ? iso(c.at, 140) : iso(c.at, 3),
        passwordLastChanged: iso(c.at, 60),
        isMfaActive: !hasIssue(c, `mfa-${name}`) || c.q > 0.8,
      }),
    )
  }
  for (const name of ['ci-deploy', 'backup-agent', 'reporting-etl'].slice(
    0,
    1 + Math.floor(draw(c, 'svc') * 3),
  )) {
    if (c.q > 0.88) continue
    const age = hasIssue(c, `key-age-${name}`)
      ? 120 + draw(c, 'age', name) * 300
      : 20 + draw(c, 'age', name) * 60
    const usedDaysAgo = hasIssue(c, `key-unused-${name}`) ? 130 : 1
    const region = c.profile.regions[0] ?? 'eu-west-1'
    users.push(
      iamUser(c, name, 'service/', {
        createdAt: iso(c.at, 800),
        accessKeys: [accessKey(c, true, age, usedDaysAgo, region, 'sts')],
      }),
    )
  }
  return users
}

function analyzerRegion(c: Ctx, region: string, index: number): AccessAnalyzerRegion {
  const collectedAt = c.at.toISOString()
  const isLast = index === c.profile.regions.length - 1
  if (isLast && c.profile.accessDeniedQuarter === c.quarter) {
    return {
      region,
      status: {
        state: 'unavailable',
        reason: 'access-denied',
        message: `AccessDeniedException: the audit role may not call access-analyzer:ListAnalyzers in ${region}`,
      },
      collectedAt,
      analyzers: [],
      findings: [],
    }
  }
  const isLastRegion = isLast && index > 0
  if (isLastRegion && hasIssue(c, 'aa-missing-region')) {
    return {
      region,
      status: { state: 'unavailable', reason: 'no-analyzer', message: `No active analyzer in ${region}` },
      collectedAt,
      analyzers: [],
      findings: [],
    }
  }
  const external = `arn:aws:access-analyzer:${region}:${c.accountId}:analyzer/external`
  const unused = `arn:aws:access-analyzer:${region}:${c.accountId}:analyzer/unused`
  const hasUnused = c.q > 0.6
  const findings: Finding[] = []
  const created = iso(c.at, 20 + draw(c, 'finding-age', region) * 80)
  if (index === 0 && hasIssue(c, 'aa-public-bucket')) {
    findings.push({
      id: `f-${c.accountId.slice(-4)}-pub`,
      analyzerArn: external,
      kind: 'external',
      findingType: 'ExternalAccess',
      resource: `arn:aws:s3:::${prefix(c)}-public-exports`,
      resourceType: 'AWS::S3::Bucket',
      resourceOwnerAccount: c.accountId,
      status: 'ACTIVE',
      isPublic: true,
      createdAt: created,
      updatedAt: created,
    })
  }
  if (hasIssue(c, `aa-cross-account-${region}`)) {
    findings.push({
      id: `f-${c.accountId.slice(-4)}-${region}-xa`,
      analyzerArn: external,
      kind: 'external',
      findingType: 'ExternalAccess',
      resource: `arn:aws:iam::${c.accountId}:role/vendor-readonly`,
      resourceType: 'AWS::IAM::Role',
      resourceOwnerAccount: c.accountId,
      status: 'ACTIVE',
      isPublic: false,
      createdAt: created,
      updatedAt: created,
    })
  }
  if (hasUnused && hasIssue(c, `aa-unused-${region}`)) {
    findings.push({
      id: `f-${c.accountId.slice(-4)}-${region}-unused`,
      analyzerArn: unused,
      kind: 'unused',
      findingType: 'UnusedIAMRole',
      resource: `arn:aws:iam::${c.accountId}:role/old-migration-role`,
      resourceType: 'AWS::IAM::Role',
      resourceOwnerAccount: c.accountId,
      status: 'ACTIVE',
      isPublic: null,
      createdAt: created,
      updatedAt: created,
    })
  }
  return {
    region,
    status: { state: 'ok' },
    collectedAt,
    analyzers: [
      { arn: external, name: 'external', type: 'ACCOUNT', status: 'ACTIVE' },
      ...(hasUnused
        ? [{ arn: unused, name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE' }]
        : []),
    ],
    findings,
  }
}

/** The password-policy call's outcome: a policy, none (null), or, from an empty offline file, not collected. */
function passwordPolicy(c: Ctx): { passwordPolicy?: PasswordPolicy | null } {
  if (c.profile.passwordPolicyNotCollectedQuarter === c.quarter) return {}
  if (hasIssue(c, 'password-policy')) return { passwordPolicy: null }
  return {
    passwordPolicy: {
      minimumPasswordLength: 14,
      requireSymbols: true,
      requireNumbers: true,
      requireUppercaseCharacters: true,
      requireLowercaseCharacters: true,
      allowUsersToChangePassword: true,
      passwordReusePrevention: 24,
    },
  }
}

/** A source that gave no records (a failed call, or a plan the account lacks), with why. */
function noRecords(
  collectedAt: string,
  status: SourceStatus,
): { status: SourceStatus; collectedAt: string; raw: []; records: null } {
  return { status, collectedAt, raw: [], records: null }
}

/** One account's evidence bundle for one quarter, as the collectors would have produced it. */
export function buildDemoBundle(
  seed: number,
  profile: DemoProfile,
  accountId: string,
  quarter: number,
  at: Date,
): EvidenceBundle {
  const c: Ctx = { seed, profile, accountId, quarter, q: profile.quality[quarter] ?? 0.5, at }
  const collectedAt = at.toISOString()
  const users = credentialUsers(c)
  const failed = profile.failedCollection?.quarter === quarter ? profile.failedCollection.source : undefined
  const identity = {
    accountId,
    arn: `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_SecurityAudit_5f1c/ratchet`,
    userId: 'AROADEMO5F1CEXAMPLE:ratchet',
    aliases: [profile.name],
  }
  const regions = profile.regions.map((r, i) => analyzerRegion(c, r, i))
  const aaOk = regions.every((r) => r.status.state === 'ok')
  return {
    schemaVersion: EVIDENCE_SCHEMA_VERSION,
    accountId,
    collectedAt,
    identity: {
      status: { state: 'ok' },
      collectedAt,
      raw: [
        {
          operation: 'GetCallerIdentity',
          payload: { Account: accountId, Arn: identity.arn, UserId: identity.userId },
        },
      ],
      records: identity,
    },
    credentialReport:
      failed === 'credentialReport'
        ? noRecords(collectedAt, {
            state: 'error',
            code: 'ReportInProgress',
            message: 'The credential report was still being generated after 3 attempts',
          })
        : {
            status: { state: 'ok' },
            collectedAt,
            raw: [
              {
                operation: 'GetCredentialReport',
                payload: { ReportFormat: 'text/csv', GeneratedTime: iso(at, 0) },
              },
            ],
            records: {
              generatedAt: iso(at, 0),
              users,
              ...passwordPolicy(c),
              accountSummary: {
                AccountMFAEnabled: users.some((u) => u.isRoot && u.isMfaActive) ? 1 : 0,
                AccountAccessKeysPresent: users.some((u) => u.isRoot && u.accessKeys.some((k) => k.isActive))
                  ? 1
                  : 0,
                AccountSigningCertificatesPresent: 0,
                Users: users.length - 1,
                MFADevicesInUse: users.filter((u) => u.isMfaActive).length,
                Policies: 14 + Math.floor(draw(c, 'policies') * 40),
                Roles: 20 + Math.floor(draw(c, 'roles') * 60),
              },
            },
          },
    trustedAdvisor:
      profile.supportPlan === 'basic'
        ? noRecords(collectedAt, {
            state: 'unavailable',
            reason: 'not-subscribed',
            message: 'Access denied due to support level (Basic support)',
          })
        : {
            status: { state: 'ok' },
            collectedAt,
            raw: [
              { operation: 'ListRecommendations', payload: { recommendationSummaries: taChecks.length } },
            ],
            records: { checks: taChecks.map((def) => taCheck(c, def, users)), via: 'account' },
          },
    accessAnalyzer:
      failed === 'accessAnalyzer'
        ? noRecords(collectedAt, {
            state: 'error',
            code: 'ThrottlingException',
            message: 'Rate exceeded while listing findings',
          })
        : {
            status: aaOk
              ? { state: 'ok' }
              : {
                  state: 'unavailable',
                  reason: 'no-analyzer',
                  message: 'Some Regions have no active analyzer',
                },
            collectedAt,
            raw: [
              {
                operation: 'ListAnalyzers',
                payload: { analyzers: regions.flatMap((r) => r.analyzers.map((a) => a.arn)) },
              },
            ],
            records: { regions },
          },
  }
}
