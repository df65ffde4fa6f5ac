import { z } from 'zod'
import { accountIdSchema } from '../../evidence/schema'
import { reportFormats } from '../../report/types'
import { snapshotSchema } from '../../snapshot/schema'
import { invoke } from '../define'

export const exportFormatSchema = z.enum(reportFormats)

/** The whole organization, a selection, or one account (a selection of one). */
export const reportScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('org') }),
  z.object({
    kind: z.literal('accounts'),
    accountIds: z.array(accountIdSchema).min(1, 'pick at least one account'),
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
})
export type ExportRequest = z.input<typeof exportRequestSchema>

export const exportResultSchema = z.object({
  /** False when the user cancelled the save dialog: nothing was written. */
  isSaved: z.boolean(),
  /** The name the pattern gave (the dialog's suggestion). */
  fileName: z.string(),
  path: z.string().optional(),
  bytes: z.number().int().min(0).optional(),
})
export type ExportResult = z.infer<typeof exportResultSchema>

export const exportDomain = {
  /**
   * Renders a snapshot as PDF, HTML, CSV, Markdown or JSON, asks where to save it (the save dialog,
   * suggesting the name from the pattern) and writes the file all or nothing.
   */
  save: invoke(exportRequestSchema, exportResultSchema),
} as const
