import { z } from 'zod'
import { attestationSchema, domainIdSchema, domainIds, waiverSchema } from '../domain/types'
import { isoTime, sourceIds } from '../evidence/schema'
import type { AccountScorecard, ControlResult, DomainResult, OrgScorecard } from '../scoring/types'
import { controlStatuses } from '../scoring/types'
import { currentUnknownReason, legacyUnknownReasons, unknownReasons } from '../scoring/unknown-reasons'

/**
 * zod schemas for the scorecard types of shared/scoring/types.ts, so a snapshot file read from disk can be
 * validated down to each control. Each schema is checked against its TypeScript type, so the two cannot drift.
 */

const levelValue = z.literal([0, 1, 2, 3, 4, 5])
const controlLevel = z.literal([1, 2, 3, 4, 5])

/** Today's categories; reasons recorded by earlier versions are read as today's category. */
export const unknownReasonSchema = z
  .enum([...unknownReasons, ...legacyUnknownReasons])
  .transform((reason) => currentUnknownReason(reason))

export const resourceRefSchema = z.object({
  id: z.string(),
  type: z.string(),
  region: z.string().optional(),
  detail: z.string().optional(),
})

export const controlResultSchema = z.object({
  controlId: z.string().min(1),
  domainId: domainIdSchema,
  level: controlLevel,
  status: z.enum(controlStatuses),
  reason: z.string(),
  unknownReason: unknownReasonSchema.optional(),
  ruleStatus: z.enum(['pass', 'fail', 'unknown', 'not-applicable']).optional(),
  resources: z.array(resourceRefSchema),
  evidence: z.array(z.object({ source: z.enum(sourceIds), collectedAt: isoTime })),
  attestation: attestationSchema.optional(),
  waiver: waiverSchema.optional(),
  expired: z.object({ kind: z.enum(['attestation', 'waiver']), expiredAt: isoTime }).optional(),
}) satisfies z.ZodType<ControlResult>

export const domainResultSchema = z.object({
  domainId: domainIdSchema,
  level: levelValue,
  evidenceLevel: levelValue.nullable().optional(),
  target: levelValue.optional(),
  progress: z.number().min(0).max(1),
  blockers: z.object({ fails: z.array(z.string()), unknowns: z.array(z.string()) }),
  controls: z.array(controlResultSchema),
}) satisfies z.ZodType<DomainResult>

export const accountScorecardSchema = z.object({
  accountId: z.string(),
  level: levelValue,
  evidenceLevel: levelValue.nullable().optional(),
  grade: z.enum(['A', 'B', 'C', 'D', 'E', 'F', 'unassessed']),
  domains: z.array(domainResultSchema),
  belowTarget: z.array(domainIdSchema),
}) satisfies z.ZodType<AccountScorecard>

const distributionSchema = z.object(
  Object.fromEntries(domainIds.map((d) => [d, z.array(z.number().int().min(0))])) as Record<
    (typeof domainIds)[number],
    z.ZodArray<z.ZodNumber>
  >,
)

export const orgScorecardSchema = z.object({
  modelId: z.string(),
  modelVersion: z.string(),
  scoredAt: isoTime,
  accounts: z.array(accountScorecardSchema),
  distribution: distributionSchema,
}) satisfies z.ZodType<OrgScorecard>
