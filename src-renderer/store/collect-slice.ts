import { z } from 'zod'
import type { StateCreator } from 'zustand'
import { accountFromEvidence, evidenceAccountName } from '../../shared/accounts-file/from-evidence'
import { defaultRegions, regionSchema } from '../../shared/aws/regions'
import type { Account } from '../../shared/domain/types'
import type { EvidenceBundle, SourceId } from '../../shared/evidence/schema'
import { selectEvidence } from '../../shared/evidence/select'
import type { Target } from '../../shared/ipc/domains/aws'
import type { CollectProgress, CollectSummary } from '../../shared/ipc/domains/collect'
import type { CollectAttemptRow } from '../db/db'
import { attemptsFromSummary } from '../db/evidence-repo'
import type { AppState } from './app-store'

/** The default Access Analyzer scope (one list for main and renderer). */
export const defaultCollectRegions: readonly string[] = defaultRegions

/** The setting the Regions in scope persist under. */
const regionsSetting = 'collect.regions'
const regionsSettingSchema = z.array(regionSchema).min(1)

export interface CellState {
  state: CollectProgress['state']
  detail?: string
  records?: number
}

/** One account's line on the Collect screen. */
export interface CollectRow {
  targetKey: string
  accountId?: string
  label: string
  account: CellState
  sources: Record<SourceId, CellState>
  calls: number
}

/** What to collect: the included targets, or one profile. */
export type CollectChoice = { kind: 'targets'; targets: Target[] } | { kind: 'profile'; profile: string }

export interface CollectSlice {
  /** The job the Collect screen shows. */
  collectJobId: string | undefined
  /** Per job: rows by target key, in arrival order. */
  collectRows: Record<string, CollectRow[]>
  collectSummaries: Record<string, CollectSummary>
  collectRegions: string[]
  /** Saves the Regions in scope, so they survive a reload. */
  setCollectRegions(regions: readonly string[]): Promise<void>
  /** Per account: its newest collection attempt (shown when it failed, beside the evidence kept). */
  collectAttempts: Record<string, CollectAttemptRow>
  /** Loads the saved Regions and the newest attempt of each account. */
  loadCollectState(): Promise<void>
  startCollect(choice: CollectChoice): Promise<void>
  cancelCollect(): Promise<void>
  retryFailedCollect(): Promise<void>
  /** Asks main to pick an offline folder, then imports it: all bundles or none. False when cancelled or refused. */
  importEvidenceFolder(): Promise<boolean>
  /** Asks main to pick a folder, then writes the latest bundle of every account (or of `accountIds`) there. */
  exportEvidenceFolder(accountIds?: string[]): Promise<boolean>
}

const emptySources = (): Record<SourceId, CellState> => ({
  identity: { state: 'queued' },
  credentialReport: { state: 'queued' },
  trustedAdvisor: { state: 'queued' },
  accessAnalyzer: { state: 'queued' },
})

const finalStates = new Set(['done', 'unavailable', 'failed', 'cancelled'])

/** Applies one progress event to a job's rows (pure, for the slice and its tests). */
export function applyProgress(rows: CollectRow[], p: CollectProgress): CollectRow[] {
  const i = rows.findIndex((r) => r.targetKey === p.targetKey)
  const current: CollectRow = rows[i] ?? {
    targetKey: p.targetKey,
    label: p.label,
    account: { state: 'queued' },
    sources: emptySources(),
    calls: 0,
  }
  const cell: CellState = {
    state: p.state,
    ...(p.detail ? { detail: p.detail } : {}),
    ...(p.counts.records === undefined ? {} : { records: p.counts.records }),
  }
  const next: CollectRow = {
    ...current,
    ...(p.accountId ? { accountId: p.accountId } : {}),
    calls: Math.max(current.calls, p.counts.calls),
    ...(p.source === 'account' ? { account: cell } : { sources: { ...current.sources, [p.source]: cell } }),
  }
  return i < 0 ? [...rows, next] : rows.map((r, j) => (j === i ? next : r))
}

