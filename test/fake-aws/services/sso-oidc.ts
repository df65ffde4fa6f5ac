import { randomBytes } from 'node:crypto'
import { errorReply, jsonReply, type Reply } from '../protocol'
import type { HandlerContext, Route, Router } from '../routing'

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'
const DEVICE_GRANT_ALT = 'urn:ietf:params:oauth:grant-type:device-code'

function oauthError(code: string, oauth: string, message: string, status = 400): Reply {
  return errorReply('oidc', code, status, message, { oauthError: oauth })
}

function body(ctx: HandlerContext): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(ctx.req.body || '{}')
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

function checkClient(ctx: HandlerContext, b: Record<string, unknown>): Reply | undefined {
  const client = ctx.state.clients.get(String(b.clientId))
  if (!client || client.clientSecret !== b.clientSecret)
    return oauthError('InvalidClientException', 'invalid_client', 'Invalid client credentials', 401)
  return undefined
}

function registerClient(ctx: HandlerContext): Reply {
  const { clientId, clientSecret } = ctx.state.registerClient()
  const nowSeconds = Math.floor(Date.now() / 1000)
  return jsonReply({
    clientId,
    clientSecret,
    clientIdIssuedAt: nowSeconds,
    clientSecretExpiresAt: nowSeconds + 90 * 86_400,
  })
}

function startDeviceAuthorization(ctx: HandlerContext): Reply {
  const b = body(ctx)
  const invalid = checkClient(ctx, b)
  if (invalid) return invalid
  const flow = ctx.state.scenario.sso.deviceFlow
  const deviceCode = `fake-device-${randomBytes(16).toString('base64url')}`
  const userCode = randomBytes(4)
    .toString('hex')
    .toUpperCase()
    .replace(/^(.{4})/, '$1-')
  ctx.state.devices.set(deviceCode, {
    clientId: String(b.clientId),
    polls: 0,
    expiresAtMs: Date.now() + 600_000,
    userName: ctx.state.defaultSsoUser(),
  })
  const verificationUri = `${ctx.state.scenario.sso.startUrl.replace(/\/start\/?$/, '')}/device`
  return jsonReply({
    deviceCode,
    userCode,
    verificationUri,
    verificationUriComplete: `${verificationUri}?user_code=${userCode}`,
    expiresIn: 600,
    interval: flow.intervalSeconds,
  })
}

function tokenReply(ctx: HandlerContext, userName: string, clientId: string): Reply {
  const issued = ctx.state.issueSsoToken(userName, clientId)
  return jsonReply({
    accessToken: issued.accessToken,
    tokenType: 'Bearer',
    expiresIn: issued.expiresIn,
    refreshToken: issued.refreshToken,
  })
}

/**
 * Device-code grant, driven by `sso.deviceFlow`: polls listed in slowDownPolls answer slow_down, the
 * first `pendingPolls` others answer authorization_pending, then the outcome (approve/deny/expire).
 */
function deviceCodeGrant(ctx: HandlerContext, b: Record<string, unknown>): Reply {
  const code = String(b.deviceCode)
  const device = ctx.state.devices.get(code)
  if (!device || device.clientId !== b.clientId)
    return oauthError('InvalidGrantException', 'invalid_grant', 'Invalid device code provided')
  const flow = ctx.state.scenario.sso.deviceFlow
  device.polls += 1
  if (device.expiresAtMs <= Date.now()) {
    ctx.state.devices.delete(code)
    return oauthError('ExpiredTokenException', 'expired_token', 'Device code has expired')
  }
  if (flow.slowDownPolls.includes(device.polls))
    return oauthError('SlowDownException', 'slow_down', 'Client is polling too fast')
  const pendingSoFar = device.polls - flow.slowDownPolls.filter((p) => p < device.polls).length
  if (pendingSoFar <= flow.pendingPolls)
    return oauthError('AuthorizationPendingException', 'authorization_pending', 'Authorization is pending')
  ctx.state.devices.delete(code)
  if (flow.outcome === 'deny')
    return oauthError('AccessDeniedException', 'access_denied', 'The user denied the authorization request')
  if (flow.outcome === 'expire')
    return oauthError('ExpiredTokenException', 'expired_token', 'Device code has expired')
  return tokenReply(ctx, device.userName, device.clientId)
}

/** Refresh-token grant; the old refresh token is rotated out. */
function refreshGrant(ctx: HandlerContext, b: Record<string, unknown>): Reply {
  const sso = ctx.state.scenario.sso
  const token = String(b.refreshToken)
  const known = ctx.state.refreshTokens.get(token)
  if (!known || sso.refreshOutcome === 'invalid_grant' || sso.tokenFault === 'revoked')
    return oauthError('InvalidGrantException', 'invalid_grant', 'Invalid refresh token provided')
  ctx.state.refreshTokens.delete(token)
  return tokenReply(ctx, known.userName, String(b.clientId))
}

function createToken(ctx: HandlerContext): Reply {
  const b = body(ctx)
  const invalid = checkClient(ctx, b)
  if (invalid) return invalid
  if (b.grantType === DEVICE_GRANT || b.grantType === DEVICE_GRANT_ALT) return deviceCodeGrant(ctx, b)
  if (b.grantType === 'refresh_token') return refreshGrant(ctx, b)
  return oauthError(
    'UnsupportedGrantTypeException',
    'unsupported_grant_type',
    `Unsupported grant type ${String(b.grantType)}`,
  )
}

const route = (api: string, handle: (ctx: HandlerContext) => Reply): Route => ({
  api,
  protocol: 'oidc',
  auth: 'none',
  isRegional: false,
  accountId: null,
  handle,
})

/** SSO-OIDC (unsigned restJson1 with OAuth-style errors). */
export const ssoOidcRouter: Router = (req) => {
  if (req.method !== 'POST') return undefined
  if (req.path === '/client/register') return route('RegisterClient', registerClient)
  if (req.path === '/device_authorization') return route('StartDeviceAuthorization', startDeviceAuthorization)
  if (req.path === '/token') return route('CreateToken', createToken)
  return undefined
}
