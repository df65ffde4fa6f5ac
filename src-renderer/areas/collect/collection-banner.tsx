import { useShallow } from 'zustand/react/shallow'
import type { CollectAttemptRow } from '../../db/db'
import { useAppStore, useLoadOnMount } from '../../store/app-store'

/** Why an attempt did not fully succeed: its own detail, else the first source that was not read. */
export function attemptReason(attempt: CollectAttemptRow): string {
  if (attempt.detail) return attempt.detail
  const source = Object.entries(attempt.sources).find(([, s]) => s.state === 'error' || s.state === 'denied')
  if (!source) return attempt.state
  const [name, outcome] = source
  return `${name} ${outcome.state === 'denied' ? 'access denied' : 'failed'}${outcome.detail ? `: ${outcome.detail}` : ''}`
}

const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : 'no earlier collection')

/**
 * "Last collection failed (reason) — showing evidence from <date>", for one account or, without an account,
 * for every account whose newest attempt failed. The evidence shown is always the last good evidence.
 */
export function CollectionFailedBanner({ accountId }: { accountId?: string }) {
  const setArea = useAppStore((s) => s.setArea)
  const failed = useAppStore(
    useShallow((s) =>
      Object.values(s.collectAttempts).filter(
        (a) => a.state !== 'ok' && (accountId === undefined || a.accountId === accountId),
      ),
    ),
  )
  const evidence = useAppStore((s) => s.latestEvidence)
  const names = useAppStore((s) => s.accounts)
  useLoadOnMount((s) => s.loadCollectState)
  if (failed.length === 0) return null
  const nameOf = (id: string) => names.find((a) => a.id === id)?.name ?? id
  return (
    <div className="collection-failed" role="status" data-testid="collection-failed">
      <ul>
        {failed.map((a) => (
          <li key={a.accountId}>
            {accountId === undefined ? <strong>{nameOf(a.accountId)}: </strong> : null}
            Last collection {a.state === 'cancelled' ? 'was cancelled' : 'failed'} ({attemptReason(a)}) —
            showing evidence from {day(evidence[a.accountId]?.collectedAt)}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => setArea('collect')}>
        Sign in again and retry on Collect
      </button>
    </div>
  )
}
