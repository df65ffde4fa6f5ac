import { lazy, Suspense, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ConfirmDialog } from '../../components/confirm-dialog'
import { accountSelectors } from '../../store/accounts-slice'
import { useAppStore } from '../../store/app-store'
import { BackupPanel } from './backup-panel'
import { Overview } from './overview'
import './accounts.css'

// One account's view scores its full scorecard and holds the question forms: loaded when an account opens,
// so the overview's first chunk carries neither.
const AccountDetail = lazy(() => import('./account-detail').then((m) => ({ default: m.AccountDetail })))

/** The Accounts area: the desk the security lead lives in. */
export function AccountsArea() {
  const { isLoaded, accounts, view, hasDemo, demoOffer, isDemoBusy } = useAppStore(
    useShallow((s) => ({
      isLoaded: s.isDeskLoaded,
      accounts: s.accounts,
      view: s.deskView,
      hasDemo: accountSelectors.hasDemo(s),
      demoOffer: s.demoOffer,
      isDemoBusy: s.isDemoBusy,
    })),
  )
  const { loadDemo, declineDemo, removeDemo } = useAppStore(
    useShallow((s) => ({ loadDemo: s.loadDemo, declineDemo: s.declineDemo, removeDemo: s.removeDemo })),
  )
  const [isConfirmingRemoval, setConfirmingRemoval] = useState(false)
  const account = view.kind === 'account' ? accounts.find((a) => a.id === view.accountId) : undefined
  const demoCount = accounts.filter((a) => a.origin === 'demo').length
  return (
    <section className="area accounts-area" data-testid="area-accounts">
      {hasDemo ? (
        <div className="demo-banner" role="note" data-testid="demo-banner">
          <strong>Demo organization</strong>
          <span>
            {demoCount} fictional accounts with four quarters of evidence. Nothing here is real, and nothing
            was collected from AWS.
          </span>
          <button type="button" disabled={isDemoBusy} onClick={() => setConfirmingRemoval(true)}>
            Remove demo
          </button>
        </div>
      ) : null}
      <div className="area-head">
        <h2>Accounts</h2>
        <BackupPanel />
      </div>
      {!isLoaded ? <p className="muted">Loading…</p> : null}
      {isLoaded && accounts.length === 0 ? (
        <div className="empty-desk panel" data-testid="empty-desk">
          <p>
            No accounts yet. Collect evidence from AWS in the Collect area, restore a backup, or explore the
            demo.
          </p>
          {demoOffer === 'offer' ? (
            <div className="demo-offer">
              <p>
                The <strong>demo organization</strong> has 12 fictional accounts with a year of evidence,
                answers and waivers, so every screen has something to show. One click removes it.
              </p>
              <button type="button" className="primary" disabled={isDemoBusy} onClick={() => void loadDemo()}>
                Open the demo organization
              </button>
              <button type="button" onClick={() => void declineDemo()}>
                No thanks
              </button>
            </div>
          ) : (
            <button type="button" disabled={isDemoBusy} onClick={() => void loadDemo()}>
              Load the demo organization
            </button>
          )}
        </div>
      ) : null}
      {isLoaded && accounts.length > 0 && view.kind === 'overview' ? <Overview /> : null}
      {account && view.kind === 'account' ? (
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <AccountDetail account={account} domainId={view.domainId} controlId={view.controlId} />
        </Suspense>
      ) : null}
      {isConfirmingRemoval ? (
        <ConfirmDialog
          title="Remove the demo organization?"
          confirmLabel="Remove demo"
          onCancel={() => setConfirmingRemoval(false)}
          onConfirm={() => {
            setConfirmingRemoval(false)
            void removeDemo()
          }}
        >
          <p>
            This deletes the {demoCount} demo accounts with their evidence, answers, waivers and quarterly
            snapshots. Your own accounts are not touched.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  )
}
