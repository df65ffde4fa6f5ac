import { Dexie, type EntityTable, type Transaction } from 'dexie'
import type { Baseline } from '../../shared/baseline/types'
import type { Account, Attestation, Waiver } from '../../shared/domain/types'
import { migrateTargetsToBaselines } from './baselines-migration'
import type { EvidenceRow } from './evidence-codec'
import { attemptFromBundle } from './evidence-repo'
import { storeEvidenceOnce } from './evidence-store'
import type { StoredModel } from './models-repo'
import { latestSchemaVersion, schemaVersions } from './schema'
import { compactSnapshot, isWholeSnapshotRow, type SnapshotPartRow, type SnapshotRow } from './snapshot-codec'
import type { StoredSummary } from './summary-row'

export type { EvidenceRow } from './evidence-codec'

/** A key/value setting row. */
export interface SettingRow {
  key: string
  value: unknown
}

/** One account's collection attempt: what was tried and how each source ended, never the evidence itself. */
export interface CollectAttemptRow {
  /** `${accountId}:${at}`. */
  id: string
  accountId: string
  /** When the attempt finished. */
  at: string
  /** ok: every source ok or definitively unavailable; partial: some were not; failed; cancelled. */
  state: 'ok' | 'partial' | 'failed' | 'cancelled'
  detail?: string
  /** Per source: its state (ok, unavailable, denied, error, kept, cancelled, skipped) and reason. */
  sources: Record<string, { state: string; detail?: string }>
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
  'baselines',
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

/** v2 → v3: one attempt per stored bundle, so the first re-collection after the upgrade has a history. */
export async function backfillCollectAttempts(tx: Transaction): Promise<void> {
  const attempts = tx.table('collectAttempts')
  await tx
    .table('evidence')
    .toCollection()
    .each(async (row: { bundle: unknown }) => {
      const attempt = attemptFromBundle(row.bundle)
      if (attempt) await attempts.put(attempt)
    })
}

/**
 * v4 → v5 (2026-11-29): each whole snapshot row becomes a compact row and its parts. Parts are stored as JSON
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

/** The upgrade into each version (index n - 1 for version n; version 1 has none). Append only. */
const upgrades: ReadonlyArray<((tx: Transaction) => Promise<void>) | undefined> = [
  undefined,
  backfillAccountOrigin,
  backfillCollectAttempts,
  migrateTargetsToBaselines,
  compactSnapshots,
  storeEvidenceOnce,
]

export class RatchetDb extends Dexie {
  accounts!: EntityTable<Account, 'id'>
  evidence!: EntityTable<EvidenceRow, 'id'>
  attestations!: EntityTable<Attestation, 'id'>
  waivers!: EntityTable<Waiver, 'id'>
  models!: EntityTable<StoredModel, 'hash'>
  snapshots!: EntityTable<SnapshotRow, 'id'>
  settings!: EntityTable<SettingRow, 'key'>
  collectAttempts!: EntityTable<CollectAttemptRow, 'id'>
  baselines!: EntityTable<Baseline & { key: string }, 'key'>
  summaries!: EntityTable<StoredSummary, 'accountId'>
  snapshotParts!: EntityTable<SnapshotPartRow, 'hash'>

  /** `upTo` lets a migration test open an older version, write to it, and reopen at the latest. */
  constructor(
    name = 'ratchet',
    options: { upTo?: number; indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {},
  ) {
    const { upTo = latestSchemaVersion, ...dexieOptions } = options
    super(name, dexieOptions)
    schemaVersions.slice(0, upTo).forEach((stores, i) => {
      const version = this.version(i + 1).stores(stores)
      const upgrade = upgrades[i]
      if (upgrade) version.upgrade(upgrade)
    })
  }
}
