import { useId, useState } from 'react'
import { meanLevelOf } from '../../../shared/scoring/engine'
import { useAppStore } from '../../store/app-store'
import type { SnapshotHead } from '../../store/snapshots-slice'

function meanLevel(snapshot: SnapshotHead): string {
  const mean = meanLevelOf(snapshot.distribution)
  return mean === undefined ? '–' : mean.toFixed(1)
}

/** One snapshot: its facts, inline rename and annotate, compare with now, export, delete (confirmed). */
export function SnapshotRow({
  snapshot,
  previous,
  onDelete,
}: {
  snapshot: SnapshotHead
  previous: SnapshotHead | undefined
  onDelete(): void
}) {
  const editSnapshot = useAppStore((s) => s.editSnapshot)
  const setCompare = useAppStore((s) => s.setCompare)
  const setArea = useAppStore((s) => s.setArea)
  const openExport = useAppStore((s) => s.openExport)
  const [isOpeningExport, setOpeningExport] = useState(false)
  const [editing, setEditing] = useState<'label' | 'notes' | null>(null)
  const [draft, setDraft] = useState('')
  const inputId = useId()
  const start = (field: 'label' | 'notes') => {
    setDraft(snapshot[field])
    setEditing(field)
  }
  const save = async () => {
    if (!editing) return
    const isSaved = await editSnapshot(snapshot.id, editing === 'label' ? { label: draft } : { notes: draft })
    if (isSaved) setEditing(null)
  }
  const field = { id: inputId, value: draft, onChange: setDraft, onSave: save }
  const cancel = () => setEditing(null)
  return (
    <tr data-testid="snapshot-row" data-snapshot-id={snapshot.id}>
      <th scope="row">
        {editing === 'label' ? (
          <EditField {...field} label="New label" onCancel={cancel} />
        ) : (
          <span className="snapshot-label">{snapshot.label}</span>
        )}
      </th>
      <td>
        <time dateTime={snapshot.createdAt}>{new Date(snapshot.createdAt).toLocaleString()}</time>
      </td>
      <td>{snapshot.accountCount}</td>
      <td>{meanLevel(snapshot)}</td>
      <td>
        <code title={`${snapshot.modelName} (${snapshot.modelVersion})`}>
          {snapshot.modelVersion.slice(0, 8)}
        </code>
      </td>
      <td className="snapshot-notes">
        {editing === 'notes' ? (
          <EditField {...field} label="Notes" isMultiline onCancel={cancel} />
        ) : (
          snapshot.notes || <span className="muted">–</span>
        )}
      </td>
      <td className="snapshot-actions">
        {editing ? null : (
          <>
            <button type="button" onClick={() => start('label')} aria-label={`Rename ${snapshot.label}`}>
              Rename
            </button>
            <button
              type="button"
              onClick={() => start('notes')}
              aria-label={`Edit notes of ${snapshot.label}`}
            >
              Notes
            </button>
            <button
              type="button"
              aria-label={`Compare ${snapshot.label} with now`}
              onClick={() => {
                setCompare({ a: snapshot.id, b: 'now' })
                setArea('compare')
              }}
            >
              Compare with now
            </button>
            <button
              type="button"
              aria-label={`Export ${snapshot.label}`}
              aria-busy={isOpeningExport}
              disabled={isOpeningExport}
              onClick={() => {
                // The snapshot is read whole (with its evidence) before the dialog opens.
                setOpeningExport(true)
                void openExport({ snapshot, ...(previous ? { previous } : {}) }).finally(() =>
                  setOpeningExport(false),
                )
              }}
            >
              {isOpeningExport ? 'Reading…' : 'Export…'}
            </button>
            <button
              type="button"
              className="danger"
              aria-label={`Delete ${snapshot.label}`}
              onClick={onDelete}
            >
              Delete
            </button>
          </>
        )}
      </td>
    </tr>
  )
}

function EditField({
  id,
  label,
  value,
  isMultiline = false,
  onChange,
  onSave,
  onCancel,
}: {
  id: string
  label: string
  value: string
  isMultiline?: boolean
  onChange(value: string): void
  onSave(): Promise<void>
  onCancel(): void
}) {
  return (
    <form
      className="snapshot-edit"
      onSubmit={(event) => {
        event.preventDefault()
        void onSave()
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel()
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      {isMultiline ? (
        <textarea id={id} value={value} rows={2} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input id={id} value={value} maxLength={120} onChange={(e) => onChange(e.target.value)} />
      )}
      <button type="submit" className="primary">
        Save
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  )
}
