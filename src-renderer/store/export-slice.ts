import type { StateCreator } from 'zustand'
import type { ExportProgress, ExportResult } from '../../shared/ipc/domains/export'
import { DEFAULT_FILE_NAME_PATTERN } from '../../shared/report/file-name'
import type { DetailLevel, ReportFormat, ReportScope } from '../../shared/report/types'
import type { Snapshot } from '../../shared/snapshot/schema'
import type { OverviewFilters } from '../areas/accounts/overview-model'
import type { AppState } from './app-store'
import { currentState, type SavedSnapshot } from './snapshots-slice'

/** What the export dialog exports: a snapshot (and last quarter's, for the trend). */
export interface ExportSource {
  snapshot: Snapshot
  previous?: Snapshot
  /** Accounts to preselect: one for an account's own scorecard, the filtered or ticked ones from the overview. */
  accountIds?: string[]
  /** How those accounts were chosen ("Filter: production", "Comparison 2026-Q3 → 2026-Q4"): the report's heading. */
  title?: string
}

/** A state to export: whole, or a saved snapshot named by what the store holds of it (read whole first). */
type ExportedState = Snapshot | Pick<SavedSnapshot, 'id'>

/** What opens the dialog: saved snapshots may come as the store holds them (a row, or without evidence). */
export interface ExportRequestSource extends Omit<ExportSource, 'snapshot' | 'previous'> {
  snapshot: ExportedState
  previous?: ExportedState
}

/** The choices the dialog collects. */
export interface ExportSettings {
  format: ReportFormat
  scope: ReportScope
  isRedacted: boolean
  fileNamePattern: string
  detail?: DetailLevel
}

export interface ExportSlice {
  /** The open export dialog's source; undefined when it is closed. */
  exportSource: ExportSource | undefined
  isExporting: boolean
  /** The running export's progress (accounts built, then printing and writing). */
  exportProgress: ExportProgress | undefined
  /** The running export's job id, for cancelling it. */
  exportJobId: string | undefined
  /** The pattern last used, kept for the next export in this session. */
  exportFileNamePattern: string
  lastExport: ExportResult | undefined
  /**
   * Opens the dialog. Saved snapshots are read whole first (the report shows evidence ages, a JSON export is
   * the snapshot itself, and a trend across models re-scores last quarter's evidence).
   */
  openExport(source: ExportRequestSource): Promise<void>
  /**
   * Opens the dialog on the current state (not a saved snapshot), optionally for one account or a selection
   * (the overview's filter or ticked accounts, with how they were chosen), with the latest saved snapshot as
   * "last quarter" for the trend.
   */
  openCurrentExport(selection?: string | { accountIds: string[]; title?: string }): Promise<void>
  closeExport(): void
  /** Asks main to render and save (it shows the save dialog). Resolves undefined when it failed. */
  saveExport(settings: ExportSettings): Promise<ExportResult | undefined>
  /** Stops the running export; nothing is written. */
  cancelExport(): Promise<void>
}

let jobCounter = 0

export const createExportSlice: StateCreator<AppState, [], [], ExportSlice> = (set, get) => ({
  exportSource: undefined,
  isExporting: false,
  exportProgress: undefined,
  exportJobId: undefined,
  exportFileNamePattern: DEFAULT_FILE_NAME_PATTERN,
  lastExport: undefined,
  openExport: async ({ snapshot, previous, ...rest }) => {
    const whole = (s: ExportedState) => ('evidence' in s ? s : get().fullSnapshot(s.id))
    // Read before anything shows: a snapshot that can't be read is reported and the dialog stays closed.
    const [full, fullPrevious] = await Promise.all([whole(snapshot), previous ? whole(previous) : undefined])
    if (!full || (previous && !fullPrevious)) return
    set({ exportSource: { ...rest, snapshot: full, ...(fullPrevious ? { previous: fullPrevious } : {}) } })
  },
  openCurrentExport: async (selection) => {
    try {
      await Promise.all([get().loadSnapshots(), get().ensureDeskDetails()])
      const snapshot = currentState(get(), get().deps.now(), 'Current state')
      const previous = get().snapshots.at(-1)
      const chosen = typeof selection === 'string' ? { accountIds: [selection] } : selection
      await get().openExport({
        snapshot,
        ...(previous ? { previous } : {}),
        ...(chosen && chosen.accountIds.length > 0 ? { accountIds: chosen.accountIds } : {}),
        ...(chosen?.title ? { title: chosen.title } : {}),
      })
    } catch (error) {
      get().reportError(error)
    }
  },
  closeExport: () => set({ exportSource: undefined }),
  saveExport: async (settings) => {
    const source = get().exportSource
    if (!source || get().isExporting) return undefined
    jobCounter += 1
    const jobId = `export-${get().deps.now().getTime()}-${jobCounter}`
    set({
      isExporting: true,
      exportFileNamePattern: settings.fileNamePattern,
      exportProgress: undefined,
      exportJobId: jobId,
    })
    const api = get().deps.api.export
    const off = api.onProgress((progress) => {
      if (progress.jobId === jobId) set({ exportProgress: progress })
    })
    try {
      const result = await api.save({
        snapshot: source.snapshot,
        ...(source.previous ? { previous: source.previous } : {}),
        format: settings.format,
        scope: settings.scope,
        isRedacted: settings.isRedacted,
        fileNamePattern: settings.fileNamePattern,
        ...(settings.detail ? { detail: settings.detail } : {}),
        jobId,
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
      off()
      set({ isExporting: false, exportProgress: undefined, exportJobId: undefined })
    }
  },
  cancelExport: async () => {
    const jobId = get().exportJobId
    if (jobId) await get().attempt(() => get().deps.api.export.cancel({ jobId }))
  },
})

/**
 * What the overview exports: the ticked accounts, else the filtered ones (titled by the filter: "Owner
 * Priya Raman", "Filter: production, tag pci"), else the whole organization (undefined).
 */
export function overviewExportScope(
  selectedIds: string[],
  shownIds: string[],
  allCount: number,
  filters: OverviewFilters,
): { accountIds: string[]; title?: string } | undefined {
  if (selectedIds.length > 0) return { accountIds: selectedIds, title: `Selection of ${selectedIds.length}` }
  if (shownIds.length === allCount || shownIds.length === 0) return undefined
  const onlyOwner =
    filters.owner &&
    !filters.environment &&
    !filters.tag &&
    !filters.level &&
    !filters.isBelowTargetOnly &&
    !filters.unknown &&
    !filters.text
  if (onlyOwner) return { accountIds: shownIds, title: `Owner ${filters.owner}` }
  const parts = [
    filters.owner && `owner ${filters.owner}`,
    filters.environment,
    filters.tag && `tag ${filters.tag}`,
    filters.level && (filters.level === 'unassessed' ? 'unassessed' : `level L${filters.level}`),
    filters.unknown && `unknown: ${filters.unknown}`,
    filters.isBelowTargetOnly && 'below target',
    filters.text && `"${filters.text}"`,
  ].filter(Boolean)
  return { accountIds: shownIds, title: `Filter: ${parts.join(', ')}` }
}

export const exportSelectors = {
  source: (s: AppState) => s.exportSource,
  isExporting: (s: AppState) => s.isExporting,
  progress: (s: AppState) => s.exportProgress,
  fileNamePattern: (s: AppState) => s.exportFileNamePattern,
}
