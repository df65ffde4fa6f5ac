import { Dexie, type EntityTable, type Transaction } from 'dexie'
import type { Account, Attestation, Waiver } from '../../shared/domain/types'
import type { AccountSummary } from '../workers/summary'
import type { StoredModel } from './models-repo'
import { latestSchemaVersion, schemaV1, schemaV2, schemaV3Scale } from './schema'
import { compactSnapshot, isWholeSnapshotRow, type SnapshotPartRow, type SnapshotRow } from './snapshot-codec'

/** A key/value setting row. */
export interface SettingRow {
  key: string
  value: unknown
}

/** An evidence row: the bundle is stored verbatim in an unindexed field. */
export interface EvidenceRow {
  /** `${accountId}:${collectedAt}`: collecting the same account twice at the same instant is one bundle. */
  id: string
  accountId: string
  collectedAt: string
  bundle: unknown
}

/** A row as an upgrade sees it: written by an older version, so nothing about its fields is certain. */
type UnknownRow = Record<string, unknown>

/** The names of every table, in backup order. */
export const tableNames = [
  'accounts',
  'evidence',
  'attestations',
  'waivers',
  'models',
  'snapshots',
  'settings',
] as const
/** Tables derived from the others (recomputed, never backed up). */
export const derivedTableNames = ['summaries'] as const
export type TableName = (typeof tableNames)[number]

/** v1 → v2: v1 accounts may lack `origin`; they came from outside the demo, so call them imported. */
export async function backfillAccountOrigin(tx: Transaction): Promise<void> {
  await tx
    .table('accounts')
    .toCollection()
    .modify((row: UnknownRow) => {
      if (typeof row.origin !== 'string') row.origin = 'import'
    })
}

/**
 * v2 → v3 (2026-11-29): each whole snapshot row becomes a compact row and its parts. Parts are stored as JSON
 * here (compressing would wait on something other than IndexedDB and end the upgrade's transaction).
 */
export async function compactSnapshots(tx: Transaction): Promise<void> {
  const rows: unknown[] = await tx.table('snapshots').toArray()
  for (const row of rows) {
    if (!isWholeSnapshotRow(row)) continue
    const compact = compactSnapshot(row)
    await tx.table('snapshotParts').bulkPut(compact.parts)
    await tx.table('snapshots').put(compact.row)
  }
}

export class RatchetDb extends Dexie {
  accounts!: EntityTable<Account, 'id'>
  evidence!: EntityTable<EvidenceRow, 'id'>
  attestations!: EntityTable<Attestation, 'id'>
  waivers!: EntityTable<Waiver, 'id'>
  models!: EntityTable<StoredModel, 'hash'>
  snapshots!: EntityTable<SnapshotRow, 'id'>
  settings!: EntityTable<SettingRow, 'key'>
  summaries!: EntityTable<AccountSummary, 'accountId'>
  snapshotParts!: EntityTable<SnapshotPartRow, 'hash'>

  /** `upTo` lets a migration test open an older version, write to it, and reopen at the latest. */
  constructor(
    name = 'ratchet',
    options: { upTo?: number; indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {},
  ) {
    const { upTo = latestSchemaVersion, ...dexieOptions } = options
    super(name, dexieOptions)
    if (upTo >= 1) this.version(1).stores(schemaV1)
    if (upTo >= 2) this.version(2).stores(schemaV2).upgrade(backfillAccountOrigin)
    if (upTo >= 3) this.version(3).stores(schemaV3Scale).upgrade(compactSnapshots)
  }
}
