import { z } from 'zod'
import { domainIdSchema, environmentSchema, levelSchema } from '../domain/types'
import { accountIdSchema, isoTime } from '../evidence/schema'

/**
 * Baselines: a minimum assessed level per domain plus invariant controls, for a scope of accounts.
 * One baseline id has many versions; each version is immutable and records who set it, when and why.
 *
 * Version history of this shape:
 * - 1 (2026-11-29): first version.
 */
export const BASELINE_SCHEMA_VERSION = 1

/** Scope kinds from the most specific to the least: explicit accounts > tag > owner > environment. */
export const scopeKinds = ['accounts', 'tag', 'owner', 'environment'] as const
export type ScopeKind = (typeof scopeKinds)[number]

export const baselineScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('accounts'), accountIds: z.array(accountIdSchema).min(1) }),
  z.strictObject({ kind: z.literal('tag'), tag: z.string().trim().min(1) }),
  z.strictObject({ kind: z.literal('owner'), owner: z.string().trim().min(1) }),
  /** One or more environments, e.g. staging + development + sandbox for a non-production baseline. */
  z.strictObject({ kind: z.literal('environment'), environments: z.array(environmentSchema).min(1) }),
])
export type BaselineScope = z.infer<typeof baselineScopeSchema>

/** How a version differs from the one before it (set by `reviseBaseline`, never by hand). */
export const baselineChangeKinds = ['created', 'raised', 'lowered', 'unchanged'] as const
export type BaselineChangeKind = (typeof baselineChangeKinds)[number]

export const baselineIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'ids are lowercase letters, digits, dots, dashes and underscores')

/** One version of a baseline. */
export const baselineSchema = z
  .strictObject({
    id: baselineIdSchema,
    name: z.string().trim().min(1),
    version: z.number().int().min(1),
    scope: baselineScopeSchema,
    /** Minimum assessed level per domain; a domain left out has no minimum. */
    minimums: z.partialRecord(domainIdSchema, levelSchema).default({}),
    /** Control ids that must pass on evidence in every account in scope, whatever the level. */
    invariants: z.array(z.string().min(1)).default([]),
    setBy: z.string().trim().min(1),
    setAt: isoTime,
    reason: z.string().trim().min(1),
    change: z.enum(baselineChangeKinds).default('created'),
    /** Required when the change lowers the bar. */
    approver: z.string().trim().min(1).optional(),
  })
  .refine((b) => b.change !== 'lowered' || b.approver !== undefined, {
    message: 'a lowering needs an approver',
    path: ['approver'],
  })
export type Baseline = z.output<typeof baselineSchema>
export type BaselineInput = z.input<typeof baselineSchema>

/** What a person edits: everything but the bookkeeping the revision rules fill in. */
export type BaselineDraft = Pick<Baseline, 'id' | 'name' | 'scope' | 'minimums' | 'invariants'>

/** The state of a breach. Unknown and waived are breaches to resolve, never failures. */
export const breachStates = ['failing', 'unknown', 'waived'] as const
export type BreachState = (typeof breachStates)[number]
