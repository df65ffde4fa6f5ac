import { randomUUID } from 'node:crypto'
import { AppError } from '../../shared/errors'
import type { FolderPurpose } from '../../shared/ipc/domains/app'

/**
 * Folders the user chose in a main-side picker, behind opaque handles. The renderer only ever holds the
 * handle, so it cannot name a folder the user did not choose, nor use an import folder as an export target.
 */
export interface FolderHandles {
  /** Remembers a chosen folder and returns its handle. */
  issue(purpose: FolderPurpose, path: string): string
  /** The folder behind a handle; an unknown handle, or one issued for another purpose, is refused. */
  resolve(handle: string, purpose: FolderPurpose): string
}

/** An in-memory handle table: handles die with the app, and a restart needs a new choice. */
export function createFolderHandles(): FolderHandles {
  const table = new Map<string, { purpose: FolderPurpose; path: string }>()
  return {
    issue(purpose, path) {
      const handle = `fh-${randomUUID()}`
      table.set(handle, { purpose, path })
      return handle
    },
    resolve(handle, purpose) {
      const entry = table.get(handle)
      if (!entry || entry.purpose !== purpose) {
        throw new AppError(
          'unknown-handle',
          `That folder choice is not valid for ${purpose}: choose the folder again.`,
          'Use the button to pick the folder; Ratchet only reads and writes folders you chose.',
        )
      }
      return entry.path
    },
  }
}

/** What the folder picker is asked: the purpose decides its title and button. */
export interface FolderDialogRequest {
  purpose: FolderPurpose
  title: string
  buttonLabel: string
  /** Export targets may be created from the picker; import folders must exist. */
  canCreate: boolean
}

/** The picker's wording for each purpose. */
export function folderDialogRequest(purpose: FolderPurpose): FolderDialogRequest {
  return purpose === 'evidence-import'
    ? { purpose, title: 'Import an evidence folder', buttonLabel: 'Import', canCreate: false }
    : { purpose, title: 'Export evidence to a folder', buttonLabel: 'Export here', canCreate: true }
}
