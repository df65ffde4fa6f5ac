import { z } from 'zod'
import { baselineSchema } from '../baseline/types'
import { accountSchema, attestationSchema, waiverSchema } from '../domain/types'
import { evidenceBundleSchema, isoTime } from '../evidence/schema'
import { issueLines, maturityModelSchema } from '../model/schema'
import { orgScorecardSchema } from './scorecard-schema'

/**
 * A snapshot freezes what was true at one moment: the scorecard together with everything it was computed
 * from (the model, the accounts and their targets, the evidence bundles that were scored, the attestations
 * and waivers). Only `label` and `notes` may change after it is taken (rename, annotate); everything else is
 * immutable, so the scorecard can always be re-derived and compared under another model.
 *
 * Version history:
 * - 1 (2026-11-28): first version.
 */
export const SNAPSHOT_SCHEMA_VERSION = 1

export const snapshotLabelSchema = z
  .string()
  .trim()
  .min(1, 'a label is required')
  .max(120, 'at most 120 characters')
export const snapshotNotesSchema = z.string().max(10_000, 'at most 10,000 characters')

export const snapshotSchema = z
  .object({
    schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
    id: z.string().min(1),
    /** Defaults to the calendar quarter of createdAt, e.g. "2026-Q4". */
    label: snapshotLabelSchema,
    notes: snapshotNotesSchema.default(''),
    createdAt: isoTime,
    /** The model's content hash (shared/model/schema.ts `modelVersion`). */
    modelVersion: z.string().min(1),
    model: maturityModelSchema,
    accounts: z.array(accountSchema),
    /** The bundles that were scored: at most one per account (the latest at createdAt). */
    evidence: z.array(evidenceBundleSchema),
    attestations: z.array(attestationSchema),
    waivers: z.array(waiverSchema),
    /** The scoring options the scorecard was computed with, so re-scoring reproduces it. */
    scoring: z
      .object({
        params: z.record(z.string(), z.number()).optional(),
        maxEvidenceAgeDays: z.number().positive().optional(),
      })
      .default({}),
    scorecard: orgScorecardSchema,
    /** The baseline versions in force when the snapshot was taken (optional: older snapshots have none). */
    baselines: z.array(baselineSchema).optional(),
  })
  .refine((s) => s.scorecard.modelVersion === s.modelVersion, {
    message: 'the scorecard was computed under another model version than the snapshot records',
    path: ['scorecard', 'modelVersion'],
  })
export type Snapshot = z.output<typeof snapshotSchema>
export type SnapshotInput = z.input<typeof snapshotSchema>

/** The editable part of a snapshot. */
export const snapshotEditSchema = z.object({
  label: snapshotLabelSchema.optional(),
  notes: snapshotNotesSchema.optional(),
})
export type SnapshotEdit = z.infer<typeof snapshotEditSchema>

/** Thrown by parseSnapshotFile; `issues` name each problem by its path in the file. */
export class SnapshotParseError extends Error {
  constructor(
    message: string,
    readonly issues: string[],
  ) {
    super(message)
    this.name = 'SnapshotParseError'
  }
}

/**
 * Validates already-parsed snapshot data. Throws SnapshotParseError whose message names the file and each
 * failing path with what was expected, e.g. `scorecard.accounts[0].level: Invalid input: expected 0|1|…`.
 */
export function validateSnapshot(data: unknown, fileName: string): Snapshot {
  if (data !== null && typeof data === 'object' && 'schemaVersion' in data) {
    const version = (data as { schemaVersion: unknown }).schemaVersion
    if (typeof version === 'number' && version > SNAPSHOT_SCHEMA_VERSION) {
      const message = `${fileName} is a snapshot of schema version ${version}; this version of Ratchet reads version ${SNAPSHOT_SCHEMA_VERSION}. Update Ratchet to read it.`
      throw new SnapshotParseError(message, [
        `schemaVersion: expected ${SNAPSHOT_SCHEMA_VERSION}, got ${version}`,
      ])
    }
  }
  const result = snapshotSchema.safeParse(data)
  if (result.success) return result.data
  const { issues, text } = issueLines(result.error)
  throw new SnapshotParseError(`${fileName} is not a valid Ratchet snapshot:\n  ${text}`, issues)
}

/** Parses and validates a snapshot file (JSON). Errors name the file, the path and what was expected. */
export function parseSnapshotFile(text: string, fileName: string): Snapshot {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw new SnapshotParseError(`${fileName} is not valid JSON: ${detail}`, [detail])
  }
  return validateSnapshot(data, fileName)
}

/** The calendar quarter of a date in UTC, e.g. "2026-Q4": the default snapshot label. */
export function quarterLabel(at: Date): string {
  return `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`
}

/** Applies a rename/annotation; every other field is left exactly as it was. Throws on an invalid edit. */
export function editSnapshot<S extends Pick<Snapshot, 'label' | 'notes'>>(
  snapshot: S,
  edit: SnapshotEdit,
): S {
  const parsed = snapshotEditSchema.parse(edit)
  return {
    ...snapshot,
    ...(parsed.label !== undefined ? { label: parsed.label } : {}),
    ...(parsed.notes !== undefined ? { notes: parsed.notes } : {}),
  }
}
