import { useId, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { quarterLabel } from '../../../shared/snapshot/schema'
import { ConfirmDialog } from '../../components/confirm-dialog'
import { accountSelectors } from '../../store/accounts-slice'
import { useAppStore, useLoadOnMount } from '../../store/app-store'
import { type SnapshotHead, snapshotSelectors } from '../../store/snapshots-slice'
import { SnapshotRow } from './snapshot-row'
import './snapshots.css'

/** The Snapshots area: freeze the current state, list the snapshots, rename, annotate, delete. */
export function SnapshotsArea() {
  // The rows alone: the list never expands a snapshot's body.
  const snapshots = useAppStore(snapshotSelectors.heads)
  const isLoaded = useAppStore(snapshotSelectors.areHeadsLoaded)
  useLoadOnMount((s) => s.loadSnapshotHeads)
  const [pendingDelete, setPendingDelete] = useState<SnapshotHead | undefined>()
  const deleteSnapshot = useAppStore((s) => s.deleteSnapshot)
  // Newest first in the list; the store keeps them oldest first for the trends.
  const newestFirst = [...snapshots].reverse()
  return (
    <section className="area snapshots-area" data-testid="area-snapshots" aria-labelledby="snapshots-title">
      <h2 id="snapshots-title">Snapshots</h2>
      <p className="muted">
        A snapshot freezes the scorecards together with the evidence, answers, waivers and model they came
        from. Only its label and notes can change.
      </p>
      <TakeSnapshotForm />
      <DemoQuartersOffer />
      {!isLoaded ? (
        <p className="muted">Loading snapshots…</p>
      ) : snapshots.length === 0 ? (
        <p className="muted" data-testid="snapshots-empty">
          No snapshots yet. Take one at the end of each quarter to see the trend.
        </p>
      ) : (
        <table className="snapshot-table" data-testid="snapshot-list">
          <caption className="visually-hidden">Saved snapshots, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Taken</th>
              <th scope="col">Accounts</th>
              <th scope="col">Mean level</th>
              <th scope="col">Model</th>
              <th scope="col">Notes</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {newestFirst.map((snapshot) => (
              <SnapshotRow
                key={snapshot.id}
                snapshot={snapshot}
                previous={snapshots[snapshots.indexOf(snapshot) - 1]}
                onDelete={() => setPendingDelete(snapshot)}
              />
            ))}
          </tbody>
        </table>
      )}
      {pendingDelete ? (
        <ConfirmDialog
          title={`Delete snapshot "${pendingDelete.label}"?`}
          confirmLabel="Delete snapshot"
          onCancel={() => setPendingDelete(undefined)}
          onConfirm={() => {
            const id = pendingDelete.id
            setPendingDelete(undefined)
            void deleteSnapshot(id)
          }}
        >
          <p>
            The snapshot taken {new Date(pendingDelete.createdAt).toLocaleString()} and the evidence frozen in
            it will be removed. Comparisons and trends will no longer include it. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  )
}

function TakeSnapshotForm() {
  const now = useAppStore((s) => s.deps.now)
  const accountCount = useAppStore((s) => s.accounts.length)
  const { isBusy, takeSnapshot } = useAppStore(
    useShallow((s) => ({ isBusy: s.isSnapshotBusy, takeSnapshot: s.takeSnapshot })),
  )
  const defaultLabel = quarterLabel(now())
  const [label, setLabel] = useState('')
  const [notes, setNotes] = useState('')
  const labelId = useId()
  const notesId = useId()
  return (
    <form
      className="take-snapshot"
      aria-label="Take a snapshot"
      onSubmit={(event) => {
        event.preventDefault()
        void takeSnapshot({ label: label.trim() === '' ? defaultLabel : label, notes }).then((snapshot) => {
          if (snapshot) {
            setLabel('')
            setNotes('')
          }
        })
      }}
    >
      <h3>Take a snapshot of the current state</h3>
      <div className="take-snapshot-fields">
        <label htmlFor={labelId}>Label</label>
        <input
          id={labelId}
          value={label}
          placeholder={defaultLabel}
          maxLength={120}
          onChange={(e) => setLabel(e.target.value)}
        />
        <label htmlFor={notesId}>Notes</label>
        <textarea id={notesId} value={notes} rows={2} onChange={(e) => setNotes(e.target.value)} />
      </div>
      <button type="submit" className="primary" disabled={isBusy || accountCount === 0}>
        Take snapshot
      </button>
      {accountCount === 0 ? <span className="muted"> Add or collect accounts first.</span> : null}
    </form>
  )
}

/** With the demo loaded and its history not yet saved: offer to save its four quarters as snapshots. */
function DemoQuartersOffer() {
  const hasDemo = useAppStore(accountSelectors.hasDemo)
  const hasDemoSnapshots = useAppStore(snapshotSelectors.hasDemoSnapshots)
  const isLoaded = useAppStore(snapshotSelectors.areHeadsLoaded)
  const isBusy = useAppStore(snapshotSelectors.isBusy)
  const snapshotDemoQuarters = useAppStore((s) => s.snapshotDemoQuarters)
  if (!hasDemo || hasDemoSnapshots || !isLoaded) return null
  return (
    <div className="demo-quarters card" data-testid="demo-quarters-offer">
      <p>
        The demo organization has four quarters of history. Save them as snapshots to compare and see the
        trend.
      </p>
      <button type="button" disabled={isBusy} onClick={() => void snapshotDemoQuarters()}>
        Save the demo’s quarterly snapshots
      </button>
    </div>
  )
}
