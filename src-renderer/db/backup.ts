import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupCounts,
  type BackupFile,
  type BackupTables,
} from '../../shared/backup/schema'
import { AppError } from '../../shared/errors'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import type { Snapshot } from '../../shared/snapshot/schema'
import { baselineRowKey } from './baselines-migration'
import { type RatchetDb, tableNames } from './db'
import { attemptFromBundle } from './evidence-repo'
import { decodeBundles, prepareEvidence } from './evidence-store'
import { compactSnapshot, encodeParts } from './snapshot-codec'
import { expandRows } from './snapshots-repo'

/** Reads the whole database into a backup file object, in one read transaction (a consistent copy). */
export async function exportBackup(
  db: RatchetDb,
  options: { now: Date; appVersion?: string },
): Promise<BackupFile> {
  const tables = await db.transaction('r', [...tableNames, 'snapshotParts'], async () => {
    return {
      accounts: await db.accounts.toArray(),
      evidence: await db.evidence.orderBy('[accountId+collectedAt]').toArray(),
      attestations: await db.attestations.toArray(),
      waivers: await db.waivers.toArray(),
      models: await db.models.toArray(),
      snapshots: await db.snapshots.toArray(),
      snapshotParts: await db.snapshotParts.toArray(),
      settings: await db.settings.toArray(),
      baselines: (await db.baselines.toArray()).map(({ key: _key, ...baseline }) => baseline),
    }
  })
  // Snapshots and bundles are stored by content hash; the file keeps them whole (decoded after the read).
  const { snapshotParts, ...rest } = tables
  const whole = {
    ...rest,
    evidence: await decodeBundles(tables.evidence, new Map(snapshotParts.map((p) => [p.hash, p]))),
    snapshots: await expandRows(tables.snapshots, snapshotParts),
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: options.now.toISOString(),
    dbSchemaVersion: db.verno,
    ...(options.appVersion ? { appVersion: options.appVersion } : {}),
    tables: whole as BackupTables,
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
  const snapshots = tables.snapshots.map((s) => compactSnapshot(s as unknown as Snapshot))
  try {
    // Gzipped before the transaction, which would end while it waited on compression.
    const evidence = await prepareEvidence(tables.evidence as EvidenceBundle[])
    const parts = await encodeParts([
      ...new Map(snapshots.flatMap((s) => s.parts).map((p) => [p.hash, p])).values(),
    ])
    const written = [...tableNames, 'collectAttempts', 'snapshotParts']
    await db.transaction('rw', written, async () => {
      await Promise.all(written.map((name) => db.table(name).clear()))
      await db.collectAttempts.bulkPut(tables.evidence.flatMap((bundle) => attemptFromBundle(bundle) ?? []))
      await db.accounts.bulkAdd(tables.accounts)
      await db.evidence.bulkAdd(evidence.rows)
      await db.snapshotParts.bulkPut([...evidence.parts, ...parts])
      await db.attestations.bulkAdd(tables.attestations)
      await db.waivers.bulkAdd(tables.waivers)
      await db.table('models').bulkAdd(tables.models)
      await db.snapshots.bulkAdd(snapshots.map((s) => s.row))
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
