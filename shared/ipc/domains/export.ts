import { z } from 'zod'
import { accountIdSchema } from '../../evidence/schema'
import { detailLevels, reportFormats } from '../../report/types'
import { snapshotSchema } from '../../snapshot/schema'
import { event, invoke } from '../define'

export const exportFormatSchema = z.enum(reportFormats)

/** The whole organization, a selection, or one account (a selection of one). */
export const reportScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('org') }),
  z.object({
    kind: z.literal('accounts'),
    accountIds: z.array(accountIdSchema).min(1, 'pick at least one account'),
    /** How the selection was made, for the summary's heading: "Owner Priya Raman", "Filter: production". */
    title: z.string().trim().min(1).max(120).optional(),
  }),
])

export const exportRequestSchema = z.object({
  snapshot: snapshotSchema,
  /** Last quarter's snapshot, for the trend and the regressions. */
  previous: snapshotSchema.optional(),
  format: exportFormatSchema,
  scope: reportScopeSchema,
  /** Masks account ids, ARNs and user names in the file. */
  isRedacted: z.boolean(),
  /** e.g. "ratchet-{label}-{date}.{ext}"; tokens {label}, {date}, {today}, {scope}, {ext}. */
  fileNamePattern: z.string().trim().min(1).max(200).optional(),
  /** summary, failing (the default: summary + failing controls) or everything. */
  detail: z.enum(detailLevels).optional(),
  /** Names the job, so its progress events can be told apart and `export:cancel` can stop it. */
  jobId: z.string().min(1).max(100).optional(),
})
export type ExportRequest = z.input<typeof exportRequestSchema>

export const exportResultSchema = z.object({
  /** False when the user cancelled the save dialog: nothing was written. */
  isSaved: z.boolean(),
  /** The name the pattern gave (the dialog's suggestion). */
  fileName: z.string(),
  path: z.string().optional(),
  bytes: z.number().int().min(0).optional(),
  /** True when the export was cancelled after the save dialog: nothing was written. */
  isCancelled: z.boolean().optional(),
})
export type ExportResult = z.infer<typeof exportResultSchema>

/** How far a running export is: accounts built so far, then printing (PDF) and writing. */
export const exportProgressSchema = z.object({
  jobId: z.string(),
  phase: z.enum(['rendering', 'printing', 'writing']),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
})
export type ExportProgress = z.infer<typeof exportProgressSchema>

export const exportDomain = {
  /**
   * Renders a snapshot as PDF, HTML, CSV, Markdown or JSON, asks where to save it (the save dialog,
   * suggesting the name from the pattern) and writes the file all or nothing. With a jobId, progress
   * arrives as `export:progress` events and `export:cancel` stops it (nothing is written).
   */
  save: invoke(exportRequestSchema, exportResultSchema),
  /** Cancels a running export; resolves isCancelled false when no such job is running. */
  cancel: invoke(z.object({ jobId: z.string().min(1) }), z.object({ isCancelled: z.boolean() })),
  /** Progress of a running export, counting accounts. */
  progress: event(exportProgressSchema),
} as const
