import { Dexie } from 'dexie'
import { z } from 'zod'
import {
  type EvidenceBundle,
  evidenceBundleSchema,
  type SourceStatus,
  sourceIds,
} from '../../shared/evidence/schema'
import { bundleState, isAccessDenied, type SelectedEvidence } from '../../shared/evidence/select'
import type { AccountOutcome, CollectSummary } from '../../shared/ipc/domains/collect'
import type { CollectAttemptRow, RatchetDb } from './db'
import { sortableTime } from './evidence-codec'
import {
  accountRows,
  evidenceIdsByAccount,
  newestGoodEvidence,
  prepareEvidence,
  readBundles,
  writeEvidence,
} from './evidence-store'
import { parseInput } from './validate'

/** Typed access to evidence bundles. Bundles are immutable: they are added, never edited. */
export function createEvidenceRepo(db: RatchetDb) {
  return {
    /** Stores bundles as collected (all or nothing), each bundle once by content hash. */
    async addMany(inputs: unknown[]): Promise<EvidenceBundle[]> {
      const bundles = parseInput(z.array(evidenceBundleSchema), inputs, 'evidence bundles')
      // Inside a caller's transaction (repos.transaction), waitFor keeps it alive while the bundles gzip.
      const prepared = await Dexie.waitFor(prepareEvidence(bundles))
      await db.transaction('rw', [db.evidence, db.snapshotParts, db.snapshots], () =>
        writeEvidence(db, prepared),
      )
      return bundles
    },

    /**
     * The newest good evidence of each account (evidence-store `newestGoodEvidence`, the read the summaries
     * use too), with the attempts that failed since.
     */
    async selectedByAccount(): Promise<Map<string, SelectedEvidence>> {
      return newestGoodEvidence(db, await evidenceIdsByAccount(db))
    },

    /** The newest good evidence of each account, as one bundle per account (what scoring reads). */
    async latestByAccount(): Promise<Map<string, EvidenceBundle>> {
      const selected = await this.selectedByAccount()
      return new Map([...selected].map(([id, s]) => [id, s.bundle]))
    },

    /** Every bundle of one account, oldest first. */
    async history(accountId: string): Promise<EvidenceBundle[]> {
      return readBundles(db, await accountRows(db, accountId))
    },

    async count(): Promise<number> {
      return db.evidence.count()
    },
  }
}
export type EvidenceRepo = ReturnType<typeof createEvidenceRepo>

/** A source's outcome as stored in an attempt: access denied is its own state, never ok or unavailable. */
function sourceAttempt(status: SourceStatus) {
  if (status.state === 'ok') return { state: 'ok' }
  if (isAccessDenied(status)) return { state: 'denied', detail: status.message }
  if (status.state === 'unavailable')
    return { state: 'unavailable', detail: `${status.reason}: ${status.message}` }
  return { state: 'error', detail: `${status.code}: ${status.message}` }
}

/** The attempt a stored bundle stands for (used to backfill v3, and for imports). */
export function attemptFromBundle(input: unknown): CollectAttemptRow | undefined {
  const parsed = evidenceBundleSchema.safeParse(input)
  if (!parsed.success) return undefined
  const bundle = parsed.data
  const at = sortableTime(bundle.collectedAt)
  const sources = Object.fromEntries(sourceIds.map((s) => [s, sourceAttempt(bundle[s].status)]))
  return {
    id: `${bundle.accountId}:${at}`,
    accountId: bundle.accountId,
    at,
    // The live run's and the offline merge's own rule: a bundle with nothing good in it is a failed attempt.
    state: bundleState(bundle),
    sources,
  }
}

/** The attempt rows of a finished job: one per account whose id is known. */
export function attemptsFromSummary(summary: CollectSummary): CollectAttemptRow[] {
  const at = sortableTime(summary.finishedAt)
  return summary.accounts.flatMap((a: AccountOutcome) =>
    a.accountId
      ? [
          {
            id: `${a.accountId}:${at}`,
            accountId: a.accountId,
            at,
            state: a.state,
            ...(a.detail ? { detail: a.detail } : {}),
            sources: a.sources,
          },
        ]
      : [],
  )
}

/** Collection attempts, recorded beside the evidence (never instead of it). */
export function createAttemptsRepo(db: RatchetDb) {
  return {
    async addMany(rows: CollectAttemptRow[]): Promise<void> {
      await db.collectAttempts.bulkPut(rows)
    },

    /** The newest attempt of each account. */
    async latestByAccount(): Promise<Map<string, CollectAttemptRow>> {
      const rows = await db.collectAttempts.orderBy('[accountId+at]').toArray()
      return new Map(rows.map((row) => [row.accountId, row]))
    },
  }
}

export type AttemptsRepo = ReturnType<typeof createAttemptsRepo>
