import { Dexie, type EntityTable } from 'dexie'
import { latestSchemaVersion, schemaV1 } from './schema'

/** A key/value setting row. */
export interface SettingRow {
  key: string
  value: unknown
}

/** Rows are typed by the repositories that own each table; the database only knows keys and indexes. */
// biome-ignore lint/suspicious/noExplicitAny: each repository narrows its own rows with zod
type Row = Record<string, any>

export class RatchetDb extends Dexie {
  accounts!: EntityTable<Row & { id: string }, 'id'>
  evidence!: EntityTable<Row & { id: string }, 'id'>
  attestations!: EntityTable<Row & { id: string }, 'id'>
  waivers!: EntityTable<Row & { id: string }, 'id'>
  models!: EntityTable<Row & { hash: string }, 'hash'>
  snapshots!: EntityTable<Row & { id: string }, 'id'>
  settings!: EntityTable<SettingRow, 'key'>

  /** `upTo` lets a migration test open an older version, write to it, and reopen at the latest. */
  constructor(
    name = 'ratchet',
    options: { upTo?: number; indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {},
  ) {
    const { upTo = latestSchemaVersion, ...dexieOptions } = options
    super(name, dexieOptions)
    if (upTo >= 1) this.version(1).stores(schemaV1)
  }
}
