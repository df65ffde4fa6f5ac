import type { StateCreator } from 'zustand'
import { whenIdle } from '../app/when-idle'
import type { AccountSummary } from '../workers/summary'
import type { AppState } from './app-store'

/** The last refresh of the summaries: when, how long it took, and what it did (the bench reads it). */
export interface SummaryRefreshInfo {
  finishedAt: string
  ms: number
  changed: number
  kept: number
  modelVersion: string
}

/**
 * Per-account scorecard summaries: what the overview draws from. They are stored, read at start, and brought
 * up to date off the main thread (a Web Worker in the app) whenever the accounts, evidence, answers or model
 * change; the store subscribes to those changes in createAppStore.
 */
export interface SummariesSlice {
  summaries: Record<string, AccountSummary>
  isSummarizing: boolean
  lastSummaryRefresh: SummaryRefreshInfo | undefined
  /** Reads the stored summaries (fresh or not). */
  loadSummaries(): Promise<void>
  /** Brings every summary up to date. Calls made while one runs are folded into one more run. */
  refreshSummaries(): Promise<void>
  /** Asks for a refresh once the window is idle, so a refresh never delays the first rows being drawn. */
  scheduleSummaryRefresh(): void
}

export const createSummariesSlice: StateCreator<AppState, [], [], SummariesSlice> = (set, get) => {
  let running: Promise<void> | undefined
  let isQueued = false
  let isScheduled = false
  const runOnce = async () => {
    const started = performance.now()
    const { deskModel, deps } = get()
    set({ isSummarizing: true })
    try {
      const changes = await deps.repos.summaries.refresh({
        model: deskModel.compiled.model,
        now: deps.now().toISOString(),
      })
      set((s) => {
        const next = { ...s.summaries }
        for (const id of changes.removed) delete next[id]
        for (const summary of changes.changed) next[summary.accountId] = summary
        return {
          summaries: changes.changed.length + changes.removed.length > 0 ? next : s.summaries,
          lastSummaryRefresh: {
            finishedAt: deps.now().toISOString(),
            ms: performance.now() - started,
            changed: changes.changed.length,
            kept: changes.kept,
            modelVersion: deskModel.compiled.version,
          },
        }
      })
    } catch (error) {
      get().reportError(error)
    } finally {
      set({ isSummarizing: false })
    }
  }
  const loop = async () => {
    do {
      isQueued = false
      await runOnce()
    } while (isQueued)
    running = undefined
  }
  return {
    summaries: {},
    isSummarizing: false,
    lastSummaryRefresh: undefined,
    loadSummaries: async () => {
      const rows = await get().deps.repos.summaries.list()
      set({ summaries: Object.fromEntries(rows.map((r) => [r.accountId, r])) })
    },
    scheduleSummaryRefresh: () => {
      if (isScheduled) return
      isScheduled = true
      const run = () => {
        isScheduled = false
        void get().refreshSummaries()
      }
      whenIdle(run, 2000)
    },
    refreshSummaries: () => {
      if (running) {
        isQueued = true
        return running
      }
      running = loop()
      return running
    },
  }
}

export const summarySelectors = {
  summaries: (s: AppState) => s.summaries,
  byId: (id: string) => (s: AppState) => s.summaries[id],
  isSummarizing: (s: AppState) => s.isSummarizing,
}
