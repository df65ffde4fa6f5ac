import type { Protocol, Reply, RequestInfo } from './protocol'
import type { FakeState, Identity } from './state'

/** What a handler receives once the caller is known. */
export interface HandlerContext {
  req: RequestInfo
  state: FakeState
  /** The SigV4 caller (undefined for unsigned routes). */
  identity: Identity | undefined
  region: string
}

/**
 * A matched operation. `auth: 'sigv4'` routes need a known access key; `account` routes (SSO portal)
 * name their account themselves; `none` routes are unauthenticated (SSO-OIDC).
 */
export interface Route {
  api: string
  protocol: Protocol
  auth: 'sigv4' | 'none'
  /** Regional services fail in a disabled opt-in Region. */
  isRegional: boolean
  /** For unsigned routes that still concern one account (GetRoleCredentials, ListAccountRoles). */
  accountId?: string | null
  handle(ctx: HandlerContext): Reply | Promise<Reply>
}

/** A service module: returns a route for requests it owns, else undefined. */
export type Router = (req: RequestInfo) => Route | undefined

/** Page of items with an opaque nextToken; maxResults out of range or a bad token is a ValidationException. */
export function paginate<T>(
  items: readonly T[],
  nextToken: string | null | undefined,
  maxResults: number | null | undefined,
  limits: { max: number; default: number },
): { page: T[]; nextToken?: string } | { error: string } {
  const size = maxResults ?? limits.default
  if (!Number.isInteger(size) || size < 1 || size > limits.max)
    return {
      error: `1 validation error detected: Value '${size}' at 'maxResults' failed to satisfy constraint`,
    }
  let start = 0
  if (nextToken) {
    const decoded = /^page-(\d+)$/.exec(Buffer.from(nextToken, 'base64url').toString('utf8'))
    if (!decoded?.[1]) return { error: 'Invalid nextToken' }
    start = Number(decoded[1])
  }
  const page = items.slice(start, start + size)
  const next = start + size
  return next < items.length
    ? { page, nextToken: Buffer.from(`page-${next}`).toString('base64url') }
    : { page }
}

/** Reads an optional integer query/body value (NaN-safe). */
export function optionalInt(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const n = Number(value)
  return Number.isFinite(n) ? n : Number.NaN
}
