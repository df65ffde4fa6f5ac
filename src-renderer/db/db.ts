import { Dexie, type EntityTable, type Transaction } from 'dexie'
import { migrateTargetsToBaselines } from './baselines-migration'
import { attemptFromBundle } from './evidence-repo'
import { latestSchemaVersion, schemaV1, schemaV2, schemaV3CollectAttempts, schemaV4Baselines } from './schema'

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

/** Rows are typed by the repositories that own each table; the database only knows keys and indexes. */
// biome-ignore lint/suspicious/noExplicitAny: each repository narrows its own rows with zod
type Row = Record<string, any>

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
export type TableName = (typeof tableNames)[number]

/** v1 → v2: v1 accounts may lack `origin`; they came from outside the demo, so call them imported. */
export async function backfillAccountOrigin(tx: Transaction): Promise<void> {
  await tx
    .table('accounts')
    .toCollection()
    .modify((row: Row) => {
      if (typeof row.origin !== 'string') row.origin = 'import'
    })
}

/** v2 → v3: one attempt per stored bundle, so the first re-collection after the upgrade has a history. */
export async function backfillCollectAttempts(tx: Transaction): Promise<void> {
  const attempts = tx.table('collectAttempts')
  await tx
    .table('evidence')
    .toCollection()
    .each(async (row: EvidenceRow) => {
      const attempt = attemptFromBundle(row.bundle)
      if (attempt) await attempts.put(attempt)
    })
}

export class RatchetDb extends Dexie {
  accounts!: EntityTable<Row & { id: string }, 'id'>
  evidence!: EntityTable<EvidenceRow, 'id'>
  attestations!: EntityTable<Row & { id: string }, 'id'>
  waivers!: EntityTable<Row & { id: string }, 'id'>
  models!: EntityTable<Row & { hash: string }, 'hash'>
  snapshots!: EntityTable<Row & { id: string }, 'id'>
  settings!: EntityTable<SettingRow, 'key'>
  collectAttempts!: EntityTable<CollectAttemptRow, 'id'>
  baselines!: EntityTable<Row & { key: string }, 'key'>

  /** `upTo` lets a migration test open an older version, write to it, and reopen at the latest. */
  constructor(
    name = 'ratchet',
    options: { upTo?: number; indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {},
  ) {
    const { upTo = latestSchemaVersion, ...dexieOptions } = options
    super(name, dexieOptions)
    if (upTo >= 1) this.version(1).stores(schemaV1)
    if (upTo >= 2) this.version(2).stores(schemaV2).upgrade(backfillAccountOrigin)
    if (upTo >= 3) this.version(3).stores(schemaV3CollectAttempts).upgrade(backfillCollectAttempts)
    if (upTo >= 4) this.version(4).stores(schemaV4Baselines).upgrade(migrateTargetsToBaselines)
  }
}
