import { cannedErrors, errorReply, jsonReply, type Reply } from '../protocol'
import { type HandlerContext, optionalInt, paginate, type Route, type Router } from '../routing'
import type { FakeState, SsoSession } from '../state'

/** The portal quota's token buckets, per server and per user session (bearer token). */
const buckets = new WeakMap<FakeState, Map<string, { tokens: number; updatedMs: number }>>()

/** Takes one request from the session's quota; false when it is spent (429 TooManyRequestsException). */
function takeQuota(ctx: HandlerContext, bearer: string): boolean {
  const quota = ctx.state.scenario.sso.portalQuota
  if (!quota) return true
  const { ratePerSecond, burst } = quota
  const perSession = buckets.get(ctx.state) ?? new Map<string, { tokens: number; updatedMs: number }>()
  buckets.set(ctx.state, perSession)
  const now = performance.now()
  const bucket = perSession.get(bearer) ?? { tokens: burst, updatedMs: now }
  bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedMs) / 1000) * ratePerSecond)
  bucket.updatedMs = now
  perSession.set(bearer, bucket)
  if (bucket.tokens < 1) return false
  bucket.tokens -= 1
  return true
}

const LIMITS = { max: 100, default: 20 }

/**
 * Resolves the bearer token (x-amz-sso_bearer_token). Unknown, revoked or expired tokens get the
 * portal's 401 UnauthorizedException, which fromSSO turns into a non-retryable CredentialsProviderError.
 */
function session(ctx: HandlerContext): SsoSession | Reply {
  const raw = ctx.req.headers['x-amz-sso_bearer_token']
  const bearer = Array.isArray(raw) ? raw[0] : raw
  const fault = ctx.state.scenario.sso.tokenFault
  const found = bearer ? ctx.state.ssoTokens.get(bearer) : undefined
  if (!found || fault === 'revoked')
    return errorReply('sso', 'UnauthorizedException', 401, 'Session token not found or invalid')
  if (fault === 'expired' || found.expiresAtMs <= Date.now())
    return errorReply('sso', 'UnauthorizedException', 401, 'Session token expired')
  if (bearer && !takeQuota(ctx, bearer)) return cannedErrors.throttled('sso')
  return found
}

function assignments(ctx: HandlerContext, userName: string) {
  return ctx.state.scenario.sso.users.find((u) => u.userName === userName)?.assignments ?? []
}

function pageReply(ctx: HandlerContext, key: string, items: readonly unknown[]): Reply {
  const q = ctx.req.query
  const result = paginate(items, q.get('next_token'), optionalInt(q.get('max_result') ?? undefined), LIMITS)
  if ('error' in result) return errorReply('sso', 'InvalidRequestException', 400, result.error)
  return jsonReply({ [key]: result.page, ...(result.nextToken ? { nextToken: result.nextToken } : {}) })
}

function listAccounts(ctx: HandlerContext): Reply {
  const s = session(ctx)
  if ('status' in s) return s
  const accounts = assignments(ctx, s.userName).flatMap((a) => {
    const account = ctx.state.accounts.get(a.accountId)
    return account ? [{ accountId: account.id, accountName: account.name, emailAddress: account.email }] : []
  })
  return pageReply(ctx, 'accountList', accounts)
}

function listAccountRoles(ctx: HandlerContext): Reply {
  const s = session(ctx)
  if ('status' in s) return s
  const accountId = ctx.req.query.get('account_id') ?? ''
  const roles = assignments(ctx, s.userName)
    .filter((a) => a.accountId === accountId)
    .flatMap((a) => a.roles.map((roleName) => ({ roleName, accountId })))
  return pageReply(ctx, 'roleList', roles)
}

function getRoleCredentials(ctx: HandlerContext): Reply {
  const s = session(ctx)
  if ('status' in s) return s
  const accountId = ctx.req.query.get('account_id') ?? ''
  const roleName = ctx.req.query.get('role_name') ?? ''
  const isAssigned = assignments(ctx, s.userName).some(
    (a) => a.accountId === accountId && a.roles.includes(roleName),
  )
  if (!isAssigned) return errorReply('sso', 'ForbiddenException', 403, 'No access', { outcome: 'denied' })
  return jsonReply({ roleCredentials: ctx.state.issueRoleCredentials(accountId, roleName, s.userName) })
}

function logout(ctx: HandlerContext): Reply {
  const s = session(ctx)
  if ('status' in s) return s
  const raw = ctx.req.headers['x-amz-sso_bearer_token']
  ctx.state.ssoTokens.delete(String(raw))
  return { status: 200, body: '' }
}

const route = (api: string, accountId: string | null, handle: (ctx: HandlerContext) => Reply): Route => ({
  api,
  protocol: 'sso',
  auth: 'none',
  isRegional: false,
  accountId,
  handle,
})

/** The SSO portal (unsigned, bearer token). Counted under the account it names, if any. */
export const ssoPortalRouter: Router = (req) => {
  const accountId = req.query.get('account_id')
  if (req.method === 'GET' && req.path === '/assignment/accounts')
    return route('ListAccounts', null, listAccounts)
  if (req.method === 'GET' && req.path === '/assignment/roles')
    return route('ListAccountRoles', accountId, listAccountRoles)
  if (req.method === 'GET' && req.path === '/federation/credentials')
    return route('GetRoleCredentials', accountId, getRoleCredentials)
  if (req.method === 'POST' && req.path === '/logout') return route('Logout', null, logout)
  return undefined
}
