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
 * One token bucket per SSO session. Its burst keeps a quarter of the quota's in reserve: a request delayed on
 * a busy machine or network, then sent together with later ones, would otherwise reach the portal's bucket
 * before its tokens are back (429, and the SDK's retry is not paced). The reserve tolerates bunching of a
 * quarter of the burst's worth of time (250 ms at 20/s, burst 20) and costs as much once, at the start.
 */
export function createPortalPacer(quota: RateLimit = defaultPortalQuota): PortalPacer {
  const reserve = Math.max(1, Math.ceil(quota.burst / 4))
  const limiter = new ApiRateLimiter({ default: { ...quota, burst: Math.max(1, quota.burst - reserve) } })
  return { acquire: (sessionId, signal) => limiter.acquire('sso:portal', signal, sessionId) }
}

/** The portal quota the environment asks for (`RATCHET_SSO_PORTAL_RPS`, requests per second = burst). */
export function portalQuotaFromEnv(env: Readonly<Record<string, string | undefined>>): RateLimit {
  const rps = Number(env.RATCHET_SSO_PORTAL_RPS)
  return Number.isFinite(rps) && rps > 0
    ? { perSecond: rps, burst: Math.max(1, Math.floor(rps)) }
    : defaultPortalQuota
}
