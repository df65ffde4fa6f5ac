import type { Transaction } from 'dexie'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import {
  isComplete,
  type SelectedEvidence,
  selectEvidence,
  selectEvidenceByAccount,
} from '../../shared/evidence/select'
import type { RatchetDb } from './db'
import { type EvidenceRow, encodeEvidence, type PreparedEvidence } from './evidence-codec'
import { decodePart, encodeParts, jsonPart, type SnapshotPartRow, type SnapshotRow } from './snapshot-codec'

/**
 * Evidence stored once by content hash (schema v6). An evidence row keeps only what is read without the
 * payload (the account, the collection time, whether every source gave good evidence) and its bundle's hash;
 * the bundle itself, gzipped, is a part of the content-addressed `snapshotParts` table, under the very hash a
 * snapshot freezing that bundle refers to. A bundle collected once is stored once, however many snapshots
 * keep it.
 */

/** Validated bundles as rows and gzipped parts (one part per distinct bundle). */
export async function prepareEvidence(bundles: readonly EvidenceBundle[]): Promise<PreparedEvidence> {
  const { rows, parts } = encodeEvidence(bundles)
  return { rows, parts: await encodeParts(parts) }
}

/** Writes the parts not stored yet (inside the caller's transaction over parts). */
export async function putNewParts(db: RatchetDb, parts: readonly SnapshotPartRow[]): Promise<void> {
  // Keys only: reading the stored payloads just to learn that they exist would cost their I/O.
  const stored = new Set(
    await db.snapshotParts
      .where('hash')
      .anyOf(parts.map((p) => p.hash))
      .primaryKeys(),
  )
  await db.snapshotParts.bulkPut(parts.filter((p) => !stored.has(p.hash)))
}

/**
 * Stores prepared evidence (inside the caller's transaction over evidence, snapshotParts and snapshots). A row
 * that replaces one with other content (the same account and instant collected again) frees the old part when
 * nothing else uses it.
 */
export async function writeEvidence(db: RatchetDb, prepared: PreparedEvidence): Promise<void> {
  const previous = await db.evidence.bulkGet(prepared.rows.map((r) => r.id))
  const replaced = previous.flatMap((old, i) =>
    old && old.hash !== prepared.rows[i]?.hash ? [old.hash] : [],
  )
  await putNewParts(db, prepared.parts)
  await db.evidence.bulkPut(prepared.rows)
  if (replaced.length > 0) await deleteOrphanParts(db, replaced)
}

/** The bundles of rows, in the rows' order, from parts read beforehand. */
export function decodeBundles(
  rows: readonly EvidenceRow[],
  parts: ReadonlyMap<string, SnapshotPartRow>,
): Promise<EvidenceBundle[]> {
  return Promise.all(
    rows.map((row) => {
      const part = parts.get(row.hash)
      if (!part) throw new Error(`evidence ${row.id}: part ${row.hash} is missing`)
      return decodePart<EvidenceBundle>(part)
    }),
  )
}

/** Every evidence row of one account, oldest first (the compound index, no bundle read). */
export function accountRows(db: RatchetDb, accountId: string): Promise<EvidenceRow[]> {
  return db.evidence
    .where('[accountId+collectedAt]')
    .between([accountId, ''], [accountId, '\uffff'])
    .toArray()
}

/** Reads the bundles of rows (one read of their parts), in the rows' order. */
export async function readBundles(db: RatchetDb, rows: readonly EvidenceRow[]): Promise<EvidenceBundle[]> {
  const parts = await db.snapshotParts.bulkGet([...new Set(rows.map((r) => r.hash))])
  return decodeBundles(rows, new Map(parts.flatMap((p) => (p ? [[p.hash, p] as const] : []))))
}

/**
 * Each account's evidence row ids, oldest first, from the `[accountId+collectedAt]` index keys alone (no row
 * is read). The last id of a list is the account's newest bundle.
 */
export async function evidenceIdsByAccount(db: RatchetDb): Promise<Map<string, string[]>> {
  const keys = (await db.evidence.orderBy('[accountId+collectedAt]').keys()) as unknown as Array<
    [string, string]
  >
  const ids = new Map<string, string[]>()
  for (const [accountId, collectedAt] of keys) {
    const id = `${accountId}:${collectedAt}`
    const list = ids.get(accountId)
    if (list) list.push(id)
    else ids.set(accountId, [id])
  }
  return ids
}

