import { z } from 'zod'

/**
 * The EvidenceBundle: what was collected for one account, as collected. It is immutable once stored; scores
 * are always derived from it. Every source records its status, when it was collected, the raw payloads exactly
 * as AWS returned them, and the normalized records the scoring engine reads.
 *
 * Version history:
 * - 1 (2026-11-28): first version.
 * - 1 (2026-11-29, additive, optional fields): credential report `gaps` and Trusted Advisor check
 *   `resourcesStatus`, so a failed secondary call keeps the rest of its source.
 */
export const EVIDENCE_SCHEMA_VERSION = 1

/** ISO-8601 timestamp with a zone, e.g. 2026-11-28T10:00:00.000Z. */
export const isoTime = z.iso.datetime({ offset: true })

export const accountIdSchema = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id')

export const sourceIds = ['identity', 'credentialReport', 'trustedAdvisor', 'accessAnalyzer'] as const
export type SourceId = (typeof sourceIds)[number]

/** Why a source (or a Region of one) could not be collected, when that is a fact about the account, not a fault. */
export const unavailableReasons = [
  'not-subscribed',
  'access-denied',
  'no-analyzer',
  'region-disabled',
  'not-in-scope',
] as const
export type UnavailableReason = (typeof unavailableReasons)[number]

export const sourceStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok') }),
  z.object({ state: z.literal('unavailable'), reason: z.enum(unavailableReasons), message: z.string() }),
  z.object({ state: z.literal('error'), code: z.string(), message: z.string() }),
])
export type SourceStatus = z.infer<typeof sourceStatusSchema>

/** One API response, kept verbatim (the SDK output without $metadata). */
export const rawPayloadSchema = z.object({
  operation: z.string(),
  region: z.string().optional(),
  /** The request parameters that matter for reading the payload (filters, the resource listed). Added 2026-11-28. */
  request: z.record(z.string(), z.unknown()).optional(),
  payload: z.unknown(),
})
export type RawPayload = z.infer<typeof rawPayloadSchema>

// ── identity ────────────────────────────────────────────────────────────────────────────────────────────

export const identityRecordsSchema = z.object({
  accountId: accountIdSchema,
  arn: z.string(),
  userId: z.string(),
  aliases: z.array(z.string()),
})
export type IdentityRecords = z.infer<typeof identityRecordsSchema>

// ── credential report ───────────────────────────────────────────────────────────────────────────────────

export const accessKeySchema = z.object({
  slot: z.union([z.literal(1), z.literal(2)]),
  isActive: z.boolean(),
  lastRotated: isoTime.nullable(),
  lastUsed: isoTime.nullable(),
  lastUsedRegion: z.string().nullable(),
  lastUsedService: z.string().nullable(),
})

export const certificateSchema = z.object({
  slot: z.union([z.literal(1), z.literal(2)]),
  isActive: z.boolean(),
  lastRotated: isoTime.nullable(),
})

/** One row of the credential report. `null` means AWS said N/A, not_supported or no_information. */
export const credentialUserSchema = z.object({
  user: z.string(),
  arn: z.string(),
  isRoot: z.boolean(),
  createdAt: isoTime.nullable(),
  /** null for the root user, whose password_enabled is not_supported. */
  hasPassword: z.boolean().nullable(),
  passwordLastUsed: isoTime.nullable(),
  passwordLastChanged: isoTime.nullable(),
  isMfaActive: z.boolean(),
  accessKeys: z.array(accessKeySchema),
  certificates: z.array(certificateSchema),
})
export type CredentialUser = z.infer<typeof credentialUserSchema>

/** A setting GetAccountPasswordPolicy may leave out: a switch, or a whole number. */
const setting = { flag: z.boolean().optional(), number: z.number().int().optional() }

export const passwordPolicySchema = z.object({
  minimumPasswordLength: setting.number,
  requireSymbols: setting.flag,
  requireNumbers: setting.flag,
  requireUppercaseCharacters: setting.flag,
  requireLowercaseCharacters: setting.flag,
  allowUsersToChangePassword: setting.flag,
  expirePasswords: setting.flag,
  maxPasswordAge: setting.number,
  passwordReusePrevention: setting.number,
  hardExpiry: setting.flag,
})
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>

