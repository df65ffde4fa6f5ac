import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Account } from '../../../shared/domain/types'
import { ConfirmDialog } from '../../components/confirm-dialog'
import { ExpiredFlag } from '../../components/status-pill'
import { TableHead } from '../../components/table-head'
import { useAppStore } from '../../store/app-store'
import { useDeskModel } from '../../store/use-desk-model'

/** Every waiver recorded for one account, newest first, with expired ones flagged. */
export function WaiverList({ account }: { account: Account }) {
  const desk = useDeskModel()
  const waivers = useAppStore(useShallow((s) => s.waivers.filter((w) => w.accountId === account.id)))
  const now = useAppStore((s) => s.deps.now)
  const removeWaiver = useAppStore((s) => s.removeWaiver)
  const [pending, setPending] = useState<string | undefined>(undefined)
  const sorted = [...waivers].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  const nowIso = now().toISOString()
  const confirmRemoval = (id: string) => {
    setPending(undefined)
    void removeWaiver(id)
  }
  return (
    <section className="waiver-list" aria-labelledby="waivers-title" data-testid="waiver-list">
      <h3 id="waivers-title">Waivers</h3>
      {sorted.length === 0 ? <p className="muted">No waivers for this account.</p> : null}
      {sorted.length > 0 ? (
        <table className="table" aria-label="Waivers">
          <TableHead columns={['Control', 'Reason', 'Approver', 'Expires', '']} />
          <tbody>
            {sorted.map((w) => (
              <tr key={w.id}>
                <td>{desk.controls.get(w.controlId)?.title ?? w.controlId}</td>
                <td>{w.reason}</td>
                <td>{w.approver}</td>
                <td>{w.expiresAt < nowIso ? <ExpiredFlag at={w.expiresAt} /> : w.expiresAt.slice(0, 10)}</td>
                <td>
                  <button type="button" onClick={() => setPending(w.id)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {pending ? (
        <ConfirmDialog
          title="Delete this waiver?"
          confirmLabel="Delete"
          onCancel={() => setPending(undefined)}
          onConfirm={() => confirmRemoval(pending)}
        >
          <p>The control goes back to what the evidence says.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  )
}
