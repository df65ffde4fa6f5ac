import type { StateCreator } from 'zustand'
import {
  type BackupCounts,
  type BackupFile,
  checkBackupSize,
  countBackup,
  parseBackup,
} from '../../shared/backup/schema'
import { download } from '../components/download'
import type { AppState } from './app-store'

/** A validated backup waiting for the user to confirm what it will replace. */
export interface PendingRestore {
  fileName: string
  file: BackupFile
  incoming: BackupCounts
  current: BackupCounts
}

export interface BackupSlice {
  pendingRestore: PendingRestore | undefined
  /** Reads the whole database and saves it as a JSON download. */
  exportBackupFile(): Promise<void>
  /**
   * Validates a backup file (its text, or the picked file itself, whose size is checked before it is read);
   * on success it becomes the pending restore shown for confirmation.
   */
  prepareRestore(fileName: string, source: string | Pick<Blob, 'size' | 'text'>): Promise<boolean>
  /** Restores the pending backup. Refused or failed, the dialog closes and the notice says why. */
  confirmRestore(): Promise<boolean>
  cancelRestore(): void
}

export const createBackupSlice: StateCreator<AppState, [], [], BackupSlice> = (set, get) => ({
  pendingRestore: undefined,
  exportBackupFile: async () => {
    try {
      const now = get().deps.now()
      const file = await get().deps.repos.backup.export({ now })
      download(
        `ratchet-backup-${now.toISOString().slice(0, 10)}.json`,
        JSON.stringify(file),
        'application/json',
      )
      get().notify({ level: 'info', message: `Backup exported (${file.tables.accounts.length} accounts)` })
    } catch (error) {
      get().reportError(error)
    }
  },
  prepareRestore: async (fileName, source) => {
    try {
      if (typeof source !== 'string') checkBackupSize(fileName, source.size)
      const text = typeof source === 'string' ? source : await source.text()
      const file = parseBackup(text, fileName)
      const current = await get().deps.repos.backup.count()
      set({ pendingRestore: { fileName, file, incoming: countBackup(file.tables), current } })
      return true
    } catch (error) {
      set({ pendingRestore: undefined })
      get().reportError(error)
      return false
    }
  },
  confirmRestore: async () => {
    const pending = get().pendingRestore
    if (!pending) return false
    try {
      await get().deps.repos.backup.restore(pending.file)
      set({ pendingRestore: undefined, deskView: { kind: 'overview' }, selectedAccountIds: [] })
      await get().loadDesk()
      // The backup's snapshots replaced the stored ones: the lists read before are out of date.
      await get().reloadSnapshotLists()
      get().notify({ level: 'info', message: `Backup restored from ${pending.fileName}` })
      return true
    } catch (error) {
      // Close the dialog: it cannot succeed on a second click, and the notice says why and that nothing changed.
      set({ pendingRestore: undefined })
      get().reportError(error)
      return false
    }
  },
  cancelRestore: () => set({ pendingRestore: undefined }),
})
