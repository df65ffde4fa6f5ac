import { useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { BackupCounts } from '../../../shared/backup/schema'
import { ConfirmDialog } from '../../components/confirm-dialog'
import { useAppStore } from '../../store/app-store'

const rows: Array<[keyof BackupCounts, string]> = [
  ['accounts', 'Accounts'],
  ['evidence', 'Evidence bundles'],
  ['attestations', 'Answers'],
  ['waivers', 'Waivers'],
  ['snapshots', 'Snapshots'],
  ['models', 'Models'],
  ['settings', 'Settings'],
]

/** Export the whole database to JSON; restore validates first and shows what will be replaced. */
export function BackupPanel() {
  const { exportBackupFile, prepareRestore, confirmRestore, cancelRestore, pending } = useAppStore(
    useShallow((s) => ({
      exportBackupFile: s.exportBackupFile,
      prepareRestore: s.prepareRestore,
      confirmRestore: s.confirmRestore,
      cancelRestore: s.cancelRestore,
      pending: s.pendingRestore,
    })),
  )
  const input = useRef<HTMLInputElement>(null)
  return (
    <div className="backup-panel">
      <button type="button" onClick={() => void exportBackupFile()}>
        Export backup
      </button>
      <button type="button" onClick={() => input.current?.click()}>
        Restore backup…
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        className="visually-hidden"
        aria-label="Backup file to restore"
        data-testid="restore-file"
        tabIndex={-1}
        onChange={async (e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) await prepareRestore(file.name, file)
        }}
      />
      {pending ? (
        <ConfirmDialog
          title="Replace all data with this backup?"
          confirmLabel="Replace everything"
          onCancel={cancelRestore}
          onConfirm={() => void confirmRestore()}
        >
          <p>
            <strong>{pending.fileName}</strong>, exported{' '}
            {pending.file.exportedAt.slice(0, 16).replace('T', ' ')} UTC. Everything currently stored is
            replaced, all at once.
          </p>
          <table className="table" aria-label="What will be replaced">
            <thead>
              <tr>
                <th />
                <th>Now</th>
                <th>From the backup</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([key, label]) => (
                <tr key={key}>
                  <th scope="row">{label}</th>
                  <td>{pending.current[key]}</td>
                  <td>{pending.incoming[key]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ConfirmDialog>
      ) : null}
    </div>
  )
}
