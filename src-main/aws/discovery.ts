import { ListAccountRolesCommand, ListAccountsCommand, type SSOClient } from '@aws-sdk/client-sso'
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import { pickRole, ssoTargetId, type Target } from '../../shared/ipc/domains/aws'
import { toAwsError } from './errors'
import { createPortalPacer, type PortalPacer } from './portal'
import type { SsoSessionConfig } from './profiles'
import { freshAccessToken } from './token-refresh'

/** How many ListAccountRoles calls run at once: enough for hundreds of accounts, gentle on the portal's limits. */
export const defaultRoleConcurrency = 8

export interface DiscoveryDeps {
  home: string
  /** An SSO portal client for the session's Region (and the configured endpoint). */
  sso: Pick<SSOClient, 'send'>
  /** SSO-OIDC, to refresh a token near expiry (as the SDK would) before giving the sign-in error. */
  oidc: Pick<SSOOIDCClient, 'send'>
  now(): Date
  concurrency?: number
  /** Page size asked of the portal (1-100); tests use a small one to cross page boundaries. */
  pageSize?: number
  signal?: AbortSignal
  /** Paces every portal call within the session's quota (shared with role credentials). */
  portal?: PortalPacer
  /** Only these accounts: roles are listed for them alone, and the account pages stop once all are found. */
  accountIds?: readonly string[]
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the input order in the result. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return results
}

/** Reads the pages of a nextToken-paginated call, all of them unless `isEnough` says stop. */
async function allPages<Item>(
  fetch: (nextToken: string | undefined) => Promise<{ items: Item[]; nextToken?: string | undefined }>,
  isEnough: (items: readonly Item[]) => boolean = () => false,
): Promise<Item[]> {
  const items: Item[] = []
  let token: string | undefined
  const seen = new Set<string>()
  do {
    const page = await fetch(token)
    items.push(...page.items)
    token = isEnough(items) ? undefined : page.nextToken || undefined
    // A portal that repeats a token would loop forever; stop instead.
    if (token && seen.has(token)) break
    if (token) seen.add(token)
  } while (token)
  return items
}

/**
 * Lists the accounts (all pages, or until every account in scope is found) and the roles of each account in
 * scope (all pages, a few accounts at a time, every call paced within the portal quota) that the session's
 * token reaches, and chooses one role per account from `rolePreference`.
 */
export async function discoverTargets(
  session: SsoSessionConfig,
  rolePreference: readonly string[],
  deps: DiscoveryDeps,
): Promise<Target[]> {
  const action = `Listing the accounts of ${session.id}`
  const accessToken = await freshAccessToken(session, action, {
    home: deps.home,
    oidc: deps.oidc,
    now: deps.now,
    ...(deps.signal ? { signal: deps.signal } : {}),
  })
  const maxResults = deps.pageSize ?? 100
  const options = deps.signal ? { abortSignal: deps.signal } : {}
  const portal = deps.portal ?? createPortalPacer()
  const send: DiscoveryDeps['sso']['send'] = async (command: Parameters<DiscoveryDeps['sso']['send']>[0]) => {
    await portal.acquire(session.id, deps.signal)
    return deps.sso.send(command, options)
  }
  const scope = deps.accountIds ? new Set(deps.accountIds) : undefined
  const inScope = (accountId: string | undefined) => !scope || scope.has(accountId ?? '')
  const context = {
    action,
    sessionId: session.id,
    endpoint: `the IAM Identity Center portal in ${session.region}`,
  }
  try {
    const listed = await allPages(
      async (nextToken) => {
        const page = await send(
          new ListAccountsCommand({ accessToken, maxResults, ...(nextToken ? { nextToken } : {}) }),
        )
        return { items: page.accountList ?? [], nextToken: page.nextToken }
      },
      (items) =>
        scope !== undefined && new Set(items.map((a) => a.accountId).filter(inScope)).size >= scope.size,
    )
    const accounts = listed.filter((a) => inScope(a.accountId))
    const targets = await mapBounded(
      accounts,
      deps.concurrency ?? defaultRoleConcurrency,
      async (account) => {
        const accountId = account.accountId ?? ''
        const roles = await allPages(async (nextToken) => {
          const page = await send(
            new ListAccountRolesCommand({
              accessToken,
              accountId,
              maxResults,
              ...(nextToken ? { nextToken } : {}),
            }),
          )
          return { items: page.roleList ?? [], nextToken: page.nextToken }
        })
        const availableRoles = [...new Set(roles.flatMap((r) => (r.roleName ? [r.roleName] : [])))].sort(
          (a, b) => a.localeCompare(b),
        )
        const roleName = pickRole(availableRoles, rolePreference)
        return {
          id: ssoTargetId(session.id, accountId),
          kind: 'sso',
          accountId,
          accountName: account.accountName ?? accountId,
          ...(account.emailAddress ? { email: account.emailAddress } : {}),
          ...(roleName ? { roleName } : {}),
          ssoSession: session.id,
          availableRoles,
        } satisfies Target
      },
    )
    return targets.sort(
      (a, b) => a.accountName.localeCompare(b.accountName) || a.accountId.localeCompare(b.accountId),
    )
  } catch (error) {
    throw toAwsError(error, context)
  }
}
