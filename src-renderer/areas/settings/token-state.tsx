import type { TokenState } from '../../../shared/ipc/domains/aws'

/** "valid until 14:05", "expired 09:12" or "not signed in", with the state as a data attribute for styling. */
export function TokenStateLabel({ token }: { token: TokenState | undefined }) {
  if (!token) return <span className="muted">—</span>
  if (token.state === 'missing') {
    return (
      <span className="token-state" data-state="missing">
        not signed in
      </span>
    )
  }
  const when = new Date(token.expiresAt).toLocaleString()
  return (
    <span className="token-state" data-state={token.state}>
      {token.state === 'valid' ? `valid until ${when}` : `expired ${when}`}
    </span>
  )
}
