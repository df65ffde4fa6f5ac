import { z } from 'zod'
import { accountIdSchema, isoTime } from '../evidence/schema'

/** The eight maturity domains, with stable ids. */
export const domainIds = [
  'iam',
  'logging-detection',
  'network',
  'data-protection',
  'workload',
  'governance',
  'incident-response',
  'resilience',
] as const
export const domainIdSchema = z.enum(domainIds)
export type DomainId = z.infer<typeof domainIdSchema>

/** A maturity level. 0 means not even level 1 is met. */
export const levelSchema = z.number().int().min(0).max(5)
export type Level = 0 | 1 | 2 | 3 | 4 | 5

export const environmentSchema = z.enum([
  'production',
  'staging',
  'development',
  'sandbox',
  'shared',
  'unknown',
])
export const criticalitySchema = z.enum(['low', 'medium', 'high', 'crown-jewel'])

/** An AWS account as the lead sees it: business context plus a target level per domain. */
export const accountSchema = z.object({
  id: accountIdSchema,
  name: z.string().min(1),
  email: z.string().optional(),
  owner: z.string().default(''),
  environment: environmentSchema.default('unknown'),
  criticality: criticalitySchema.default('medium'),
  tags: z.array(z.string()).default([]),
  targets: z.partialRecord(domainIdSchema, levelSchema).default({}),
  /** Where the account came from. Demo accounts are removed together with one click. */
  origin: z.enum(['sso', 'profile', 'import', 'demo']),
})
export type Account = z.infer<typeof accountSchema>

/** What every answer (attestation or waiver) is about: its id, the account and the control. */
const answerKey = { id: z.string(), accountId: accountIdSchema, controlId: z.string() }

/** A manual answer to a control's question. It stops counting when it expires. */
export const attestationSchema = z.object({
  ...answerKey,
  /** true: the control is met. false: recorded as not met (it then fails). */
  isMet: z.boolean(),
  note: z.string().default(''),
  evidenceUrl: z.string().optional(),
  attestedBy: z.string().min(1),
  attestedAt: isoTime,
  expiresAt: isoTime,
})
export type Attestation = z.infer<typeof attestationSchema>

/** An accepted risk: the control counts as exempt until it expires. */
export const waiverSchema = z.object({
  ...answerKey,
  reason: z.string().min(1),
  approver: z.string().min(1),
  createdAt: isoTime,
  expiresAt: isoTime,
})
export type Waiver = z.infer<typeof waiverSchema>
