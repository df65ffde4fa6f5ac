import { createContext, useContext, useEffect } from 'react'
import { createStore, type StoreApi, useStore } from 'zustand'
import type { RendererApi } from '../../shared/ipc/api'
import type { MaturityModel } from '../../shared/model/schema'
import type { Repos } from '../db/repos'
import { type AccountsSlice, createAccountsSlice } from './accounts-slice'
import { type AnswersSlice, createAnswersSlice } from './answers-slice'
import { type AwsSlice, createAwsSlice } from './aws-slice'
import { type BackupSlice, createBackupSlice } from './backup-slice'
import { type BaselinesSlice, createBaselinesSlice } from './baselines-slice'
import { type CollectSlice, createCollectSlice } from './collect-slice'
import { createDemoSlice, type DemoSlice } from './demo-slice'
import { createExportSlice, type ExportSlice } from './export-slice'
import { createModelSlice, type ModelSlice } from './model-slice'
import { createSnapshotsSlice, type SnapshotsSlice } from './snapshots-slice'
import { createStatusSlice, type StatusSlice } from './status-slice'
import { createSummariesSlice, type SummariesSlice } from './summaries-slice'
import { createUiSlice, type UiSlice } from './ui-slice'

/** What store actions may call: the IPC client, the repositories and the clock, passed in so tests can use fakes. */
export interface StoreDeps {
  api: RendererApi
  repos: Repos
  now: () => Date
}

/** Options for one store instance. */
export interface StoreOptions {
  /** The model the desk scores with until the stored choice is read (tests pass a small model). */
  model?: MaturityModel
}

export type AppState = UiSlice &
  StatusSlice &
  AwsSlice &
  AccountsSlice &
  AnswersSlice &
  DemoSlice &
  BackupSlice &
  CollectSlice &
  ExportSlice &
  ModelSlice &
  SnapshotsSlice &
  BaselinesSlice &
  SummariesSlice & {
    deps: StoreDeps
  }

/** One store per window (or per test): all state, caches included, lives in the instance. */
export function createAppStore(deps: StoreDeps, options: StoreOptions = {}): StoreApi<AppState> {
  const store = createStore<AppState>()((...a) => ({
    deps,
    ...createUiSlice(...a),
    ...createStatusSlice(...a),
    ...createAwsSlice(...a),
    ...createAccountsSlice(...a),
    ...createAnswersSlice(...a),
    ...createDemoSlice(...a),
    ...createBackupSlice(...a),
    ...createCollectSlice(...a),
    ...createExportSlice(...a),
    ...createModelSlice(options.model)(...a),
    ...createSnapshotsSlice(...a),
    ...createBaselinesSlice(...a),
    ...createSummariesSlice(...a),
  }))
  // Summaries follow what they are computed from: any change to these starts an off-thread refresh.
  store.subscribe((s, prev) => {
    if (!s.isDeskLoaded) return
    // Reading the bundles and answers into memory changes nothing the summaries were computed from.
    if (s.isDeskDetailsLoaded !== prev.isDeskDetailsLoaded) return
    if (
      s.accounts !== prev.accounts ||
      s.latestEvidence !== prev.latestEvidence ||
      s.attestations !== prev.attestations ||
      s.waivers !== prev.waivers ||
      s.deskModel !== prev.deskModel
    ) {
      s.scheduleSummaryRefresh()
    }
  })
  return store
}

export const AppStoreContext = createContext<StoreApi<AppState> | null>(null)

/**
 * Runs a store action (a loader) when the component mounts: `useLoadOnMount((s) => s.loadSnapshots)`. The
 * store's actions are stable, so it runs once per mount.
 */
export function useLoadOnMount(select: (state: AppState) => () => Promise<unknown>): void {
  const load = useAppStore(select)
  useEffect(() => {
    void load()
  }, [load])
}

/** Reads from the app store with a selector. Wrap derived arrays and objects in useShallow. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(AppStoreContext)
  if (!store) throw new Error('useAppStore must be used inside <AppStoreContext.Provider>')
  return useStore(store, selector)
}
