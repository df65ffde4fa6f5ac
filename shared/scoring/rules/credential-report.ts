import type { CredentialReportPart, PasswordPolicy } from '../../evidence/schema'
import { isAccessDenied } from '../../evidence/select'
import type {
  AccountSummaryRule,
  CredentialField,
  CredentialPredicate,
  CredentialReportRule,
  PasswordPolicyRule,
} from '../../model/rules'
import {
  DAY_MS,
  type EvidenceIndex,
  type IndexedUser,
  notCollected,
  type RuleOutcome,
} from '../evidence-index'
import { paramValue, type ResolvedParams } from '../params'
import type { ResourceRef } from '../types'

/** A key rotated this close to the user's creation was created with the user. */
const SETUP_WINDOW_MS = 10 * 60_000

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
  if ('activeKeysAtLeast' in predicate)
    return row.keys.filter((k) => k.isActive).length >= predicate.activeKeysAtLeast
  if ('keyCreatedAtUserSetup' in predicate)
    return row.keys.some(
      (k) => k.isActive && Number.isNaN(k.usedMs) && Math.abs(k.rotatedMs - row.createdMs) <= SETUP_WINDOW_MS,
    )
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

const keyColumns = (...suffixes: string[]) =>
  [1, 2].flatMap((n) => suffixes.map((suffix) => `access_key_${n}_${suffix}`))

/** The credential-report columns each predicate reads (the `user` and `arn` columns every layout has). */
const fieldColumns: Record<CredentialField, string[]> = {
  isRoot: [],
  hasPassword: ['password_enabled'],
  isMfaActive: ['mfa_active'],
  hasActiveAccessKey: keyColumns('active'),
  hasActiveCertificate: ['cert_1_active', 'cert_2_active'],
}

/**
 * What a credential-report predicate needs: the columns it reads, and whether it is about the root user (so
 * the report must have the `<root_account>` row). A rule whose needs are not in the report is unknown.
 */
export function predicateNeeds(predicate: CredentialPredicate): {
  columns: Set<string>
  isAboutRoot: boolean
} {
  const columns = new Set<string>()
  let isAboutRoot = false
  const walk = (p: CredentialPredicate, isTopLevel: boolean): void => {
    if ('field' in p) {
      for (const c of fieldColumns[p.field]) columns.add(c)
      if (p.field === 'isRoot' && p.equals && isTopLevel) isAboutRoot = true
    } else if ('all' in p) for (const q of p.all) walk(q, isTopLevel)
    else if ('any' in p) for (const q of p.any) walk(q, false)
    else if ('not' in p) walk(p.not, false)
    else if ('activeKeyOlderThanDays' in p)
      for (const c of keyColumns('active', 'last_rotated')) columns.add(c)
    else if ('activeKeyUnusedForDays' in p)
      for (const c of keyColumns('active', 'last_rotated', 'last_used_date')) columns.add(c)
    else if ('activeKeysAtLeast' in p) for (const c of keyColumns('active')) columns.add(c)
    else if ('keyCreatedAtUserSetup' in p)
      for (const c of [...keyColumns('active', 'last_rotated', 'last_used_date'), 'user_creation_time'])
        columns.add(c)
    else if ('passwordUnusedForDays' in p)
      for (const c of ['password_enabled', 'password_last_used', 'user_creation_time']) columns.add(c)
    else for (const c of ['password_last_used']) columns.add(c)
  }
  walk(predicate, true)
  return { columns, isAboutRoot }
}

/** Unknown when the report lacks what the predicate needs; undefined when everything is there. */
function missingNeeds(predicate: CredentialPredicate, index: EvidenceIndex): RuleOutcome | undefined {
  const needs = predicateNeeds(predicate)
  const present = index.bundle.credentialReport.records?.columns
  const missing = present ? [...needs.columns].filter((c) => !present.includes(c)) : []
  if (missing.length > 0) {
    return notCollected(
      `The credential report has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}, so this cannot be judged`,
    )
  }
  if (needs.isAboutRoot && !index.users.some((u) => u.user.isRoot)) {
    return notCollected('The credential report has no <root_account> row, so the root user cannot be judged')
  }
  return undefined
}

/** Fails when more rows than `maxViolations` match the violation predicate; lists the matching users. */
export function evaluateCredentialReport(
  rule: CredentialReportRule,
  index: EvidenceIndex,
  params: ResolvedParams,
): RuleOutcome {
  const gap = missingNeeds(rule.violation, index)
  if (gap) return gap
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
    unknownReason: isAccessDenied(status) ? 'access-denied' : 'collection-failed',
    reason: `The ${part === 'passwordPolicy' ? 'password policy' : 'account summary'} could not be read (${why})`,
    resources: [],
  }
}

const policyRef: ResourceRef = { id: 'account-password-policy', type: 'AWS::IAM::AccountPasswordPolicy' }

/**
 * The password policy must exist and meet each requirement the rule lists; the reason names the gaps. It
 * governs console passwords only, so it is not applicable when no IAM user has one. Needs the outcome of the
 * GetAccountPasswordPolicy call (a policy, or NoSuchEntity) and the password_enabled column.
 */
export function evaluatePasswordPolicy(
  rule: PasswordPolicyRule,
  index: EvidenceIndex,
  params: ResolvedParams,
): RuleOutcome {
  const records = index.bundle.credentialReport.records
  const policy: PasswordPolicy | null | undefined = records?.passwordPolicy
  const gap = missingNeeds({ field: 'hasPassword', equals: true }, index)
  if (gap) return gap
  if (!index.users.some((u) => !u.user.isRoot && u.user.hasPassword === true)) {
    return {
      status: 'not-applicable',
      reason: 'No IAM user has a console password, so the password policy governs nothing',
      resources: [],
    }
  }
  // The call was made but could not be read (access denied, a failed call): unknown, never "no policy".
  const partMissing = partGap(index, 'passwordPolicy')
  if (partMissing) return partMissing
  if (policy === undefined) {
    return notCollected('The outcome of GetAccountPasswordPolicy was not collected (a missing or empty file)')
  }
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
    return notCollected(`The account summary has no ${rule.key}`)
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
