import { ApiRateLimiter, type RateLimit } from '../collect/rate-limit'

/**
 * IAM Identity Center limits its portal (GetRoleCredentials, ListAccounts, ListAccountRoles) per user session;
 * AWS publishes no figure, so this default is a setting, not a fact (`RATCHET_SSO_PORTAL_RPS` changes it).
 */
export const defaultPortalQuota: RateLimit = { perSecond: 20, burst: 20 }

/** Paces every portal call of one SSO session: discovery and role credentials share the session's quota. */
export interface PortalPacer {
  /** Resolves when the session may make one more portal call. */
  acquire(sessionId: string, signal?: AbortSignal): Promise<void>
}

/**
 * One token bucket per SSO session. Its burst is one below the quota's: a request that overtakes an earlier
 * one on the network would otherwise reach the portal's bucket a moment before its token is back (429).
 */
export function createPortalPacer(quota: RateLimit = defaultPortalQuota): PortalPacer {
  const limiter = new ApiRateLimiter({ default: { ...quota, burst: Math.max(1, quota.burst - 1) } })
  return { acquire: (sessionId, signal) => limiter.acquire('sso:portal', signal, sessionId) }
}

/** The portal quota the environment asks for (`RATCHET_SSO_PORTAL_RPS`, requests per second = burst). */
export function portalQuotaFromEnv(env: Readonly<Record<string, string | undefined>>): RateLimit {
  const rps = Number(env.RATCHET_SSO_PORTAL_RPS)
  return Number.isFinite(rps) && rps > 0
    ? { perSecond: rps, burst: Math.max(1, Math.floor(rps)) }
    : defaultPortalQuota
}
