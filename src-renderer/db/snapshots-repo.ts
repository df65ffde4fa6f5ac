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
import { parseInput } from './validate'

/**
 * Snapshots, stored whole (the row is the Snapshot; only id, label and createdAt are indexed). A snapshot is
 * immutable: the only edits are rename and annotate, and deleting it is explicit (confirmed in the UI).
 */
export function createSnapshotsRepo(db: RatchetDb) {
  return {
    /** Every snapshot, oldest first. */
    async list(): Promise<Snapshot[]> {
      return (await db.snapshots.orderBy('createdAt').toArray()) as Snapshot[]
    },

    async get(id: string): Promise<Snapshot | undefined> {
      return (await db.snapshots.get(id)) as Snapshot | undefined
    },

    /** Validates and stores new snapshots, all or nothing. An id that is already taken is refused. */
    async addMany(inputs: unknown[]): Promise<Snapshot[]> {
      const snapshots = parseInput(z.array(snapshotSchema), inputs, 'snapshots')
      await db.transaction('rw', db.snapshots, async () => {
        const existing = await db.snapshots.bulkGet(snapshots.map((s) => s.id))
        const taken = snapshots.filter((_, i) => existing[i] !== undefined).map((s) => s.id)
        if (taken.length > 0)
          throw new AppError('conflict', `A snapshot with id ${taken.join(', ')} already exists`)
        await db.snapshots.bulkAdd(snapshots)
      })
      return snapshots
    },

    /** Renames and/or annotates one snapshot; nothing else about it can change. */
    async edit(id: string, edit: SnapshotEdit): Promise<Snapshot> {
      const checked = parseInput(snapshotEditSchema, edit, 'snapshot change')
      return db.transaction('rw', db.snapshots, async () => {
        const current = (await db.snapshots.get(id)) as Snapshot | undefined
        if (!current) throw new AppError('not-found', `Snapshot ${id} does not exist`)
        const next = editSnapshot(current, checked)
        await db.snapshots.put(next)
        return next
      })
    },

    async remove(id: string): Promise<void> {
      await db.transaction('rw', db.snapshots, async () => {
        if (!(await db.snapshots.get(id))) throw new AppError('not-found', `Snapshot ${id} does not exist`)
        await db.snapshots.delete(id)
      })
    },
  }
}
export type SnapshotsRepo = ReturnType<typeof createSnapshotsRepo>
