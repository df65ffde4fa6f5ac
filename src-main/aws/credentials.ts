import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso'
import { fromIni, fromSSO } from '@aws-sdk/credential-providers'
import { AppError } from '../../shared/errors'
import type { Target } from '../../shared/ipc/domains/aws'
import { clientConfigFor } from './client-config'
import { toAwsError, tokenExpiredError } from './errors'
import { createPortalPacer, type PortalPacer } from './portal'
import { type AwsFiles, findSsoSession, loadAwsConfig } from './profiles'
import { readToken } from './token-cache'

/** What SDK clients take as `credentials` (the SDK's AwsCredentialIdentityProvider). */
export type AwsCredentialIdentityProvider = ReturnType<typeof fromIni>
export type AwsCredentialIdentity = Awaited<ReturnType<AwsCredentialIdentityProvider>>

/** Credentials are reused until this close to their expiry, then fetched again. */
export const credentialRefreshWindowMs = 5 * 60 * 1000

type Env = Readonly<Record<string, string | undefined>>

export interface CredentialDeps {
  /** Paces GetRoleCredentials within each session's portal quota (shared with discovery). */
  portal?: PortalPacer
  /** The services' environment: endpoints come from here (AWS_ENDPOINT_URL_*). */
  env: Env
  home: string
  files: AwsFiles
  now(): Date
}

/** A provider that can be asked again: the cache decides whether to call it. */
type BaseProvider = () => Promise<AwsCredentialIdentity>

/**
 * The credential source of a target, built on the SDK's providers: `fromSSO` for SSO targets (through a
 * profile of the session, so the SDK can refresh the token), `fromIni` for plain profiles (role chains,
 * credential_process, static keys). Nothing is written except by the SDK's own token refresh.
 */
async function baseProviderFor(
  target: Target,
  deps: CredentialDeps,
  ssoFor: (region: string) => SSOClient,
): Promise<BaseProvider> {
  const files = {
    filepath: deps.files.credentialsFile,
    configFilepath: deps.files.configFile,
    ignoreCache: true,
  }
  if (target.kind === 'profile') {
    const profile = target.profile
    if (!profile) throw new AppError('invalid-target', `Target ${target.id} names no profile.`)
    const config = await loadAwsConfig(deps.files)
    const values = config.profiles.get(profile)
    // fromIni does not pass the config path on to its inner fromSSO, so SSO profiles go to fromSSO directly.
    if (values?.has('sso_session') || values?.has('sso_start_url')) {
      return fromSSO({ profile, ...files, clientConfig: clientConfigFor('sso', deps.env) })
    }
    return fromIni({ profile, ...files, clientConfig: clientConfigFor('sts', deps.env) })
  }
  const { ssoSession: sessionId, roleName, accountId } = target
  if (!sessionId || !roleName) {
    throw new AppError(
      'sso-role-not-assigned',
      `No role is chosen for account ${target.accountName} (${accountId}).`,
      'Choose a role for this account in Settings → AWS, or exclude it.',
    )
  }
  const config = await loadAwsConfig(deps.files)
  const session = findSsoSession(config, sessionId)
  const explicit = {
    ssoStartUrl: session.startUrl,
    ssoRegion: session.region,
    ssoAccountId: accountId,
    ssoRoleName: roleName,
    clientConfig: clientConfigFor('sso', deps.env),
  }
  if (session.kind === 'legacy-sso') return fromSSO({ ...explicit, ...files })
  const viaProfile = session.profiles[0]
  if (viaProfile) return fromSSO({ ...explicit, ssoSession: session.id, profile: viaProfile, ...files })
  // A session no profile uses: the SDK cannot find its token, so read it from the shared cache ourselves.
  return async () => {
    const token = await readToken(deps.home, session.id)
    if (!token || Date.parse(token.expiresAt) <= deps.now().getTime()) {
      throw tokenExpiredError(session.id, `Getting credentials for ${accountId}`)
    }
    const response = await ssoFor(session.region).send(
      new GetRoleCredentialsCommand({ accessToken: token.accessToken, accountId, roleName }),
    )
    const creds = response.roleCredentials
    if (!creds?.accessKeyId || !creds.secretAccessKey || !creds.sessionToken || !creds.expiration) {
      throw new AppError('aws-error', 'IAM Identity Center returned incomplete role credentials.')
    }
    return {
      accessKeyId: creds.accessKeyId,
      secretAccessKey: creds.secretAccessKey,
      sessionToken: creds.sessionToken,
      expiration: new Date(creds.expiration),
    }
  }
}

const cacheKey = (t: Target): string =>
  [t.id, t.kind, t.ssoSession, t.accountId, t.roleName, t.profile].join('|')

/** Per-target credentials, kept in memory only, until five minutes before they expire. */
export interface CredentialCache {
  /** The provider the collectors hand to SDK clients for this target. */
  forTarget(target: Target): AwsCredentialIdentityProvider
  /** Forgets cached credentials (all, or one target's), for example after signing in again. */
  clear(targetId?: string): void
}

/** Builds the per-target credential cache. */
export function createCredentialCache(deps: CredentialDeps): CredentialCache {
  const cached = new Map<string, { targetId: string; identity: AwsCredentialIdentity }>()
  // One bucket per SSO session: every account's role credentials share the session's portal quota.
  const portal = deps.portal ?? createPortalPacer()
  // One portal client per Region for every target: a client per call costs CPU and sockets at 1,000 accounts.
  const ssoClients = new Map<string, SSOClient>()
  const ssoFor = (region: string) => {
    let client = ssoClients.get(region)
    if (!client) {
      client = new SSOClient({ region, ...clientConfigFor('sso', deps.env) })
      ssoClients.set(region, client)
    }
    return client
  }
  const inFlight = new Map<string, Promise<AwsCredentialIdentity>>()
  const isFresh = (identity: AwsCredentialIdentity) =>
    !identity.expiration || identity.expiration.getTime() - deps.now().getTime() > credentialRefreshWindowMs

  return {
    forTarget(target) {
      const key = cacheKey(target)
      return async () => {
        const hit = cached.get(key)
        if (hit && isFresh(hit.identity)) return hit.identity
        const running = inFlight.get(key)
        if (running) return running
        const fetch = (async () => {
          try {
            const provider = await baseProviderFor(target, deps, ssoFor)
            if (target.kind !== 'profile' && target.ssoSession) await portal.acquire(target.ssoSession)
            const identity = await provider()
            cached.set(key, { targetId: target.id, identity })
            return identity
          } catch (error) {
            throw toAwsError(error, {
              action: `Getting credentials for ${target.accountName} (${target.accountId})`,
              ...(target.ssoSession ? { sessionId: target.ssoSession } : {}),
              accountId: target.accountId,
              ...(target.roleName ? { roleName: target.roleName } : {}),
            })
          } finally {
            inFlight.delete(key)
          }
        })()
        inFlight.set(key, fetch)
        return fetch
      }
    },
    clear(targetId) {
      for (const [key, entry] of cached) if (!targetId || entry.targetId === targetId) cached.delete(key)
    },
  }
}
