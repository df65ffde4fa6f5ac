import { z } from 'zod'
import { baselineSchema } from '../baseline/types'
import { accountSchema, attestationSchema, waiverSchema } from '../domain/types'
import { AppError, describeZodError } from '../errors'
import { evidenceBundleSchema, isoTime } from '../evidence/schema'
import { storedModelSchema } from '../model/stored'
import { snapshotSchema } from '../snapshot/schema'
import { BACKUP_DB_SCHEMA_VERSION, migrateTables } from './migrate'

export { BACKUP_DB_SCHEMA_VERSION } from './migrate'

/**
 * The backup file: the whole database as JSON. Restores validate every row with the schema its table's owner
 * uses, bring rows from older database versions up to date, and then replace everything in one transaction,
 * so a bad file never half-replaces the data.
 *
 * Version history:
 * - 1 (2026-11-28): first version.
 */
export const BACKUP_FORMAT = 'ratchet-backup'
export const BACKUP_VERSION = 1

/**
 * The largest backup a restore reads (100 MiB). A real database of a few hundred accounts is far below it;
 * anything larger is refused before it is read, so a huge file cannot exhaust the renderer's memory.
 */
export const MAX_BACKUP_BYTES = 100 * 1024 * 1024

/** Each row's key must be unique within its table: duplicates are refused by name, not by a failed write. */
const uniqueBy =
  <T>(key: (row: T) => string, keyName: string) =>
  (rows: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>()
    rows.forEach((row, index) => {
      const value = key(row)
      if (seen.has(value))
        ctx.addIssue({ code: 'custom', path: [index, keyName], message: `duplicate ${value}` })
      seen.add(value)
    })
  }

export const backupTablesSchema = z.strictObject({
  accounts: z.array(accountSchema).superRefine(uniqueBy((a) => a.id, 'id')),
  evidence: z
    .array(evidenceBundleSchema)
    .superRefine(uniqueBy((b) => `${b.accountId}:${b.collectedAt}`, 'collectedAt')),
  attestations: z.array(attestationSchema).superRefine(uniqueBy((a) => a.id, 'id')),
  waivers: z.array(waiverSchema).superRefine(uniqueBy((w) => w.id, 'id')),
  models: z.array(storedModelSchema).superRefine(uniqueBy((m) => m.hash, 'hash')),
  snapshots: z.array(snapshotSchema).superRefine(uniqueBy((s) => s.id, 'id')),
  settings: z
    .array(z.strictObject({ key: z.string().min(1), value: z.unknown() }))
    .superRefine(uniqueBy((s) => s.key, 'key')),
  /** Every baseline version (added 2026-11-29 with database version 4; older backups have none). */
  baselines: z.array(baselineSchema).default([]),
})
export type BackupTables = z.infer<typeof backupTablesSchema>

export const backupFileSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: isoTime,
  /** The Dexie schema version the data was read from; older ones are migrated on restore. */
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
    baselines: tables.baselines.length,
  }
}

const nothingChanged = 'Nothing was changed.'
const chooseBackup = 'Choose a file written by "Export backup". Nothing was changed.'

/** Refuses a backup larger than MAX_BACKUP_BYTES, naming the file and both sizes. */
export function checkBackupSize(fileName: string, bytes: number): void {
  if (bytes <= MAX_BACKUP_BYTES) return
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`
  throw new AppError(
    'file-too-large',
    `${fileName} is ${mib(bytes)}; a backup may be at most ${mib(MAX_BACKUP_BYTES)}.`,
    chooseBackup,
  )
}

/** The envelope, checked before any row: format marker, format version and database version. */
const headSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number(),
  dbSchemaVersion: z.unknown().optional(),
  tables: z.unknown().optional(),
})

function checkVersions(fileName: string, version: number, dbSchemaVersion: unknown): number {
  if (version !== BACKUP_VERSION) {
    throw new AppError(
      'backup-wrong-version',
      `${fileName} is backup format version ${version}; this version of Ratchet reads version ${BACKUP_VERSION}.`,
      version > BACKUP_VERSION
        ? 'It was written by a newer Ratchet: update the app, then restore. Nothing was changed.'
        : nothingChanged,
    )
  }
  const db = z.number().int().min(1).safeParse(dbSchemaVersion)
  if (!db.success) {
    throw new AppError(
      'backup-invalid',
      `${fileName} is damaged and was not restored: dbSchemaVersion: must be a database version (1 or more).`,
      nothingChanged,
    )
  }
  if (db.data > BACKUP_DB_SCHEMA_VERSION) {
    throw new AppError(
      'backup-wrong-version',
      `${fileName} holds database version ${db.data}; this version of Ratchet reads up to ${BACKUP_DB_SCHEMA_VERSION}.`,
      'It was written by a newer Ratchet: update the app, then restore. Nothing was changed.',
    )
  }
  return db.data
}

/**
 * Parses backup file text. Throws an AppError naming the file and what is wrong: too large, not JSON, not a
 * Ratchet backup, a format or database version this app cannot read, or the field of the first bad rows.
 * Rows written by an older database version are migrated (backupMigrations) before they are checked.
 */
export function parseBackup(text: string, fileName = 'This file'): BackupFile {
  checkBackupSize(fileName, text.length)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new AppError(
      'backup-corrupt',
      `${fileName} is not a Ratchet backup: it is not valid JSON.`,
      chooseBackup,
    )
  }
  const head = headSchema.safeParse(data)
  if (!head.success) {
    throw new AppError(
      'backup-corrupt',
      `${fileName} is not a Ratchet backup: it has no "ratchet-backup" format marker.`,
      chooseBackup,
    )
  }
  const dbSchemaVersion = checkVersions(fileName, head.data.version, head.data.dbSchemaVersion)
  const migrated = {
    ...(data as object),
    dbSchemaVersion: BACKUP_DB_SCHEMA_VERSION,
    tables: migrateTables(head.data.tables, dbSchemaVersion),
  }
  const result = backupFileSchema.safeParse(migrated)
  if (!result.success) {
    throw new AppError(
      'backup-invalid',
      `${fileName} is damaged and was not restored: ${describeZodError(result.error, 3)}`,
      nothingChanged,
    )
  }
  return result.data
}
