import { z } from 'zod'
import { regionSchema } from '../../aws/regions'
import { evidenceBundleSchema, isoTime, sourceIds } from '../../evidence/schema'
import { event, invoke } from '../define'
import { folderHandleSchema } from './app'
import { targetSchema } from './aws'

/** One unit of progress: an account as a whole (`source: 'account'`) or one of its sources. */
/**
 * `denied`: the role may not read the source (never ok); `partial`: an account finished with some sources
 * not read; `done`: every source ok or definitively unavailable (not subscribed, no analyzer, …).
 */
export const progressStates = [
  'queued',
  'running',
  'done',
  'partial',
  'unavailable',
  'denied',
  'failed',
  'cancelled',
] as const
export const progressSubjects = ['account', ...sourceIds] as const

export const collectProgressSchema = z.object({
  jobId: z.string(),
  /** The target's key (the account id when known in advance, else the profile name). */
  targetKey: z.string(),
  /** Known once the identity call answered (or in advance for SSO targets). */
  accountId: z.string().optional(),
  label: z.string(),
  source: z.enum(progressSubjects),
  state: z.enum(progressStates),
  /** Why, for unavailable and failed. */
  detail: z.string().optional(),
  /** Records gathered (users, checks, findings), and API calls (attempts) made so far for the account. */
  counts: z.object({ records: z.number().int().optional(), calls: z.number().int() }),
})
export type CollectProgress = z.infer<typeof collectProgressSchema>

export const sourceOutcomeSchema = z.object({
  /** `denied` is access denied: its own state, never counted as ok or as a definitive answer. */
  state: z.enum(['ok', 'unavailable', 'denied', 'error', 'kept', 'cancelled', 'skipped']),
  detail: z.string().optional(),
})

export const accountOutcomeSchema = z.object({
  targetKey: z.string(),
  accountId: z.string().optional(),
  label: z.string(),
  /**
   * ok: every source ok or definitively unavailable; partial: some sources failed or were denied (their
   * earlier evidence is kept); failed: nothing collected; cancelled: not finished.
   */
  state: z.enum(['ok', 'partial', 'failed', 'cancelled']),
  detail: z.string().optional(),
  sources: z.record(z.enum(sourceIds), sourceOutcomeSchema),
  calls: z.number().int(),
})
export type AccountOutcome = z.infer<typeof accountOutcomeSchema>

export const collectSummarySchema = z.object({
  jobId: z.string(),
  startedAt: isoTime,
  finishedAt: isoTime,
  isCancelled: z.boolean(),
  accounts: z.array(accountOutcomeSchema),
  totals: z.object({
    accounts: z.number().int(),
    ok: z.number().int(),
    partial: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
  }),
  /** API attempts by `service:Operation`, retries included. */
  calls: z.record(z.string(), z.number().int()),
})
export type CollectSummary = z.infer<typeof collectSummarySchema>

export const collectStartSchema = z
  .object({
    /** The accounts to collect, as discovered (aws.discoverTargets) or made from a profile (aws.profileTarget). */
    targets: z.array(targetSchema).min(1).optional(),
    /** Or: collect with one profile's credentials (its account comes from STS). */
    profile: z.string().min(1).optional(),
    /** Or: collect every account the SSO session reaches (narrowed by `accountIds`). */
    ssoSession: z.string().min(1).optional(),
    accountIds: z.array(z.string().regex(/^\d{12}$/, 'must be a 12-digit account id')).optional(),
    /** Access Analyzer Regions; default: the Regions enabled by default in every account. */
    regions: z.array(regionSchema).min(1).optional(),
    /** Reuse a credential report younger than this many hours (default 4). */
    credentialReportMaxAgeHours: z
      .number()
      .min(0)
      .max(24 * 7)
      .optional(),
    /**
     * The management account (one of the targets): read every account's Trusted Advisor through its
     * organization APIs (Trusted Advisor Priority), falling back to each account when they are denied.
     */
    trustedAdvisorOrganizationAccountId: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit account id')
      .optional(),
  })
  .refine((r) => [r.targets, r.profile, r.ssoSession].filter((v) => v !== undefined).length === 1, {
    message: 'choose targets, a profile or an SSO session',
  })
export type CollectStart = z.infer<typeof collectStartSchema>

export const collectDomain = {
  /** Starts a collection job; progress, bundles and the summary arrive as events. */
  start: invoke(collectStartSchema, z.object({ jobId: z.string(), accountCount: z.number().int() })),
  /** Cancels a running job: finished accounts are kept, the rest reported cancelled. */
  cancel: invoke(z.object({ jobId: z.string() }), z.object({ isCancelled: z.boolean() })),
  /** Starts a new job that re-collects only what failed or was cancelled in a finished job. */
  retryFailed: invoke(
    z.object({ jobId: z.string() }),
    z.object({ jobId: z.string(), accountCount: z.number().int() }),
  ),
  /**
   * Reads an offline evidence folder (one sub-folder per account, AWS CLI outputs); all or nothing. The
   * folder is a handle from app:pick-folder with purpose evidence-import, never a path.
   */
  importFolder: invoke(
    z.strictObject({ handle: folderHandleSchema }),
    z.object({ bundles: z.array(evidenceBundleSchema) }),
  ),
  /** Writes bundles in the offline folder layout, into a handle from app:pick-folder (evidence-export). */
  exportFolder: invoke(
    z.strictObject({ handle: folderHandleSchema, bundles: z.array(evidenceBundleSchema).min(1) }),
    z.object({ accountCount: z.number().int(), fileCount: z.number().int() }),
  ),
  /** One account × source changed state. */
  progress: event(collectProgressSchema),
  /** One account finished: store this bundle now, so a crash or a cancel keeps it. */
  bundle: event(
    z.object({ jobId: z.string(), targetKey: z.string(), label: z.string(), bundle: evidenceBundleSchema }),
  ),
  /** The job finished (or was cancelled). */
  summary: event(collectSummarySchema),
} as const