/** The secondary calls of the credential report source, each of which may fail on its own. */
export const credentialReportParts = ['passwordPolicy', 'accountSummary'] as const
export type CredentialReportPart = (typeof credentialReportParts)[number]

export const credentialReportRecordsSchema = z.object({
  /** When IAM generated the report (it may be up to the user's maximum age old). */
  generatedAt: isoTime,
  users: z.array(credentialUserSchema),
  /**
   * null when the account has no password policy (NoSuchEntity). Absent (added 2026-11-29) when the call's
   * outcome is not known (a missing or 0-byte file offline, a failed call): the rule is then unknown.
   */
  passwordPolicy: passwordPolicySchema.nullable().optional(),
  /**
   * The report's header columns as collected (added 2026-11-29). A rule that needs a column the report lacks
   * (an older 16-column report has no last-used columns) is unknown. Absent: the full AWS column set.
   */
  columns: z.array(z.string()).optional(),
  /** GetAccountSummary's SummaryMap, e.g. AccountMFAEnabled, AccountAccessKeysPresent, Users. */
  accountSummary: z.record(z.string(), z.number()),
  /**
   * The parts that could not be read, with why (the rest of the source is kept). A password policy gap means
   * `passwordPolicy: null` is not "no policy" but unknown. Added 2026-11-29.
   */
  gaps: z.partialRecord(z.enum(credentialReportParts), sourceStatusSchema).optional(),
})
export type CredentialReportRecords = z.infer<typeof credentialReportRecordsSchema>

// ── Trusted Advisor ─────────────────────────────────────────────────────────────────────────────────────

export const taStatusSchema = z.enum(['ok', 'warning', 'error'])

export const taResourceSchema = z.object({
  arn: z.string(),
  awsResourceId: z.string(),
  regionCode: z.string(),
  status: taStatusSchema,
  metadata: z.record(z.string(), z.string()),
  isExcluded: z.boolean(),
})
export type TaResource = z.infer<typeof taResourceSchema>

const resourceCount = z.number().int()

/** One Trusted Advisor recommendation, keyed by its legacy check id (the tail of checkArn). */
export const taCheckSchema = z.object({
  checkId: z.string(),
  checkArn: z.string(),
  name: z.string(),
  recommendationArn: z.string(),
  status: taStatusSchema,
  pillars: z.array(z.string()),
  source: z.string(),
  /** How many resources the check found in each status (excluded ones apart). */
  counts: z.object({
    ok: resourceCount,
    warning: resourceCount,
    error: resourceCount,
    excluded: resourceCount,
  }),
  /** The warning and error resources (ok resources are not listed, to save calls). */
  resources: z.array(taResourceSchema),
  /** Present when the resources could not be listed (the counts still hold). Added 2026-11-29. */
  resourcesStatus: sourceStatusSchema.optional(),
  lastUpdatedAt: isoTime.nullable(),
})
export type TaCheck = z.infer<typeof taCheckSchema>

export const trustedAdvisorRecordsSchema = z.object({
  checks: z.array(taCheckSchema),
  /** 'account' for the account APIs, 'organization' when collected through the organization APIs. */
  via: z.enum(['account', 'organization']),
})
export type TrustedAdvisorRecords = z.infer<typeof trustedAdvisorRecordsSchema>

// ── Access Analyzer ─────────────────────────────────────────────────────────────────────────────────────

export const analyzerSchema = z.object({
  arn: z.string(),
  name: z.string(),
  /** ACCOUNT, ORGANIZATION, ACCOUNT_UNUSED_ACCESS, ORGANIZATION_UNUSED_ACCESS, ACCOUNT_INTERNAL_ACCESS, … */
  type: z.string(),
  status: z.string(),
  /**
   * Whether this analyzer's findings listing was read (added 2026-11-29). Offline, a missing or 0-byte
   * findings file leaves it false and the analyzer's findings unknown. Absent in older bundles, which the
   * collector only stored with every ACTIVE analyzer's findings listed.
   */
  findingsListed: z.boolean().optional(),
  /**
   * The analyzer's last analysis (AnalyzerSummary.lastResourceAnalyzedAt): its findings are as of then.
   * Added 2026-11-29; absent when AWS did not say.
   */
  lastAnalyzedAt: isoTime.optional(),
})
export type Analyzer = z.infer<typeof analyzerSchema>

