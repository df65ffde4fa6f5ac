import type { Attestation, Waiver } from '../../shared/domain/types'
import type { MaturityModel } from '../../shared/model/schema'
import { compileModel } from '../../shared/scoring/engine'
import {
  type AccountSummary,
  groupByAccount,
  type SummaryInput,
  summarizeAccount,
  summaryInputKey,
} from '../workers/summary'
import type { RatchetDb } from './db'
import { evidenceIdsByAccount, newestGoodEvidence } from './evidence-store'
import { summaryOfRow, summaryRow } from './summary-row'

/** How many accounts' bundles a refresh reads and scores at a time. */
const SUMMARY_BATCH = 250

/** What one refresh changed. */
export interface SummaryChanges {
  /** Summaries computed in this run (new, or whose inputs changed, or that went out of date). */
  changed: AccountSummary[]
  /** Accounts whose summary was dropped (the account is gone). */
  removed: string[]
  /** How many summaries were still fresh and kept. */
  kept: number
}

/** A refresh request: the model the desk scores with, and the time to score at. */
export interface SummaryRefreshRequest {
  model: MaturityModel
  now: string
}

/** Runs a refresh somewhere: in a Web Worker in the app, on the same thread in tests. */
export type SummaryRefresher = (request: SummaryRefreshRequest) => Promise<SummaryChanges>

/**
 * Recomputes the summaries whose inputs changed (evidence, answers, targets, model) or that went
 * out of date by themselves, and drops those of removed accounts. Only the bundles of accounts that need a new
 * summary are read, so a refresh after one answer reads one bundle. This is the work the Web Worker does.
 */
export async function refreshSummaries(
  db: RatchetDb,
  request: SummaryRefreshRequest,
): Promise<SummaryChanges> {
  const now = new Date(request.now)
  const compiled = compileModel(request.model)
  const [accounts, evidenceIds, attestations, waivers, existing] = await Promise.all([
    db.accounts.toArray(),
    evidenceIdsByAccount(db),
    db.attestations.toArray(),
    db.waivers.toArray(),
    db.summaries.toArray(),
  ])
  // Every answer: the engine itself picks the current one per control (one scoring path).
  const answers = groupByAccount(attestations as Attestation[])
  const waived = groupByAccount(waivers as Waiver[])
  const stored = new Map(existing.map((s) => [s.accountId, s]))
  const due: Array<{ input: Omit<SummaryInput, 'bundle'>; key: string }> = []
  let kept = 0
  for (const account of accounts) {
    const input = {
      account,
      attestations: answers.get(account.id) ?? [],
      waivers: waived.get(account.id) ?? [],
    }
    // The newest bundle's id stands for the account's evidence: any new bundle changes it.
    const key = summaryInputKey(compiled.version, input, evidenceIds.get(account.id)?.at(-1))
    const old = stored.get(account.id)
    const isExpired = old?.validUntil !== undefined && Date.parse(old.validUntil) <= now.getTime()
    if (old && old.inputKey === key && !isExpired) kept++
    else due.push({ input, key })
  }
  const changed: AccountSummary[] = []
  // In batches: memory holds one batch of bundles at a time, whatever the number of accounts.
  for (let i = 0; i < due.length; i += SUMMARY_BATCH) {
    const batch = due.slice(i, i + SUMMARY_BATCH)
    const ids = batch.flatMap(({ input }) => {
      const list = evidenceIds.get(input.account.id)
      return list ? [[input.account.id, list] as const] : []
    })
    const evidence = await newestGoodEvidence(db, new Map(ids))
    const summaries = batch.map(({ input, key }) =>
      summarizeAccount(compiled, { ...input, bundle: evidence.get(input.account.id)?.bundle }, key, now),
    )
    await db.transaction('rw', db.summaries, () => db.summaries.bulkPut(summaries.map(summaryRow)))
    changed.push(...summaries)
  }
  const known = new Set(accounts.map((a) => a.id))
  const removed = existing.map((s) => s.accountId).filter((id) => !known.has(id))
  if (removed.length > 0) await db.transaction('rw', db.summaries, () => db.summaries.bulkDelete(removed))
  return { changed, removed, kept }
}

/** The stored per-account summaries, and the refresh that keeps them fresh. */
export function createSummariesRepo(db: RatchetDb, refresher?: SummaryRefresher) {
  return {
    /** Every stored summary (fresh or not: the refresh that follows says what changed). */
    async list(): Promise<AccountSummary[]> {
      return (await db.summaries.toArray()).map(summaryOfRow)
    },
    /** Brings every summary up to date; in the app this runs in a Web Worker. */
    refresh(request: SummaryRefreshRequest): Promise<SummaryChanges> {
      return refresher ? refresher(request) : refreshSummaries(db, request)
    },
  }
}
export type SummariesRepo = ReturnType<typeof createSummariesRepo>
