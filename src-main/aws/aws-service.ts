import { SSOClient } from '@aws-sdk/client-sso'
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { AppError } from '../../shared/errors'
import {
  type LoginProgress,
  profileTargetId,
  type Target,
  type TokenState,
} from '../../shared/ipc/domains/aws'
import { abortableSleep } from '../collect/context'
import { isAllowedExternalUrl } from '../security'
import { clientConfigFor } from './client-config'
import { createCredentialCache } from './credentials'
import { deviceLogin } from './device-login'
import { discoverTargets } from './discovery'
import { toAwsError } from './errors'
import { createPortalPacer, portalQuotaFromEnv } from './portal'
import {
  type AwsFiles,
  describeAwsSetup,
  findSsoSession,
  loadAwsConfig,
  resolveAwsFiles,
  resolveHome,
} from './profiles'
import { tokenStateOf } from './token-cache'

type Env = Readonly<Record<string, string | undefined>>

export interface AwsServiceDeps {
  env: Env
  emitLoginProgress(progress: LoginProgress): void
  /** Opens a checked https URL in the system browser; `extraHosts` widens the allow-list for this call. */
  openExternal(url: string, options?: { extraHosts?: readonly string[] }): Promise<void>
  now?: () => Date
  /** Waits between device-flow polls. Tests pass a fast one so they never wait real seconds. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>
}

/** The device-authorization pages of IAM Identity Center, which the sign-in opens in the system browser. */
export function isSsoDevicePage(raw: string): boolean {
  try {
    const host = new URL(raw).hostname.toLowerCase()
    return /^device\.sso\.[a-z0-9-]+\.amazonaws\.com$/.test(host) || /^[a-z0-9-]+\.awsapps\.com$/.test(host)
  } catch {
    return false
  }
}

/** The AWS side of Ratchet: profiles, SSO sign-in, discovery and per-target credentials. */
export function createAwsService(deps: AwsServiceDeps) {
  const now = deps.now ?? (() => new Date())
  const home = resolveHome(deps.env)
  const defaults = resolveAwsFiles(deps.env, home)
  const logins = new Map<string, AbortController>()
  // Discovery and role credentials share each session's portal quota.
  const portal = createPortalPacer(portalQuotaFromEnv(deps.env))
  const credentials = createCredentialCache({ env: deps.env, home, files: defaults, now, portal })

  const openUrl = async (url: string): Promise<boolean> => {
    if (!isSsoDevicePage(url)) return false
    const host = new URL(url).hostname
    if (!isAllowedExternalUrl(url, [host])) return false
    await deps.openExternal(url, { extraHosts: [host] })
    return true
  }

  return {
    home,
    files: defaults,
    /** Per-target credentials for the collectors: `credentials.forTarget(target)`. */
    credentials,

    /** Profiles and sessions, with token states. */
    async listProfiles(request: Partial<AwsFiles>) {
      const files = {
        configFile: request.configFile ?? defaults.configFile,
        credentialsFile: request.credentialsFile ?? defaults.credentialsFile,
      }
      const setup = await describeAwsSetup(files, home, now())
      return {
        ...files,
        ...(deps.env.AWS_PROFILE ? { defaultProfile: deps.env.AWS_PROFILE } : {}),
        ...setup,
      }
    },

    /** Runs the device flow for one session; a second start for the same session replaces the first. */
    async startLogin(sessionId: string): Promise<{ sessionId: string; token: TokenState }> {
      const session = findSsoSession(await loadAwsConfig(defaults), sessionId)
      logins.get(sessionId)?.abort(new AppError('sso-login-cancelled', 'Replaced by a new sign-in.'))
      const controller = new AbortController()
      logins.set(sessionId, controller)
      const oidc = new SSOOIDCClient({ region: session.region, ...clientConfigFor('sso-oidc', deps.env) })
      try {
        const token = await deviceLogin(
          session,
          {
            home,
            oidc,
            now,
            sleep: deps.sleep ?? abortableSleep,
            openUrl,
            onProgress: deps.emitLoginProgress,
          },
          controller.signal,
        )
        credentials.clear()
        return { sessionId, token: tokenStateOf(token, now()) }
      } finally {
        if (logins.get(sessionId) === controller) logins.delete(sessionId)
        oidc.destroy()
      }
    },

    /** Cancels the session's sign-in, if one is running. */
    cancelLogin(sessionId: string): { isCancelled: boolean } {
      const controller = logins.get(sessionId)
      if (!controller) return { isCancelled: false }
      controller.abort(new AppError('sso-login-cancelled', 'Cancelled by the user.'))
      logins.delete(sessionId)
      return { isCancelled: true }
    },

    /** Every account the session reaches (or only `accountIds`), with its roles and one role chosen. */
    async discoverTargets(
      sessionId: string,
      rolePreference: readonly string[],
      accountIds?: readonly string[],
    ): Promise<Target[]> {
      const session = findSsoSession(await loadAwsConfig(defaults), sessionId)
      const sso = new SSOClient({ region: session.region, ...clientConfigFor('sso', deps.env) })
      const oidc = new SSOOIDCClient({ region: session.region, ...clientConfigFor('sso-oidc', deps.env) })
      try {
        return await discoverTargets(session, rolePreference, {
          home,
          sso,
          oidc,
          now,
          portal,
          ...(accountIds ? { accountIds } : {}),
        })
      } finally {
        sso.destroy()
        oidc.destroy()
      }
    },

    /** A plain profile as a target: its account comes from STS GetCallerIdentity. */
    async profileTarget(profile: string): Promise<Target> {
      const config = await loadAwsConfig(defaults)
      const values = config.profiles.get(profile) ?? config.credentials.get(profile)
      if (!values) {
        throw new AppError(
          'profile-not-found',
          `There is no profile named ${profile} in ${defaults.configFile} or ${defaults.credentialsFile}.`,
          'Reload the profiles in Settings → AWS and pick one from the list.',
        )
      }
      const draft = {
        id: profileTargetId(profile),
        kind: 'profile',
        accountId: '000000000000',
        accountName: profile,
        profile,
      } satisfies Target
      const region = values.get('region') ?? deps.env.AWS_REGION ?? 'us-east-1'
      const sts = new STSClient({
        region,
        credentials: credentials.forTarget(draft),
        ...clientConfigFor('sts', deps.env),
      })
      try {
        const identity = await sts.send(new GetCallerIdentityCommand({}))
        if (!identity.Account)
          throw new AppError('aws-error', 'STS did not say which account the profile is in.')
        return { ...draft, accountId: identity.Account }
      } catch (error) {
        throw toAwsError(error, {
          action: `Checking profile ${profile}`,
          ...(values.get('sso_session') ? { sessionId: values.get('sso_session') } : {}),
        })
      } finally {
        sts.destroy()
      }
    },
  }
}
export type AwsService = ReturnType<typeof createAwsService>
