import type { EvidenceBundle } from '../../shared/evidence/schema'
import { isComplete } from '../../shared/evidence/select'
import { jsonPart, type SnapshotPartRow } from './snapshot-codec'

/**
 * The stored shape of evidence (schema v6), free of Dexie so the bench can seed IndexedDB with it: a small row
 * per bundle and the bundle as a content-addressed part (see evidence-store.ts).
 */

/**
 * An evidence row: what is read without the bundle, and the content hash of the bundle, which is stored once,
 * gzipped, in `snapshotParts`.
 */
export interface EvidenceRow {
  /** `${accountId}:${collectedAt}`: collecting the same account twice at the same instant is one bundle. */
  id: string
  accountId: string
  collectedAt: string
  /** The key of the bundle's part in `snapshotParts`. */
  hash: string
  /** Every source gave good evidence (shared/evidence/select `isComplete`): no older bundle is needed. */
  isComplete: boolean
}

/** Rows and the parts they refer to, encoded before a transaction opens (gzip waits on more than IndexedDB). */
export interface PreparedEvidence {
  rows: EvidenceRow[]
  parts: SnapshotPartRow[]
}

/** Normalises a timestamp so the compound index sorts it correctly whatever zone it was written in. */
export function sortableTime(iso: string): string {
  return new Date(iso).toISOString()
}

/** The row and the JSON part of one bundle. */
function jsonEvidence(bundle: EvidenceBundle): { row: EvidenceRow; part: SnapshotPartRow } {
  const part = jsonPart('evidence', bundle)
  const collectedAt = sortableTime(bundle.collectedAt)
  return {
    row: {
      id: `${bundle.accountId}:${collectedAt}`,
      accountId: bundle.accountId,
      collectedAt,
      hash: part.hash,
      isComplete: isComplete(bundle),
    },
    part,
  }
}

/** Validated bundles as rows and JSON parts (one part per distinct bundle); the bench seeds with these. */
export function encodeEvidence(bundles: readonly EvidenceBundle[]): PreparedEvidence {
  const encoded = bundles.map(jsonEvidence)
  const parts = new Map(encoded.map((e) => [e.part.hash, e.part]))
  return { rows: encoded.map((e) => e.row), parts: [...parts.values()] }
}
