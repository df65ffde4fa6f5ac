import { baselinesFromTargets } from '../baseline/io'
import { type Account, accountSchema } from '../domain/types'

/**
 * Brings the rows of a backup written by an older database version up to the current one, doing to the rows
 * what the Dexie upgrade of that version does to the live database (src-renderer/db/db.ts). Append-only: a
 * new database version adds a step here, and src-renderer/db/backup.test.ts fails until it does.
 */

/** The database version whose rows the backup schema describes (src-renderer/db/schema.ts latestSchemaVersion). */
export const BACKUP_DB_SCHEMA_VERSION = 6

type Tables = Record<string, unknown>

/** Baselines from the accounts' targets (rows that are not valid accounts are left for the schema to refuse). */
function baselinesOfTargets(rows: unknown): unknown[] {
  const accounts = (Array.isArray(rows) ? rows : []).flatMap((row): Account[] => {
    const parsed = accountSchema.safeParse(row)
    return parsed.success ? [parsed.data] : []
  })
  return baselinesFromTargets(accounts, {
    by: 'Ratchet (migration)',
    at: '2026-11-29T00:00:00.000Z',
    reason: 'Migrated from the per-account targets of a backup written before baselines existed',
  })
}

/** One step: rows written at database version `from` become rows of version `from + 1`. */
export interface BackupMigration {
  from: number
  /** The dated note of the schema change, as in schema.ts. */
  note: string
  migrate(tables: Tables): Tables
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Maps the rows of one table; anything that is not an array of objects is left for the schema to refuse. */
const mapRows = (tables: Tables, table: string, map: (row: Record<string, unknown>) => unknown): Tables => {
  const rows = tables[table]
  if (!Array.isArray(rows)) return tables
  return { ...tables, [table]: rows.map((row) => (isRecord(row) ? map(row) : row)) }
}

export const backupMigrations: readonly BackupMigration[] = [
  {
    from: 1,
    note: '2026-11-28: accounts gain `origin`; v1 accounts without one came from outside the demo (backfillAccountOrigin).',
    migrate: (tables) =>
      mapRows(tables, 'accounts', (row) =>
        typeof row.origin === 'string' ? row : { ...row, origin: 'import' },
      ),
  },
  {
    from: 2,
    note: "2026-11-29: a collectAttempts table beside the evidence. Attempts are not backed up (they describe this machine's runs); the backed-up rows are unchanged.",
    migrate: (tables) => tables,
  },
  {
    from: 3,
    note: '2026-11-29: a baselines table; an older backup has none, so its per-account targets become single-account baselines, as migrateTargetsToBaselines does to the live database.',
    migrate: (tables) =>
      'baselines' in tables ? tables : { ...tables, baselines: baselinesOfTargets(tables.accounts) },
  },
  {
    from: 4,
    note: '2026-11-29: summaries and compact snapshots. A backup keeps snapshots whole and leaves the derived summaries out, so its rows are unchanged; restore compacts the snapshots.',
    migrate: (tables) => tables,
  },
  {
    from: 5,
    note: '2026-11-29: evidence stored once by content hash (storeEvidenceOnce). A backup keeps each bundle whole, so its rows are unchanged; restore stores every bundle as a part.',
    migrate: (tables) => tables,
  },
]

/** Applies every step from `fromVersion` up to BACKUP_DB_SCHEMA_VERSION. Non-objects pass unchanged. */
export function migrateTables(tables: unknown, fromVersion: number): unknown {
  if (!isRecord(tables)) return tables
  let current: Tables = tables
  for (const step of backupMigrations) {
    if (step.from >= fromVersion) current = step.migrate(current)
  }
  return current
}
