import { z } from 'zod'
import { AppError } from '../../shared/errors'
import {
  editSnapshot,
  type Snapshot,
  type SnapshotEdit,
  snapshotEditSchema,
  snapshotSchema,
} from '../../shared/snapshot/schema'
import type { RatchetDb } from './db'
import { deleteOrphanParts, putNewParts, snapshotHashes } from './evidence-store'
import {
  compactSnapshot,
  encodeParts,
  expandSnapshot,
  type SnapshotPartRow,
  type SnapshotRow,
} from './snapshot-codec'
import { parseInput } from './validate'

/** Expands rows with the parts they name (read beforehand, in one transaction). */
export async function expandRows(
  rows: SnapshotRow[],
  parts: SnapshotPartRow[],
  options: { withEvidence?: boolean } = {},
): Promise<Snapshot[]> {
  const byHash = new Map(parts.map((p) => [p.hash, p]))
  return Promise.all(rows.map((row) => expandSnapshot(row, byHash, options)))
}

/**
 * Snapshots, stored compactly (shared/snapshot stays the shape everyone reads): a small row per snapshot and
 * content-addressed parts for the model, each bundle and the body (see snapshot-codec.ts). A snapshot is
 * immutable: the only edits are rename and annotate, and deleting it is explicit (confirmed in the UI).
 */
export function createSnapshotsRepo(db: RatchetDb) {
  const read = async (rows: SnapshotRow[], options: { withEvidence?: boolean } = {}) => {
    const hashes = [...snapshotHashes(rows)].filter(
      (h) => options.withEvidence !== false || !h.startsWith('evidence:'),
    )
    const parts = await db.snapshotParts.bulkGet(hashes)
    return expandRows(
      rows,
      parts.filter((p): p is SnapshotPartRow => p !== undefined),
      options,
    )
  }
  return {
    /** Every snapshot, oldest first; `withEvidence: false` skips their bundles (lists and trends need none). */
    async list(options: { withEvidence?: boolean } = {}): Promise<Snapshot[]> {
      return read(await db.snapshots.orderBy('createdAt').toArray(), options)
    },

    /** The stored rows only (label, time, model, counts): what a list shows, without reading any part. */
    async listRows(): Promise<SnapshotRow[]> {
      return db.snapshots.orderBy('createdAt').toArray()
    },

    /** One snapshot; `withEvidence: false` skips its bundles (a same-model compare needs none). */
    async get(id: string, options: { withEvidence?: boolean } = {}): Promise<Snapshot | undefined> {
      const row = await db.snapshots.get(id)
      return row ? (await read([row], options))[0] : undefined
    },

    /** Validates and stores new snapshots, all or nothing. An id that is already taken is refused. */
    async addMany(inputs: unknown[]): Promise<Snapshot[]> {
      const snapshots = parseInput(z.array(snapshotSchema), inputs, 'snapshots')
      const compact = snapshots.map(compactSnapshot)
      const unique = [...new Map(compact.flatMap((c) => c.parts).map((p) => [p.hash, p])).values()]
      // The bundles collected since the last snapshot are stored already (as evidence): only keys are read.
      const stored = new Set(
        await db.snapshotParts
          .where('hash')
          .anyOf(unique.map((p) => p.hash))
          .primaryKeys(),
      )
      // Compress before the transaction: IndexedDB commits a transaction that waits on anything else.
      const parts = await encodeParts(unique.filter((p) => !stored.has(p.hash)))
      await db.transaction('rw', [db.snapshots, db.snapshotParts], async () => {
        const existing = await db.snapshots.bulkGet(snapshots.map((s) => s.id))
        const taken = snapshots.filter((_, i) => existing[i] !== undefined).map((s) => s.id)
        if (taken.length > 0)
          throw new AppError('conflict', `A snapshot with id ${taken.join(', ')} already exists`)
        await putNewParts(db, parts)
        await db.snapshots.bulkAdd(compact.map((c) => c.row))
      })
      return snapshots
    },

    /** Renames and/or annotates one snapshot; nothing else about it can change. Returns the new label and notes. */
    async edit(id: string, edit: SnapshotEdit): Promise<Pick<Snapshot, 'label' | 'notes'>> {
      const checked = parseInput(snapshotEditSchema, edit, 'snapshot change')
      // Only the row changes: no part is read.
      return db.transaction('rw', db.snapshots, async () => {
        const row = await db.snapshots.get(id)
        if (!row) throw new AppError('not-found', `Snapshot ${id} does not exist`)
        const next = editSnapshot(row, checked)
        await db.snapshots.put(next)
        return { label: next.label, notes: next.notes }
      })
    },

    async remove(id: string): Promise<void> {
      await db.transaction('rw', [db.snapshots, db.snapshotParts, db.evidence], async () => {
        const row = await db.snapshots.get(id)
        if (!row) throw new AppError('not-found', `Snapshot ${id} does not exist`)
        await db.snapshots.delete(id)
        // Only this snapshot's parts can have lost their last user.
        await deleteOrphanParts(db, [...snapshotHashes([row])])
      })
    },
  }
}
export type SnapshotsRepo = ReturnType<typeof createSnapshotsRepo>