/** The job's progress in the status area: finished accounts out of all. */
function jobOf(jobId: string, rows: CollectRow[], summary: CollectSummary | undefined) {
  const done = rows.filter((r) => finalStates.has(r.account.state)).length
  const failed = rows.filter((r) => r.account.state === 'failed').length
  return {
    id: `collect:${jobId}`,
    label: `Collecting ${rows.length} account${rows.length === 1 ? '' : 's'}`,
    progress: rows.length === 0 ? 0 : done / rows.length,
    detail: `${done} of ${rows.length} done${failed ? `, ${failed} failed` : ''}`,
    state: !summary
      ? ('running' as const)
      : summary.isCancelled
        ? ('cancelled' as const)
        : summary.totals.ok === summary.totals.accounts
          ? ('done' as const)
          : ('failed' as const),
  }
}

export const createCollectSlice: StateCreator<AppState, [], [], CollectSlice> = (set, get) => {
  let unsubscribe: (() => void) | undefined

  /**
   * Stores a bundle at once (so a crash or a cancel keeps it) and, in the same transaction, adds its account
   * when new, so the account appears in Accounts at once. The evidence shown is the newest good evidence of
   * each source: a failed source of this bundle never replaces what an earlier collection found.
   */
  const store = async (bundle: EvidenceBundle, name: string, origin: Account['origin']) => {
    const { repos } = get().deps
    await repos.transaction(async () => {
      await repos.evidence.addMany([bundle])
      if (!(await repos.accounts.get(bundle.accountId))) {
        await repos.accounts.putMany([
          { id: bundle.accountId, name: name || evidenceAccountName(bundle), origin },
        ])
      }
    })
    set((s) => {
      const before = s.latestEvidence[bundle.accountId]
      const selected = selectEvidence(before ? [before, bundle] : [bundle])
      return selected ? { latestEvidence: { ...s.latestEvidence, [bundle.accountId]: selected.bundle } } : {}
    })
  }

  /** Records every account's attempt of a finished job beside its evidence. */
  const recordAttempts = async (summary: CollectSummary) => {
    const rows = attemptsFromSummary(summary)
    await get().deps.repos.attempts.addMany(rows)
    set((s) => ({
      collectAttempts: { ...s.collectAttempts, ...Object.fromEntries(rows.map((r) => [r.accountId, r])) },
    }))
  }

  /** Listens to the collect events; one subscription serves every job. */
  const listen = () => {
    if (unsubscribe) return
    const { api } = get().deps
    const offProgress = api.collect.onProgress((p) => {
      set((s) => ({
        collectRows: { ...s.collectRows, [p.jobId]: applyProgress(s.collectRows[p.jobId] ?? [], p) },
      }))
      if (p.source === 'account' && p.state !== 'queued') {
        get().upsertJob(jobOf(p.jobId, get().collectRows[p.jobId] ?? [], get().collectSummaries[p.jobId]))
      }
    })
    const offBundle = api.collect.onBundle(({ targetKey, label, bundle }) => {
      store(bundle, label, targetKey.startsWith('profile:') ? 'profile' : 'sso').catch((error: unknown) =>
        get().reportError(error),
      )
    })
    const offSummary = api.collect.onSummary((summary) => {
      set((s) => ({ collectSummaries: { ...s.collectSummaries, [summary.jobId]: summary } }))
      recordAttempts(summary).catch((error: unknown) => get().reportError(error))
      get().upsertJob(jobOf(summary.jobId, get().collectRows[summary.jobId] ?? [], summary))
      const t = summary.totals
      get().notify({
        level: t.ok === t.accounts ? 'info' : 'warning',
        message: `Collected ${t.accounts} account${t.accounts === 1 ? '' : 's'}: ${t.ok} ok, ${t.partial} partial, ${t.failed} failed, ${t.cancelled} cancelled.`,
      })
      void get().loadDesk()
    })
    unsubscribe = () => {
      offProgress()
      offBundle()
      offSummary()
    }
  }

  return {
    collectJobId: undefined,
    collectRows: {},
    collectSummaries: {},
    collectRegions: [...defaultCollectRegions],
    collectAttempts: {},
    setCollectRegions: async (regions) => {
      set({ collectRegions: [...regions] })
      await get().attempt(() =>
        get().deps.repos.settings.set(regionsSetting, regionsSettingSchema, [...regions]),
      )
    },
    loadCollectState: async () => {
      const { repos } = get().deps
      const [regions, attempts] = await Promise.all([
        repos.settings.get(regionsSetting, regionsSettingSchema, [...defaultCollectRegions]),
        repos.attempts.latestByAccount(),
      ])
      set({ collectRegions: regions, collectAttempts: Object.fromEntries(attempts) })
    },

    startCollect: async (choice) => {
      listen()
      try {
        const regions = get().collectRegions
        const request =
          choice.kind === 'profile'
            ? { profile: choice.profile, regions }
            : { targets: choice.targets, regions }
        const { jobId } = await get().deps.api.collect.start(request)
        set({ collectJobId: jobId })
        // The summary may already have arrived (a tiny job): never turn a finished job back to running.
        get().upsertJob(jobOf(jobId, get().collectRows[jobId] ?? [], get().collectSummaries[jobId]))
      } catch (error) {
        get().reportError(error)
      }
    },

    cancelCollect: async () => {
      const jobId = get().collectJobId
      if (jobId) await get().attempt(() => get().deps.api.collect.cancel({ jobId }))
    },

    retryFailedCollect: async () => {
      const jobId = get().collectJobId
      if (!jobId) return
      listen()
      const next = await get().attempt(() => get().deps.api.collect.retryFailed({ jobId }))
      if (next) set({ collectJobId: next.jobId })
    },

    importEvidenceFolder: async () => {
      try {
        // Main shows the picker and hands back an opaque handle: the renderer never names a path.
        const picked = await get().deps.api.app.pickFolder({ purpose: 'evidence-import' })
        if (!picked.handle) return false
        const { bundles } = await get().deps.api.collect.importFolder({ handle: picked.handle })
        const { repos } = get().deps
        const { accounts } = repos
        const known = new Set((await accounts.list()).map((a) => a.id))
        const fresh = bundles.filter((b) => !known.has(b.accountId)).map(accountFromEvidence)
        // One transaction for everything: a failure leaves the database as it was.
        await repos.transaction(async () => {
          await repos.evidence.addMany(bundles)
          if (fresh.length > 0) await accounts.putMany(fresh)
        })
        get().notify({
          level: 'info',
          message: `Imported the evidence of ${bundles.length} accounts from ${picked.label ?? 'the folder'}.`,
        })
        await get().loadDesk()
        return true
      } catch (error) {
        get().reportError(error)
        return false
      }
    },

    exportEvidenceFolder: async (accountIds) => {
      await get().ensureDeskDetails()
      const latest = get().latestEvidence
      const bundles = Object.values(latest).filter((b) => !accountIds || accountIds.includes(b.accountId))
      if (bundles.length === 0) {
        get().notify({ level: 'warning', message: 'There is no collected evidence to export yet.' })
        return false
      }
      try {
        const picked = await get().deps.api.app.pickFolder({ purpose: 'evidence-export' })
        if (!picked.handle) return false
        const result = await get().deps.api.collect.exportFolder({ handle: picked.handle, bundles })
        get().notify({
          level: 'info',
          message: `Wrote ${result.fileCount} files for ${result.accountCount} accounts to ${picked.label ?? 'the folder'}.`,
        })
        return true
      } catch (error) {
        get().reportError(error)
        return false
      }
    },
  }
}

export const collectSelectors = {
  jobId: (s: AppState) => s.collectJobId,
  rows: (s: AppState) => (s.collectJobId ? (s.collectRows[s.collectJobId] ?? emptyRows) : emptyRows),
  summary: (s: AppState) => (s.collectJobId ? s.collectSummaries[s.collectJobId] : undefined),
  isRunning: (s: AppState) =>
    s.collectJobId !== undefined && s.collectSummaries[s.collectJobId] === undefined,
  regions: (s: AppState) => s.collectRegions,
  /** The account's newest attempt when it did not fully succeed (the evidence shown is then older). */
  failedAttempt: (accountId: string) => (s: AppState) => {
    const attempt = s.collectAttempts[accountId]
    return attempt && attempt.state !== 'ok' ? attempt : undefined
  },
}
const emptyRows: CollectRow[] = []
