import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupCounts,
  type BackupFile,
  type BackupTables,
} from '../../shared/backup/schema'
import { AppError } from '../../shared/errors'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import { baselineRowKey } from './baselines-migration'
import { type RatchetDb, tableNames } from './db'
import { attemptFromBundle, evidenceRow } from './evidence-repo'

/** Reads the whole database into a backup file object, in one read transaction (a consistent copy). */
export async function exportBackup(
  db: RatchetDb,
  options: { now: Date; appVersion?: string },
): Promise<BackupFile> {
  const tables = await db.transaction('r', tableNames, async () => {
    const evidence = await db.evidence.orderBy('[accountId+collectedAt]').toArray()
    return {
      accounts: await db.accounts.toArray(),
      evidence: evidence.map((row) => row.bundle as EvidenceBundle),
      attestations: await db.attestations.toArray(),
      waivers: await db.waivers.toArray(),
      models: await db.models.toArray(),
      snapshots: await db.snapshots.toArray(),
      settings: await db.settings.toArray(),
      baselines: (await db.baselines.toArray()).map(({ key: _key, ...baseline }) => baseline),
    }
  })
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: options.now.toISOString(),
    dbSchemaVersion: db.verno,
    ...(options.appVersion ? { appVersion: options.appVersion } : {}),
    tables: tables as BackupTables,
  }
}

/** Row counts of the live database, to show what a restore would replace. */
export async function countDatabase(db: RatchetDb): Promise<BackupCounts> {
  return db.transaction('r', tableNames, async () => ({
    accounts: await db.accounts.count(),
    evidence: await db.evidence.count(),
    attestations: await db.attestations.count(),
    waivers: await db.waivers.count(),
    models: await db.models.count(),
    snapshots: await db.snapshots.count(),
    settings: await db.settings.count(),
    baselines: await db.baselines.count(),
  }))
}

/**
 * Replaces everything with the backup's content in one transaction: if any write fails (for example two
 * rows with the same key) IndexedDB rolls the whole transaction back and the existing data stays as it was.
 * Collection attempts are not backed up: the old ones are cleared (they describe the replaced evidence) and
 * one per restored bundle is recorded, as the v3 upgrade does. The file must already have been validated with
 * `parseBackup`.
 */
export async function restoreBackup(db: RatchetDb, file: BackupFile): Promise<void> {
  const { tables } = file
  try {
    await db.transaction('rw', [...tableNames, 'collectAttempts'], async () => {
      await Promise.all([...tableNames, 'collectAttempts'].map((name) => db.table(name).clear()))
      await db.collectAttempts.bulkPut(tables.evidence.flatMap((bundle) => attemptFromBundle(bundle) ?? []))
      await db.accounts.bulkAdd(tables.accounts)
      await db.evidence.bulkAdd(tables.evidence.map(evidenceRow))
      await db.attestations.bulkAdd(tables.attestations)
      await db.waivers.bulkAdd(tables.waivers)
      await db.models.bulkAdd(tables.models)
      await db.snapshots.bulkAdd(tables.snapshots)
      await db.settings.bulkAdd(tables.settings)
      await db.baselines.bulkAdd(tables.baselines.map((b) => ({ ...b, key: baselineRowKey(b) })))
    })
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw new AppError(
      'backup-restore-failed',
      `The backup could not be restored: ${detail}`,
      'Nothing was changed: your existing data is as it was before.',
    )
  }
}