/**
 * The evidence each account is scored on (what the desk and the summaries both read): its newest bundle as it
 * is when complete; otherwise the newest good evidence of each source across the account's bundles
 * (shared/evidence/select), with the attempts that failed since, so a failed re-collection never replaces
 * good evidence. `ids` holds, per account, its row ids oldest first (`evidenceIdsByAccount`). Reads the newest
 * rows, the older rows only of accounts whose newest bundle is not complete, then decodes those bundles in
 * one read of their parts.
 */
export async function newestGoodEvidence(
  db: RatchetDb,
  ids: ReadonlyMap<string, readonly string[]>,
): Promise<Map<string, SelectedEvidence>> {
  const newest = defined(await db.evidence.bulkGet([...ids.values()].flatMap((list) => list.slice(-1))))
  const complete = newest.filter((row) => row.isComplete)
  const incomplete = newest.filter((row) => !row.isComplete)
  const older = incomplete.flatMap((row) => (ids.get(row.accountId) ?? []).slice(0, -1))
  const rows = [...complete, ...incomplete, ...defined(await db.evidence.bulkGet(older))]
  const bundles = await readBundles(db, rows)
  const asIs = new Map(bundles.slice(0, complete.length).map((b) => [b.accountId, b]))
  const merged = selectEvidenceByAccount(bundles.slice(complete.length))
  const result = new Map<string, SelectedEvidence>()
  for (const { accountId } of newest) {
    const bundle = asIs.get(accountId)
    // Selecting from a lone complete bundle gives its times and no failure; the bundle itself is kept as it is.
    const lone = bundle ? selectEvidence([bundle]) : undefined
    const selected = lone && bundle ? { ...lone, bundle } : merged.get(accountId)
    if (selected) result.set(accountId, selected)
  }
  return result
}

/** The rows bulkGet found. */
function defined<T>(rows: ReadonlyArray<T | undefined>): T[] {
  return rows.filter((row): row is T => row !== undefined)
}

/** The hashes snapshot rows use. A row written by hand (a test, an old import) may lack some: it uses none. */
export function snapshotHashes(rows: readonly SnapshotRow[]): Set<string> {
  return new Set(rows.flatMap((r) => [r.modelHash, r.bodyHash, ...(r.evidenceHashes ?? [])]))
}

/**
 * Deletes the parts no snapshot and no evidence row uses (inside the caller's transaction over evidence,
 * snapshots and snapshotParts); `candidates` limits the check to those hashes.
 */
export async function deleteOrphanParts(db: RatchetDb, candidates?: readonly string[]): Promise<void> {
  const used = snapshotHashes(await db.snapshots.toArray())
  for (const hash of (await db.evidence.orderBy('hash').uniqueKeys()) as string[]) used.add(hash)
  const all = candidates ?? ((await db.snapshotParts.toCollection().primaryKeys()) as string[])
  const orphans = all.filter((hash) => !used.has(hash))
  if (orphans.length > 0) await db.snapshotParts.bulkDelete(orphans)
}

/** How many rows the v6 upgrade converts at a time (memory holds one batch of bundles). */
const UPGRADE_BATCH = 250

/** True when an old, unvalidated bundle is complete; a bundle it cannot judge reads as incomplete (safe). */
function isCompleteSafe(bundle: unknown): boolean {
  try {
    return isComplete(bundle as EvidenceBundle)
  } catch {
    return false
  }
}

/**
 * v5 → v6 (2026-11-29): each evidence row's inline bundle moves to a content-addressed part, reusing the part
 * a snapshot already holds for it. New parts are JSON here (compressing would wait on something other than
 * IndexedDB and end the upgrade's transaction); bundles collected afterwards are gzipped.
 */
export async function storeEvidenceOnce(tx: Transaction): Promise<void> {
  const table = tx.table('evidence')
  const parts = tx.table('snapshotParts')
  const keys = await table.toCollection().primaryKeys()
  for (let i = 0; i < keys.length; i += UPGRADE_BATCH) {
    const rows: unknown[] = await table.bulkGet(keys.slice(i, i + UPGRADE_BATCH))
    const next: EvidenceRow[] = []
    const fresh = new Map<string, SnapshotPartRow>()
    for (const row of rows) {
      const old = row as { id: string; accountId: string; collectedAt: string; bundle?: unknown } | undefined
      if (!old || old.bundle === undefined) continue
      const part = jsonPart('evidence', old.bundle)
      fresh.set(part.hash, part)
      const { id, accountId, collectedAt } = old
      next.push({ id, accountId, collectedAt, hash: part.hash, isComplete: isCompleteSafe(old.bundle) })
    }
    const stored = await parts.bulkGet([...fresh.keys()])
    await parts.bulkPut([...fresh.values()].filter((_, at) => stored[at] === undefined))
    await table.bulkPut(next)
  }
}
