import { errorReply, queryReply, type Reply, xmlEscape } from '../protocol'
import type { HandlerContext, Route } from '../routing'
import type { ScenarioAccount } from '../scenario-schema'
import type { FakeState } from '../state'
import { renderCredentialReport } from './credential-report'

function accountOf(ctx: HandlerContext): ScenarioAccount {
  const id = ctx.identity?.accountId
  const account = id ? ctx.state.accounts.get(id) : undefined
  if (!account) throw new Error('IAM route reached without a known caller')
  return account
}

function summaryMap(account: ScenarioAccount): Record<string, number> {
  const mfaUsers = account.iamUsers.filter((u) => u.mfa).length + (account.root.mfa ? 1 : 0)
  return {
    Users: account.iamUsers.length,
    UsersQuota: 5000,
    Groups: 0,
    GroupsQuota: 300,
    Policies: 0,
    PoliciesQuota: 1500,
    PolicySizeQuota: 6144,
    PolicyVersionsInUse: 0,
    PolicyVersionsInUseQuota: 10000,
    VersionsPerPolicyQuota: 5,
    ServerCertificates: 0,
    ServerCertificatesQuota: 20,
    UserPolicySizeQuota: 2048,
    GroupPolicySizeQuota: 5120,
    GroupsPerUserQuota: 10,
    GlobalEndpointTokenVersion: 1,
    SigningCertificatesPerUserQuota: 2,
    AccessKeysPerUserQuota: 2,
    MFADevices: mfaUsers,
    MFADevicesInUse: mfaUsers,
    AccountMFAEnabled: account.root.mfa ? 1 : 0,
    AccountAccessKeysPresent: account.root.hasAccessKeys ? 1 : 0,
    AccountSigningCertificatesPresent: 0,
    AttachedPoliciesPerGroupQuota: 10,
    AttachedPoliciesPerRoleQuota: 10,
    AttachedPoliciesPerUserQuota: 10,
    ...account.accountSummary,
  }
}

function getAccountSummary(ctx: HandlerContext): Reply {
  const entries = Object.entries(summaryMap(accountOf(ctx)))
    .map(([k, v]) => `<entry><key>${k}</key><value>${v}</value></entry>`)
    .join('')
  return queryReply('iam', 'GetAccountSummary', `<SummaryMap>${entries}</SummaryMap>`)
}

function getAccountPasswordPolicy(ctx: HandlerContext): Reply {
  const account = accountOf(ctx)
  const policy = account.passwordPolicy
  if (!policy)
    return errorReply(
      'iam',
      'NoSuchEntity',
      404,
      `The Password Policy with domain name ${account.id} cannot be found.`,
    )
  const fields = Object.entries(policy)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${k}>${String(v)}</${k}>`)
    .join('')
  return queryReply('iam', 'GetAccountPasswordPolicy', `<PasswordPolicy>${fields}</PasswordPolicy>`)
}

function listAccountAliases(ctx: HandlerContext): Reply {
  const members = accountOf(ctx)
    .aliases.map((a) => `<member>${xmlEscape(a)}</member>`)
    .join('')
  return queryReply(
    'iam',
    'ListAccountAliases',
    `<IsTruncated>false</IsTruncated><AccountAliases>${members}</AccountAliases>`,
  )
}

/** Moves an in-progress report one call closer to completion; returns the state after this call. */
function advance(state: FakeState, accountId: string) {
  const report = state.reports.get(accountId) ?? { kind: 'absent' as const }
  if (report.kind !== 'in-progress') return report
  if (report.pollsLeft > 0) {
    const next = { kind: 'in-progress' as const, pollsLeft: report.pollsLeft - 1 }
    state.reports.set(accountId, next)
    return report
  }
  const ready = { kind: 'ready' as const, generatedTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }
  state.reports.set(accountId, ready)
  return ready
}

function generateCredentialReport(ctx: HandlerContext): Reply {
  const account = accountOf(ctx)
  const report = ctx.state.reports.get(account.id) ?? { kind: 'absent' as const }
  const result = (state: string, description: string) =>
    queryReply(
      'iam',
      'GenerateCredentialReport',
      `<Description>${description}</Description><State>${state}</State>`,
    )
  if (report.kind === 'absent' || report.kind === 'expired') {
    ctx.state.reports.set(account.id, {
      kind: 'in-progress',
      pollsLeft: account.credentialReport.pollsUntilComplete,
    })
    return result('STARTED', 'No report exists. Starting a new report generation task')
  }
  const after = advance(ctx.state, account.id)
  if (after.kind === 'in-progress') return result('INPROGRESS', 'Report generation in progress')
  return result('COMPLETE', 'Report is ready')
}

function getCredentialReport(ctx: HandlerContext): Reply {
  const account = accountOf(ctx)
  const report = ctx.state.reports.get(account.id) ?? { kind: 'absent' as const }
  if (report.kind === 'absent')
    return errorReply(
      'iam',
      'ReportNotPresent',
      410,
      'Credential report not present. Call GenerateCredentialReport.',
    )
  if (report.kind === 'expired')
    return errorReply(
      'iam',
      'ReportExpired',
      410,
      'Credential report expired. Call GenerateCredentialReport.',
    )
  const after = advance(ctx.state, account.id)
  if (after.kind !== 'ready')
    return errorReply('iam', 'ReportInProgress', 404, 'Credential report is being generated.')
  const content = Buffer.from(renderCredentialReport(account, ctx.state.clock)).toString('base64')
  const generated = account.credentialReport.generatedTime ?? after.generatedTime
  return queryReply(
    'iam',
    'GetCredentialReport',
    `<Content>${content}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>${generated}</GeneratedTime>`,
  )
}

const actions: Record<string, (ctx: HandlerContext) => Reply> = {
  GetAccountSummary: getAccountSummary,
  GetAccountPasswordPolicy: getAccountPasswordPolicy,
  ListAccountAliases: listAccountAliases,
  GenerateCredentialReport: generateCredentialReport,
  GetCredentialReport: getCredentialReport,
}

/** IAM awsQuery route for `Action` (IAM is global: no disabled-Region check). */
export function iamRoute(action: string): Route {
  const handler = actions[action]
  return {
    api: action,
    protocol: 'iam',
    auth: 'sigv4',
    isRegional: false,
    handle:
      handler ??
      (() =>
        errorReply('iam', 'InvalidAction', 400, `Could not find operation ${action} for version 2010-05-08`)),
  }
}