export const findingKinds = ['external', 'unused', 'internal'] as const

export const findingSchema = z.object({
  id: z.string(),
  analyzerArn: z.string(),
  kind: z.enum(findingKinds),
  /** ExternalAccess, UnusedIAMRole, UnusedIAMUserAccessKey, UnusedIAMUserPassword, UnusedPermission, … */
  findingType: z.string(),
  resource: z.string().nullable(),
  resourceType: z.string(),
  resourceOwnerAccount: z.string(),
  status: z.enum(['ACTIVE', 'ARCHIVED', 'RESOLVED']),
  /** Known for external-access findings; null for the other kinds. */
  isPublic: z.boolean().nullable(),
  /** Who is granted access, as ListFindings (v1) gives it, e.g. { AWS: "444455556666" }. Added 2026-11-29. */
  principal: z.record(z.string(), z.string()).optional(),
  /** Set on an error finding: Access Analyzer could not analyse the resource (e.g. ACCESS_DENIED). Added 2026-11-29. */
  error: z.string().optional(),
  createdAt: isoTime,
  updatedAt: isoTime,
})
export type Finding = z.infer<typeof findingSchema>

export const accessAnalyzerRegionSchema = z.object({
  region: z.string(),
  status: sourceStatusSchema,
  collectedAt: isoTime,
  analyzers: z.array(analyzerSchema),
  /** ACTIVE findings of every active analyzer in the Region. */
  findings: z.array(findingSchema),
})
export type AccessAnalyzerRegion = z.infer<typeof accessAnalyzerRegionSchema>

export const accessAnalyzerRecordsSchema = z.object({
  regions: z.array(accessAnalyzerRegionSchema),
  /**
   * The Regions collection was asked to read (added 2026-11-29), so a Region with no evidence is known to be
   * missing. null: not recorded (an offline folder without accessanalyzer-regions.txt). Absent in older
   * bundles, whose `regions` list every Region in scope.
   */
  regionsInScope: z.array(z.string()).nullable().optional(),
})
export type AccessAnalyzerRecords = z.infer<typeof accessAnalyzerRecordsSchema>

// ── the bundle ──────────────────────────────────────────────────────────────────────────────────────────

const sourceResult = <T extends z.ZodType>(records: T) =>
  z.object({
    status: sourceStatusSchema,
    collectedAt: isoTime,
    raw: z.array(rawPayloadSchema),
    /** Present when status is ok (for Access Analyzer, also when only some Regions failed). */
    records: records.nullable(),
    /**
     * True when `collectedAt` is only the files' modification time (an offline folder without Ratchet's meta
     * file): copying the folder changes it, so the app says so. Added 2026-11-29.
     */
    isFileTime: z.boolean().optional(),
  })

export const evidenceBundleSchema = z.object({
  schemaVersion: z.literal(EVIDENCE_SCHEMA_VERSION),
  accountId: accountIdSchema,
  /** When this collection run for the account finished. */
  collectedAt: isoTime,
  identity: sourceResult(identityRecordsSchema),
  credentialReport: sourceResult(credentialReportRecordsSchema),
  trustedAdvisor: sourceResult(trustedAdvisorRecordsSchema),
  /** Status is ok when every Region in scope was read; each Region also carries its own status. */
  accessAnalyzer: sourceResult(accessAnalyzerRecordsSchema),
})
export type EvidenceBundle = z.infer<typeof evidenceBundleSchema>
export type SourceResult<K extends SourceId> = EvidenceBundle[K]

/** The legacy Trusted Advisor check id at the end of a check ARN: arn:aws:trustedadvisor:::check/<id>. */
export function checkIdFromArn(checkArn: string): string {
  return checkArn.slice(checkArn.lastIndexOf('/') + 1)
}
