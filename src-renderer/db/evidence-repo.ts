import { z } from 'zod'
import { type EvidenceBundle, evidenceBundleSchema } from '../../shared/evidence/schema'
import type { EvidenceRow, RatchetDb } from './db'
import { parseInput } from './validate'

/** Normalises a timestamp so the compound index sorts it correctly whatever zone it was written in. */
function sortableTime(iso: string): string {
  return new Date(iso).toISOString()
}

/** The row an evidence bundle is stored as. Exported for the backup restore, which writes rows directly. */
export function evidenceRow(bundle: EvidenceBundle): EvidenceRow {
  const collectedAt = sortableTime(bundle.collectedAt)
  return { id: `${bundle.accountId}:${collectedAt}`, accountId: bundle.accountId, collectedAt, bundle }
}

/** Typed access to evidence bundles. Bundles are immutable: they are added, never edited. */
export function createEvidenceRepo(db: RatchetDb) {
  return {
    /** Stores bundles as collected (all or nothing). */
    async addMany(inputs: unknown[]): Promise<EvidenceBundle[]> {
      const bundles = parseInput(z.array(evidenceBundleSchema), inputs, 'evidence bundles')
      await db.transaction('rw', db.evidence, async () => {
        await db.evidence.bulkPut(bundles.map(evidenceRow))
      })
      return bundles
    },

    /**
     * The latest bundle of each account. Walks the [accountId+collectedAt] index keys (cheap) to pick the
     * latest row per account, then loads only those bundles.
     */
    async latestByAccount(): Promise<Map<string, EvidenceBundle>> {
      const keys = (await db.evidence.orderBy('[accountId+collectedAt]').keys()) as unknown as Array<
        [string, string]
      >
      const latest = new Map<string, string>()
      for (const [accountId, collectedAt] of keys) latest.set(accountId, `${accountId}:${collectedAt}`)
      const rows = await db.evidence.bulkGet([...latest.values()])
      const result = new Map<string, EvidenceBundle>()
      for (const row of rows) if (row) result.set(row.accountId, row.bundle as EvidenceBundle)
      return result
    },

    /** Every bundle of one account, oldest first. */
    async history(accountId: string): Promise<EvidenceBundle[]> {
      const rows = await db.evidence
        .where('[accountId+collectedAt]')
        .between([accountId, ''], [accountId, '\uffff'])
        .toArray()
      return rows.map((row) => row.bundle as EvidenceBundle)
    },

    async count(): Promise<number> {
      return db.evidence.count()
    },
  }
}
export type EvidenceRepo = ReturnType<typeof createEvidenceRepo>
