import { createContext, useContext } from 'react'
import { createStore, type StoreApi, useStore } from 'zustand'
import type { RendererApi } from '../../shared/ipc/api'
import type { RatchetDb } from '../db/db'
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
import { createUiSlice, type UiSlice } from './ui-slice'

/** What store actions may call: the IPC client and the database, passed in so tests can use fakes. */
export interface StoreDeps {
  api: RendererApi
  db: RatchetDb
  now: () => Date
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
  BaselinesSlice & { deps: StoreDeps }

export function createAppStore(deps: StoreDeps): StoreApi<AppState> {
  return createStore<AppState>()((...a) => ({
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
    ...createModelSlice(...a),
    ...createSnapshotsSlice(...a),
    ...createBaselinesSlice(...a),
  }))
}

export const AppStoreContext = createContext<StoreApi<AppState> | null>(null)

/** Reads from the app store with a selector. Wrap derived arrays and objects in useShallow. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(AppStoreContext)
  if (!store) throw new Error('useAppStore must be used inside <AppStoreContext.Provider>')
  return useStore(store, selector)
}
