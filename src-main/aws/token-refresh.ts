import { CreateTokenCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import { tokenExpiredError } from './errors'
import type { SsoSessionConfig } from './profiles'
import { type CachedToken, formatCliTime, readToken, writeToken } from './token-cache'

/** Like the SDK, a token this close to expiry is refreshed before use. */
export const tokenRefreshWindowMs = 5 * 60 * 1000

export interface TokenRefreshDeps {
  home: string
  oidc: Pick<SSOOIDCClient, 'send'>
  now(): Date
  signal?: AbortSignal
}

/**
 * The session's access token, refreshed first when it is near expiry and the cache holds what a refresh
 * needs (sso-session logins only, as with the SDK and the CLI). The rewritten file keeps every other field.
 * Throws the sign-in error when there is no usable token.
 */
export async function freshAccessToken(
  session: SsoSessionConfig,
  action: string,
  deps: TokenRefreshDeps,
): Promise<string> {
  const token = await readToken(deps.home, session.id)
  if (!token) throw tokenExpiredError(session.id, action)
  const nowMs = deps.now().getTime()
  const expiresMs = Date.parse(token.expiresAt)
  if (expiresMs - nowMs > tokenRefreshWindowMs) return token.accessToken
  const canRefresh =
    session.kind === 'sso-session' &&
    token.refreshToken &&
    token.clientId &&
    token.clientSecret &&
    (!token.registrationExpiresAt || Date.parse(token.registrationExpiresAt) > nowMs)
  if (canRefresh) {
    try {
      const refreshed = await deps.oidc.send(
        new CreateTokenCommand({
          grantType: 'refresh_token',
          clientId: token.clientId,
          clientSecret: token.clientSecret,
          refreshToken: token.refreshToken,
        }),
        deps.signal ? { abortSignal: deps.signal } : {},
      )
      if (refreshed.accessToken) {
        const next: CachedToken = {
          ...token,
          accessToken: refreshed.accessToken,
          expiresAt: formatCliTime(new Date(deps.now().getTime() + (refreshed.expiresIn ?? 3600) * 1000)),
          ...(refreshed.refreshToken ? { refreshToken: refreshed.refreshToken } : {}),
        }
        await writeToken(deps.home, session.id, next)
        return next.accessToken
      }
    } catch {
      // A revoked or expired refresh token: fall through to the token we have, or the sign-in error.
    }
  }
  if (expiresMs > nowMs) return token.accessToken
  throw tokenExpiredError(session.id, action)
}
