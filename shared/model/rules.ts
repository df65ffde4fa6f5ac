import { z } from 'zod'

/**
 * The typed rule kinds a control can carry. Rules are data: the engine interprets them, so a custom model
 * can express new controls without code. Every numeric threshold may be a literal or a reference to a model
 * parameter (`{ param: 'access-key-max-age-days' }`), which the user can override within its bounds.
 */

/** A number, or a reference to a model parameter by id. */
export const paramRefSchema = z.union([z.number(), z.strictObject({ param: z.string().min(1) })])
export type ParamRef = z.infer<typeof paramRefSchema>

/** Boolean fields of a credential-report row a predicate can test. */
export const credentialFields = [
  'isRoot',
  'hasPassword',
  'isMfaActive',
  'hasActiveAccessKey',
  'hasActiveCertificate',
] as const
export type CredentialField = (typeof credentialFields)[number]

/**
 * A predicate over one credential-report row. A row for which `violation` is true is a violating resource.
 * - `field`: a boolean column (hasPassword null — the root user — never equals true or false).
 * - `activeKeyOlderThanDays`: an active access key last rotated more than N days before `now`.
 * - `activeKeyUnusedForDays`: an active access key not used (or, never used, not rotated) for N days.
 * - `passwordUnusedForDays`: a console password not used (or, never used, created) for more than N days.
 * - `passwordUsedWithinDays`: the password was used in the last N days (meant for the root user).
 */
export type CredentialPredicate =
  | { field: CredentialField; equals: boolean }
  | { activeKeyOlderThanDays: ParamRef }
  | { activeKeyUnusedForDays: ParamRef }
  | { passwordUnusedForDays: ParamRef }
  | { passwordUsedWithinDays: ParamRef }
  | { all: CredentialPredicate[] }
  | { any: CredentialPredicate[] }
  | { not: CredentialPredicate }

export const credentialPredicateSchema: z.ZodType<CredentialPredicate> = z.lazy(() =>
  z.union([
    z.strictObject({ field: z.enum(credentialFields), equals: z.boolean() }),
    z.strictObject({ activeKeyOlderThanDays: paramRefSchema }),
    z.strictObject({ activeKeyUnusedForDays: paramRefSchema }),
    z.strictObject({ passwordUnusedForDays: paramRefSchema }),
    z.strictObject({ passwordUsedWithinDays: paramRefSchema }),
    z.strictObject({ all: z.array(credentialPredicateSchema).min(1) }),
    z.strictObject({ any: z.array(credentialPredicateSchema).min(1) }),
    z.strictObject({ not: credentialPredicateSchema }),
  ]),
)

/** Rows of the credential report that match `violation` are violations; more than `maxViolations` fails. */
export const credentialReportRuleSchema = z.strictObject({
  kind: z.literal('credential-report'),
  violation: credentialPredicateSchema,
  maxViolations: paramRefSchema.default(0),
  /** Short noun for the reason sentence, e.g. "users with a console password and no MFA". */
  describe: z.string().min(1),
})

/** The account password policy must exist and meet every listed requirement. */
export const passwordPolicyRuleSchema = z.strictObject({
  kind: z.literal('password-policy'),
  minimumLength: paramRefSchema.optional(),
  requireSymbols: z.boolean().optional(),
  requireNumbers: z.boolean().optional(),
  requireUppercase: z.boolean().optional(),
  requireLowercase: z.boolean().optional(),
  /** Remember at least this many previous passwords. */
  minimumReusePrevention: paramRefSchema.optional(),
})

/** A GetAccountSummary value compared with a threshold, e.g. AccountAccessKeysPresent eq 0. */
export const accountSummaryRuleSchema = z.strictObject({
  kind: z.literal('account-summary'),
  key: z.string().min(1),
  op: z.enum(['eq', 'lte', 'gte']),
  value: paramRefSchema,
  describe: z.string().min(1),
})

export const taStatuses = ['ok', 'warning', 'error'] as const

/**
 * Trusted Advisor checks by legacy id. A check violates when more than `maxFlagged` of its resources have a
 * status in `flagged` (or, with no resource counts, when its own status is flagged). A check that is absent
 * is unknown (check-missing); Trusted Advisor itself unavailable (Basic support) is unknown (unavailable).
 */
export const trustedAdvisorRuleSchema = z.strictObject({
  kind: z.literal('trusted-advisor-check'),
  checkIds: z.array(z.string().min(1)).min(1),
  flagged: z
    .array(z.enum(['warning', 'error']))
    .min(1)
    .default(['warning', 'error']),
  maxFlagged: paramRefSchema.default(0),
})

export const findingKindValues = ['external', 'unused', 'internal'] as const

/**
 * Which external access a no-findings rule counts (added 2026-11-29):
 * - `public`: findings ListFindings (v1) marks isPublic;
 * - `cross-account`: external findings that are not public (another account is granted access);
 * - `outside-organization`: findings whose principal is outside the zone of trust (not an account of the
 *   organization known to Ratchet); an organization analyzer's findings are outside by definition.
 * A finding without the field the choice needs (isPublic, principal) makes the rule unknown, never pass.
 */
export const externalAccessValues = ['public', 'cross-account', 'outside-organization'] as const

/**
 * Access Analyzer, per Region in scope.
 * - `analyzer-present`: every Region has an ACTIVE analyzer of one of `analyzerTypes`.
 * - `no-findings`: no ACTIVE finding of `findingKind` (optionally only public ones, only `findingTypes`,
 *   only those older than `olderThanDays`). A Region without an analyzer of a matching type cannot tell, so
 *   it is unknown — or a failure when `requireAnalyzer` is set.
 */
export const accessAnalyzerRuleSchema = z.discriminatedUnion('check', [
  z.strictObject({
    kind: z.literal('access-analyzer'),
    check: z.literal('analyzer-present'),
    analyzerTypes: z.array(z.string().min(1)).min(1),
  }),
  z.strictObject({
    kind: z.literal('access-analyzer'),
    check: z.literal('no-findings'),
    findingKind: z.enum(findingKindValues),
    /** Same as access: 'public' (kept for models written before 2026-11-29). */
    isPublic: z.literal(true).optional(),
    access: z.enum(externalAccessValues).optional(),
    findingTypes: z.array(z.string().min(1)).optional(),
    olderThanDays: paramRefSchema.optional(),
    analyzerTypes: z.array(z.string().min(1)).min(1),
    requireAnalyzer: z.boolean().default(false),
  }),
])

export const ruleSchema = z.union([
  credentialReportRuleSchema,
  passwordPolicyRuleSchema,
  accountSummaryRuleSchema,
  trustedAdvisorRuleSchema,
  accessAnalyzerRuleSchema,
])
export type Rule = z.infer<typeof ruleSchema>
export type RuleKind = Rule['kind']
export type CredentialReportRule = z.infer<typeof credentialReportRuleSchema>
export type PasswordPolicyRule = z.infer<typeof passwordPolicyRuleSchema>
export type AccountSummaryRule = z.infer<typeof accountSummaryRuleSchema>
export type TrustedAdvisorRule = z.infer<typeof trustedAdvisorRuleSchema>
export type AccessAnalyzerRule = z.infer<typeof accessAnalyzerRuleSchema>

/** The evidence source each rule kind reads. */
export const ruleSource = {
  'credential-report': 'credentialReport',
  'password-policy': 'credentialReport',
  'account-summary': 'credentialReport',
  'trusted-advisor-check': 'trustedAdvisor',
  'access-analyzer': 'accessAnalyzer',
} as const satisfies Record<RuleKind, 'credentialReport' | 'trustedAdvisor' | 'accessAnalyzer'>
