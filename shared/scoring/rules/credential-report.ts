import type { CredentialReportPart, PasswordPolicy } from '../../evidence/schema'
import type {
  AccountSummaryRule,
  CredentialPredicate,
  CredentialReportRule,
  PasswordPolicyRule,
} from '../../model/rules'
import { DAY_MS, type EvidenceIndex, type IndexedUser, type RuleOutcome } from '../evidence-index'
import { paramValue, type ResolvedParams } from '../params'
import type { ResourceRef } from '../types'

/** Whether one credential-report row matches a predicate at time `nowMs`. */
export function matchesPredicate(
  row: IndexedUser,
  predicate: CredentialPredicate,
  params: ResolvedParams,
  nowMs: number,
): boolean {
  if ('field' in predicate) {
    const value =
      predicate.field === 'hasActiveAccessKey'
        ? row.hasActiveAccessKey
        : predicate.field === 'hasActiveCertificate'
          ? row.hasActiveCertificate
          : row.user[predicate.field]
    return value === predicate.equals
  }
  if ('all' in predicate) return predicate.all.every((p) => matchesPredicate(row, p, params, nowMs))
  if ('any' in predicate) return predicate.any.some((p) => matchesPredicate(row, p, params, nowMs))
  if ('not' in predicate) return !matchesPredicate(row, predicate.not, params, nowMs)
  if ('activeKeyOlderThanDays' in predicate) {
    const cutoff = nowMs - paramValue(predicate.activeKeyOlderThanDays, params) * DAY_MS
    return row.keys.some((k) => k.isActive && k.rotatedMs < cutoff)
  }
  if ('activeKeyUnusedForDays' in predicate) {
    const cutoff = nowMs - paramValue(predicate.activeKeyUnusedForDays, params) * DAY_MS
    // A key never used counts from when it was created or rotated.
    return row.keys.some((k) => k.isActive && (Number.isNaN(k.usedMs) ? k.rotatedMs : k.usedMs) < cutoff)
  }
  if ('passwordUnusedForDays' in predicate) {
    if (row.user.hasPassword !== true) return false
    const cutoff = nowMs - paramValue(predicate.passwordUnusedForDays, params) * DAY_MS
    const lastMs = Number.isNaN(row.passwordLastUsedMs) ? row.createdMs : row.passwordLastUsedMs
    return lastMs < cutoff
  }
  const cutoff = nowMs - paramValue(predicate.passwordUsedWithinDays, params) * DAY_MS
  return row.passwordLastUsedMs >= cutoff
}

function userRef(row: IndexedUser): ResourceRef {
  return {
    id: row.user.arn,
    type: row.user.isRoot ? 'AWS::IAM::RootUser' : 'AWS::IAM::User',
    detail: row.user.user,
  }
}

/** Fails when more rows than `maxViolations` match the violation predicate; lists the matching users. */
export function evaluateCredentialReport(
  rule: CredentialReportRule,
  index: EvidenceIndex,
  params: ResolvedParams,
): RuleOutcome {
  const resources: ResourceRef[] = []
  for (const row of index.users) {
    if (matchesPredicate(row, rule.violation, params, index.nowMs)) resources.push(userRef(row))
  }
  const max = paramValue(rule.maxViolations, params)
  if (resources.length > max) {
    const names = resources
      .slice(0, 3)
      .map((r) => r.detail)
      .join(', ')
    const more = resources.length > 3 ? ', …' : ''
    const limit = max > 0 ? `, at most ${max} allowed` : ''
    return {
      status: 'fail',
      reason: `${capitalize(rule.describe)}: ${resources.length} (${names}${more}${limit})`,
      resources,
    }
  }
  const allowed = resources.length > 0 ? ` (${resources.length} within the allowed ${max})` : ''
  return { status: 'pass', reason: `No ${rule.describe}${allowed}`, resources }
}

