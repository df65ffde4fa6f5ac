import { z } from 'zod'
import { accountSchema, attestationSchema, waiverSchema } from '../domain/types'
import { AppError, describeZodError } from '../errors'
import { evidenceBundleSchema, isoTime } from '../evidence/schema'

/**
 * The backup file: the whole database as JSON. Restores validate the file with this schema first and
 * then replace everything in one transaction, so a bad file never half-replaces the data.
 *
 * Version history:
 * - 1 (2026-11-28): first version.
 */
export const BACKUP_FORMAT = 'ratchet-backup'
export const BACKUP_VERSION = 1

/** Rows owned by other parts of the app (models, snapshots) are kept as objects with their key. */
const keyedRow = <K extends string>(key: K) =>
  z.looseObject({ [key]: z.string().min(1) } as Record<K, z.ZodString>)

export const backupTablesSchema = z.object({
  accounts: z.array(accountSchema),
  evidence: z.array(evidenceBundleSchema),
  attestations: z.array(attestationSchema),
  waivers: z.array(waiverSchema),
  models: z.array(keyedRow('hash')),
  snapshots: z.array(keyedRow('id')),
  settings: z.array(z.object({ key: z.string().min(1), value: z.unknown() })),
})
export type BackupTables = z.infer<typeof backupTablesSchema>

export const backupFileSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: isoTime,
  /** The Dexie schema version the data was read from (informational). */
  dbSchemaVersion: z.number().int().positive(),
  appVersion: z.string().optional(),
  tables: backupTablesSchema,
})
export type BackupFile = z.infer<typeof backupFileSchema>

/** Row counts per table, shown before a restore replaces anything. */
export type BackupCounts = Record<keyof BackupTables, number>

/** How many rows each table of a backup holds. */
export function countBackup(tables: BackupTables): BackupCounts {
  return {
    accounts: tables.accounts.length,
    evidence: tables.evidence.length,
    attestations: tables.attestations.length,
    waivers: tables.waivers.length,
    models: tables.models.length,
    snapshots: tables.snapshots.length,
    settings: tables.settings.length,
  }
}

/**
 * Parses backup file text. Throws an AppError with a message that says what is wrong: not JSON, not a
 * Ratchet backup, a version this app cannot read, or which field is invalid.
 */
export function parseBackup(text: string): BackupFile {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new AppError(
      'backup-corrupt',
      'This file is not a Ratchet backup: it is not valid JSON.',
      'Choose a file written by "Export backup". Nothing was changed.',
    )
  }
  const head = z.object({ format: z.literal(BACKUP_FORMAT), version: z.number() }).safeParse(data)
  if (!head.success) {
    throw new AppError(
      'backup-corrupt',
      'This file is not a Ratchet backup: it has no "ratchet-backup" format marker.',
      'Choose a file written by "Export backup". Nothing was changed.',
    )
  }
  if (head.data.version !== BACKUP_VERSION) {
    const newer = head.data.version > BACKUP_VERSION
    throw new AppError(
      'backup-wrong-version',
      `This backup is format version ${head.data.version}; this version of Ratchet reads version ${BACKUP_VERSION}.`,
      newer
        ? 'It was written by a newer Ratchet: update the app, then restore. Nothing was changed.'
        : 'Nothing was changed.',
    )
  }
  const result = backupFileSchema.safeParse(data)
  if (!result.success) {
    throw new AppError(
      'backup-invalid',
      `This backup is damaged and was not restored: ${describeZodError(result.error, 3)}`,
      'Nothing was changed.',
    )
  }
  return result.data
}
