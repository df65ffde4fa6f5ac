import { useEffect, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { TableHead } from '../../components/table-head'
import { useAppStore } from '../../store/app-store'
import { awsSelectors } from '../../store/aws-slice'
import { TokenStateLabel } from './token-state'

/** The IAM Identity Center sessions, each with its token state, Sign in and Find accounts. */
export function SessionsPanel() {
  const sessions = useAppStore(useShallow(awsSelectors.sessions))
  const login = useAppStore(awsSelectors.login)
  const discovering = useAppStore(awsSelectors.discovering)
  const signInNeeded = useAppStore(awsSelectors.signInNeeded)
  const signIn = useAppStore((s) => s.signIn)
  const discover = useAppStore((s) => s.discover)
  const isBusy = Boolean(login && (login.state === 'registering' || login.state === 'waiting'))
  return (
    <section aria-labelledby="sso-sessions-title">
      <h3 id="sso-sessions-title">IAM Identity Center sessions</h3>
      {signInNeeded && !isBusy ? (
        <div className="sign-in-needed panel" data-testid="sign-in-needed">
          <p>The session {signInNeeded} has expired or was signed out. Sign in again to continue.</p>
          <button type="button" className="primary" onClick={() => void signIn(signInNeeded)}>
            Sign in again
          </button>
        </div>
      ) : null}
      {sessions.length === 0 ? (
        <p className="muted">
          No SSO session in the AWS config. Run <code>aws configure sso</code> to add one, then reload.
        </p>
      ) : (
        <table className="table" aria-label="SSO sessions">
          <TableHead columns={['Session', 'Start URL', 'Region', 'Token', 'Actions']} />
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id} data-testid={`session-${s.id}`}>
                <th scope="row">{s.kind === 'legacy-sso' ? `${s.id} (legacy)` : s.id}</th>
                <td>{s.startUrl}</td>
                <td>{s.region}</td>
                <td>
                  <TokenStateLabel token={s.token} />
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    className={s.token.state === 'valid' ? undefined : 'primary'}
                    disabled={isBusy}
                    onClick={() => void signIn(s.id)}
                    aria-label={`Sign in to ${s.id}`}
                  >
                    Sign in
                  </button>
                  <button
                    type="button"
                    disabled={s.token.state !== 'valid' || discovering !== undefined}
                    onClick={() => void discover(s.id)}
                    aria-label={`Find accounts in ${s.id}`}
                  >
                    {discovering === s.id ? 'Finding accounts…' : 'Find accounts'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SignInPanel />
    </section>
  )
}

/** The device-flow panel: the user code to confirm in the browser, the page to open, and Cancel. */
function SignInPanel() {
  const login = useAppStore(awsSelectors.login)
  const cancelSignIn = useAppStore((s) => s.cancelSignIn)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const isActive = login?.state === 'registering' || login?.state === 'waiting'
  useEffect(() => {
    // Focus moves to the panel's one action so keyboard users can cancel straight away.
    if (isActive) cancelRef.current?.focus()
  }, [isActive])
  if (!login || !isActive) return null
  return (
    <div className="sign-in-panel panel" role="status" aria-live="polite" data-testid="sign-in-panel">
      <h4>Signing in to {login.sessionId}</h4>
      {login.state === 'registering' ? (
        <p>Contacting IAM Identity Center…</p>
      ) : (
        <>
          <p>
            {login.isBrowserOpened
              ? 'Your browser opened the AWS sign-in page. Check that it shows this code, then choose Allow:'
              : 'Open this page in your browser, check that it shows this code, then choose Allow:'}
          </p>
          <p className="user-code" data-testid="user-code">
            {login.userCode}
          </p>
          <p>
            <code data-testid="verification-uri">
              {login.verificationUriComplete ?? login.verificationUri}
            </code>
          </p>
          {login.expiresAt ? (
            <p className="muted">The code works until {new Date(login.expiresAt).toLocaleTimeString()}.</p>
          ) : null}
        </>
      )}
      <button type="button" ref={cancelRef} onClick={() => void cancelSignIn()}>
        Cancel sign-in
      </button>
    </div>
  )
}
