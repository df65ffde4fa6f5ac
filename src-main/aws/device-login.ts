import {
  CreateTokenCommand,
  type CreateTokenCommandOutput,
  RegisterClientCommand,
  type SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc'
import { AppError } from '../../shared/errors'
import type { LoginProgress } from '../../shared/ipc/domains/aws'
import { toAwsError } from './errors'
import type { SsoSessionConfig } from './profiles'
import {
  type CachedRegistration,
  type CachedToken,
  formatCliTime,
  type RegistrationKey,
  readRegistration,
  writeRegistration,
  writeToken,
} from './token-cache'

/** RFC 8628: the default poll interval, and what slow_down adds to it. */
const defaultIntervalSeconds = 5
const slowDownSeconds = 5
/** Like the CLI, a registration this close to expiry is replaced rather than reused. */
const registrationExpiryWindowMs = 15 * 60 * 1000
const deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code'

export interface DeviceLoginDeps {
  home: string
  /** An SSO-OIDC client for the session's Region (and the configured endpoint). */
  oidc: Pick<SSOOIDCClient, 'send'>
  now(): Date
  /** Waits between polls; rejects when the signal aborts. Tests pass a fast one. */
  sleep(ms: number, signal: AbortSignal): Promise<void>
  /** Opens the verification page in the system browser; false when it could not. */
  openUrl(url: string): Promise<boolean>
  onProgress(progress: LoginProgress): void
}

const registrationKeyOf = (session: SsoSessionConfig): RegistrationKey => ({
  startUrl: session.startUrl,
  region: session.region,
  scopes: session.scopes,
  sessionName: session.kind === 'sso-session' ? session.id : undefined,
})

/** Reuses the cached client registration until it nears expiry, as `aws sso login` does; else registers. */
async function clientRegistration(
  session: SsoSessionConfig,
  deps: DeviceLoginDeps,
  signal: AbortSignal,
  isForced: boolean,
): Promise<CachedRegistration> {
  const key = registrationKeyOf(session)
  const cached = isForced ? undefined : await readRegistration(deps.home, key)
  if (cached && Date.parse(cached.expiresAt) - deps.now().getTime() > registrationExpiryWindowMs)
    return cached
  const response = await deps.oidc.send(
    new RegisterClientCommand({
      clientName: `botocore-client-${session.kind === 'sso-session' ? session.id : Math.floor(deps.now().getTime() / 1000)}`,
      clientType: 'public',
      ...(session.scopes?.length ? { scopes: session.scopes } : {}),
    }),
    { abortSignal: signal },
  )
  if (!response.clientId || !response.clientSecret) {
    throw new AppError('sso-login-failed', 'IAM Identity Center did not return a client registration.')
  }
  const expiresAtMs = (response.clientSecretExpiresAt ?? 0) * 1000 || deps.now().getTime() + 90 * 86_400_000
  const registration: CachedRegistration = {
    clientId: response.clientId,
    clientSecret: response.clientSecret,
    expiresAt: formatCliTime(new Date(expiresAtMs)),
    ...(session.scopes?.length ? { scopes: session.scopes } : {}),
  }
  await writeRegistration(deps.home, key, registration)
  return registration
}

function outcomeError(state: 'denied' | 'expired' | 'cancelled', session: SsoSessionConfig): AppError {
  if (state === 'denied') {
    return new AppError(
      'sso-login-denied',
      `Sign-in to ${session.id} was denied in the browser.`,
      'Start the sign-in again and choose Allow on the AWS page.',
    )
  }
  if (state === 'expired') {
    return new AppError(
      'sso-login-expired',
      `The sign-in code for ${session.id} expired before it was approved.`,
      'Start the sign-in again and approve it in the browser within a few minutes.',
    )
  }
  return new AppError('sso-login-cancelled', `Sign-in to ${session.id} was cancelled.`)
}

/**
 * Signs in to an SSO session with the OIDC device authorization flow: RegisterClient (or the cached
 * registration), StartDeviceAuthorization, open the browser, then poll CreateToken honouring interval,
 * slow_down and expiry. Writes the token where `aws` and the SDK's fromSSO find it, and returns it.
 */
export async function deviceLogin(
  session: SsoSessionConfig,
  deps: DeviceLoginDeps,
  signal: AbortSignal,
): Promise<CachedToken> {
  const progress = (p: Omit<LoginProgress, 'sessionId'>) => deps.onProgress({ sessionId: session.id, ...p })
  const context = { action: `Signing in to ${session.id}`, sessionId: session.id, endpoint: session.startUrl }
  try {
    progress({ state: 'registering' })
    let registration = await clientRegistration(session, deps, signal, false)
    const start = async (reg: CachedRegistration) =>
      deps.oidc.send(
        new StartDeviceAuthorizationCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          startUrl: session.startUrl,
        }),
        { abortSignal: signal },
      )
    let device: Awaited<ReturnType<typeof start>>
    try {
      device = await start(registration)
    } catch (error) {
      // A cached registration the service no longer knows: register afresh once, as the CLI does.
      if ((error as { name?: string }).name !== 'InvalidClientException') throw error
      registration = await clientRegistration(session, deps, signal, true)
      device = await start(registration)
    }
    if (!device.deviceCode || !device.userCode || !device.verificationUri) {
      throw new AppError('sso-login-failed', 'IAM Identity Center did not return a device code.')
    }
    const startedAt = deps.now().getTime()
    const deadline = startedAt + (device.expiresIn ?? 600) * 1000
    const pageUrl = device.verificationUriComplete ?? device.verificationUri
    const isBrowserOpened = await deps.openUrl(pageUrl).catch(() => false)
    const waiting = {
      userCode: device.userCode,
      verificationUri: device.verificationUri,
      ...(device.verificationUriComplete ? { verificationUriComplete: device.verificationUriComplete } : {}),
      isBrowserOpened,
      expiresAt: new Date(deadline).toISOString(),
    }
    progress({ state: 'waiting', ...waiting })
    let intervalSeconds = device.interval ?? defaultIntervalSeconds
    let created: CreateTokenCommandOutput | undefined
    while (!created) {
      await deps.sleep(intervalSeconds * 1000, signal)
      if (deps.now().getTime() >= deadline) throw outcomeError('expired', session)
      try {
        created = await deps.oidc.send(
          new CreateTokenCommand({
            grantType: deviceGrant,
            deviceCode: device.deviceCode,
            clientId: registration.clientId,
            clientSecret: registration.clientSecret,
          }),
          { abortSignal: signal },
        )
      } catch (error) {
        const name = (error as { name?: string }).name
        if (name === 'AuthorizationPendingException') continue
        if (name === 'SlowDownException') {
          intervalSeconds += slowDownSeconds
          continue
        }
        if (name === 'ExpiredTokenException') throw outcomeError('expired', session)
        if (name === 'AccessDeniedException') throw outcomeError('denied', session)
        throw error
      }
    }
    if (!created.accessToken)
      throw new AppError('sso-login-failed', 'IAM Identity Center returned no access token.')
    const expiresAt = new Date(deps.now().getTime() + (created.expiresIn ?? 3600) * 1000)
    const token: CachedToken = {
      startUrl: session.startUrl,
      region: session.region,
      accessToken: created.accessToken,
      expiresAt: formatCliTime(expiresAt),
      // Like the CLI, only sso-session logins keep what a refresh needs; legacy tokens never refresh.
      ...(session.kind === 'sso-session'
        ? {
            clientId: registration.clientId,
            clientSecret: registration.clientSecret,
            registrationExpiresAt: registration.expiresAt,
            ...(created.refreshToken ? { refreshToken: created.refreshToken } : {}),
          }
        : {}),
    }
    await writeToken(deps.home, session.id, token)
    progress({ state: 'succeeded', expiresAt: expiresAt.toISOString() })
    return token
  } catch (error) {
    const appError = signal.aborted ? outcomeError('cancelled', session) : toAwsError(error, context)
    const state =
      appError.code === 'sso-login-denied'
        ? 'denied'
        : appError.code === 'sso-login-expired'
          ? 'expired'
          : appError.code === 'sso-login-cancelled'
            ? 'cancelled'
            : 'failed'
    progress({ state, message: appError.message })
    throw appError
  }
}
