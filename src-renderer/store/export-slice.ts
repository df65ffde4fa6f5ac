import type { StateCreator } from 'zustand'
import type { ExportResult } from '../../shared/ipc/domains/export'
import { DEFAULT_FILE_NAME_PATTERN } from '../../shared/report/file-name'
import type { ReportFormat, ReportScope } from '../../shared/report/types'
import type { Snapshot } from '../../shared/snapshot/schema'
import type { AppState } from './app-store'
import { currentState } from './snapshots-slice'

/** What the export dialog exports: a snapshot (and last quarter's, for the trend). */
export interface ExportSource {
  snapshot: Snapshot
  previous?: Snapshot
  /** Accounts to preselect: one for an account's own scorecard. */
  accountIds?: string[]
}

/** The choices the dialog collects. */
export interface ExportSettings {
  format: ReportFormat
  scope: ReportScope
  isRedacted: boolean
  fileNamePattern: string
}

export interface ExportSlice {
  /** The open export dialog's source; undefined when it is closed. */
  exportSource: ExportSource | undefined
  isExporting: boolean
  /** The pattern last used, kept for the next export in this session. */
  exportFileNamePattern: string
  lastExport: ExportResult | undefined
  openExport(source: ExportSource): void
  /**
   * Opens the dialog on the current state (not a saved snapshot), optionally for one account, with the
   * latest saved snapshot as "last quarter" for the trend.
   */
  openCurrentExport(accountId?: string): Promise<void>
  closeExport(): void
  /** Asks main to render and save (it shows the save dialog). Resolves undefined when it failed. */
  saveExport(settings: ExportSettings): Promise<ExportResult | undefined>
}

export const createExportSlice: StateCreator<AppState, [], [], ExportSlice> = (set, get) => ({
  exportSource: undefined,
  isExporting: false,
  exportFileNamePattern: DEFAULT_FILE_NAME_PATTERN,
  lastExport: undefined,
  openExport: (source) => set({ exportSource: source }),
  openCurrentExport: async (accountId) => {
    try {
      await Promise.all([get().loadSnapshots(), get().ensureDeskDetails()])
      const snapshot = currentState(get(), get().deps.now(), 'Current state')
      const previous = get().snapshots.at(-1)
      set({
        exportSource: {
          snapshot,
          ...(previous ? { previous } : {}),
          ...(accountId ? { accountIds: [accountId] } : {}),
        },
      })
    } catch (error) {
      get().reportError(error)
    }
  },
  closeExport: () => set({ exportSource: undefined }),
  saveExport: async (settings) => {
    const source = get().exportSource
    if (!source || get().isExporting) return undefined
    set({ isExporting: true, exportFileNamePattern: settings.fileNamePattern })
    try {
      const result = await get().deps.api.export.save({
        snapshot: source.snapshot,
        ...(source.previous ? { previous: source.previous } : {}),
        format: settings.format,
        scope: settings.scope,
        isRedacted: settings.isRedacted,
        fileNamePattern: settings.fileNamePattern,
      })
      set({ lastExport: result })
      if (result.isSaved) {
        get().notify({ level: 'info', message: `Exported ${result.fileName} to ${result.path ?? ''}` })
        set({ exportSource: undefined })
      }
      return result
    } catch (error) {
      // The dialog stays open with the user's choices, so they can fix the pattern or the selection.
      get().reportError(error)
      return undefined
    } finally {
      set({ isExporting: false })
    }
  },
})

export const exportSelectors = {
  source: (s: AppState) => s.exportSource,
  isExporting: (s: AppState) => s.isExporting,
  fileNamePattern: (s: AppState) => s.exportFileNamePattern,
}