/** Unknown, with why, when a part of the credential report source could not be read. */
function partGap(index: EvidenceIndex, part: CredentialReportPart): RuleOutcome | undefined {
  const status = index.bundle.credentialReport.records?.gaps?.[part]
  if (!status || status.state === 'ok') return undefined
  const why =
    status.state === 'unavailable'
      ? `${status.reason}: ${status.message}`
      : `${status.code}: ${status.message}`
  return {
    status: 'unknown',
    unknownReason: status.state === 'unavailable' ? 'unavailable' : 'collection-error',
    reason: `The ${part === 'passwordPolicy' ? 'password policy' : 'account summary'} could not be read (${why})`,
    resources: [],
  }
}

const policyRef: ResourceRef = { id: 'account-password-policy', type: 'AWS::IAM::AccountPasswordPolicy' }

/** The password policy must exist and meet each requirement the rule lists; the reason names the gaps. */
export function evaluatePasswordPolicy(
  rule: PasswordPolicyRule,
  index: EvidenceIndex,
  params: ResolvedParams,
): RuleOutcome {
  const policy: PasswordPolicy | null | undefined = index.bundle.credentialReport.records?.passwordPolicy
  const gap = partGap(index, 'passwordPolicy')
  if (gap) return gap
  if (!policy) {
    return {
      status: 'fail',
      reason: 'The account has no IAM password policy',
      resources: [{ ...policyRef, detail: 'no policy' }],
    }
  }
  const gaps: string[] = []
  if (rule.minimumLength !== undefined) {
    const min = paramValue(rule.minimumLength, params)
    if ((policy.minimumPasswordLength ?? 0) < min)
      gaps.push(`minimum length ${policy.minimumPasswordLength ?? 'unset'} < ${min}`)
  }
  if (rule.requireSymbols && !policy.requireSymbols) gaps.push('symbols not required')
  if (rule.requireNumbers && !policy.requireNumbers) gaps.push('numbers not required')
  if (rule.requireUppercase && !policy.requireUppercaseCharacters) gaps.push('uppercase not required')
  if (rule.requireLowercase && !policy.requireLowercaseCharacters) gaps.push('lowercase not required')
  if (rule.minimumReusePrevention !== undefined) {
    const min = paramValue(rule.minimumReusePrevention, params)
    if ((policy.passwordReusePrevention ?? 0) < min)
      gaps.push(`remembers ${policy.passwordReusePrevention ?? 0} passwords < ${min}`)
  }
  if (gaps.length > 0) {
    return {
      status: 'fail',
      reason: `The password policy is too weak: ${gaps.join('; ')}`,
      resources: [{ ...policyRef, detail: gaps.join('; ') }],
    }
  }
  return { status: 'pass', reason: 'The password policy meets every requirement', resources: [] }
}

/** Compares one GetAccountSummary value; a missing key is unknown, not a failure. */
export function evaluateAccountSummary(
  rule: AccountSummaryRule,
  index: EvidenceIndex,
  params: ResolvedParams,
): RuleOutcome {
  const value = index.bundle.credentialReport.records?.accountSummary[rule.key]
  const gap = partGap(index, 'accountSummary')
  if (gap) return gap
  if (value === undefined) {
    return {
      status: 'unknown',
      unknownReason: 'not-collected',
      reason: `The account summary has no ${rule.key}`,
      resources: [],
    }
  }
  const expected = paramValue(rule.value, params)
  const isMet =
    rule.op === 'eq' ? value === expected : rule.op === 'lte' ? value <= expected : value >= expected
  const symbol = rule.op === 'eq' ? '=' : rule.op === 'lte' ? '≤' : '≥'
  return isMet
    ? { status: 'pass', reason: `${rule.describe}: ${rule.key} is ${value}`, resources: [] }
    : {
        status: 'fail',
        reason: `${rule.describe}: ${rule.key} is ${value}, expected ${symbol} ${expected}`,
        resources: [
          {
            id: `account-summary:${rule.key}`,
            type: 'AWS::IAM::AccountSummary',
            detail: `${rule.key}=${value}`,
          },
        ],
      }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
