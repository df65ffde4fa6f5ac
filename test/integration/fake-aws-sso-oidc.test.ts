import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc'
import { afterEach, describe, expect, it } from 'vitest'
import { type FakeAws, type ScenarioInput, startFakeAws } from '../fake-aws/index'

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'
type DeviceFlow = NonNullable<NonNullable<ScenarioInput['sso']>['deviceFlow']>

const running: FakeAws[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((f) => f.close()))
})

async function start(sso: ScenarioInput['sso']): Promise<FakeAws> {
  const scenario: ScenarioInput = { accounts: [{ id: '111111111111', name: 'only' }], sso }
  const fake = await startFakeAws({ scenario })
  running.push(fake)
  return fake
}

/** Registers a client, starts a device authorization and returns a poll function. */
async function deviceLogin(fake: FakeAws) {
  const oidc = new SSOOIDCClient({ region: 'us-east-1', endpoint: fake.endpoint, maxAttempts: 1 })
  const client = await oidc.send(new RegisterClientCommand({ clientName: 'ratchet', clientType: 'public' }))
  const clientId = client.clientId ?? ''
  const clientSecret = client.clientSecret ?? ''
  const device = await oidc.send(
    new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: fake.scenario.sso.startUrl }),
  )
  const poll = () =>
    oidc
      .send(
        new CreateTokenCommand({
          clientId,
          clientSecret,
          grantType: DEVICE_GRANT,
          deviceCode: device.deviceCode,
        }),
      )
      .then(
        (token) => ({ token }),
        (error: { name: string; error?: string }) => ({ error }),
      )
  return { oidc, clientId, clientSecret, device, poll }
}

async function pollNames(fake: FakeAws, count: number): Promise<string[]> {
  const { poll } = await deviceLogin(fake)
  const names: string[] = []
  for (let i = 0; i < count; i++) {
    const result = await poll()
    names.push('token' in result ? 'token' : result.error.name)
  }
  return names
}

describe('SSO-OIDC device authorization', () => {
  it('registers a client and starts a device authorization with a user code and interval', async () => {
    const fake = await start({ deviceFlow: { intervalSeconds: 5 } })
    const { device, clientSecret } = await deviceLogin(fake)
    expect(clientSecret).toBeTruthy()
    expect(device).toMatchObject({ expiresIn: 600, interval: 5 })
    expect(device.userCode).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/)
    expect(device.verificationUriComplete).toContain(device.userCode ?? '?')
  })

  it('answers authorization_pending, slow_down, then tokens when approved', async () => {
    const flow: DeviceFlow = { outcome: 'approve', pendingPolls: 2, slowDownPolls: [2] }
    const fake = await start({ deviceFlow: flow })
    expect(await pollNames(fake, 5)).toEqual([
      'AuthorizationPendingException',
      'SlowDownException',
      'AuthorizationPendingException',
      'token',
      'InvalidGrantException',
    ])
    expect(fake.counts.total({ api: 'CreateToken', outcome: 'error' })).toBe(4)
  })

  it('carries the OAuth error code in the error body', async () => {
    const fake = await start({ deviceFlow: { pendingPolls: 1 } })
    const { poll } = await deviceLogin(fake)
    const result = await poll()
    expect('error' in result && result.error).toMatchObject({
      name: 'AuthorizationPendingException',
      error: 'authorization_pending',
    })
  })

  it('answers access_denied when the user denies', async () => {
    const fake = await start({ deviceFlow: { outcome: 'deny', pendingPolls: 0 } })
    expect(await pollNames(fake, 1)).toEqual(['AccessDeniedException'])
  })

  it('answers expired_token when the device code expires', async () => {
    const fake = await start({ deviceFlow: { outcome: 'expire', pendingPolls: 1 } })
    expect(await pollNames(fake, 2)).toEqual(['AuthorizationPendingException', 'ExpiredTokenException'])
  })

  it('rejects an unknown grant type with UnsupportedGrantTypeException', async () => {
    const fake = await start({})
    const { oidc, clientId, clientSecret } = await deviceLogin(fake)
    const error = await oidc
      .send(new CreateTokenCommand({ clientId, clientSecret, grantType: 'password' }))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'UnsupportedGrantTypeException', error: 'unsupported_grant_type' })
  })

  it('rejects a wrong client secret with InvalidClientException (401)', async () => {
    const fake = await start({})
    const { oidc, clientId, device } = await deviceLogin(fake)
    const error = await oidc
      .send(
        new CreateTokenCommand({
          clientId,
          clientSecret: 'wrong',
          grantType: DEVICE_GRANT,
          deviceCode: device.deviceCode,
        }),
      )
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'InvalidClientException', $metadata: { httpStatusCode: 401 } })
  })
})

describe('SSO-OIDC refresh_token grant', () => {
  async function approvedToken(fake: FakeAws) {
    const login = await deviceLogin(fake)
    const result = await login.poll()
    if (!('token' in result)) throw new Error(`expected a token, got ${result.error.name}`)
    return { ...login, token: result.token }
  }

  it('issues a new access token and rotates the refresh token', async () => {
    const fake = await start({ deviceFlow: { pendingPolls: 0 }, accessTokenTtlSeconds: 3600 })
    const { oidc, clientId, clientSecret, token } = await approvedToken(fake)
    expect(token).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600 })
    const refresh = () =>
      oidc.send(
        new CreateTokenCommand({
          clientId,
          clientSecret,
          grantType: 'refresh_token',
          refreshToken: token.refreshToken,
        }),
      )
    const refreshed = await refresh()
    expect(refreshed.accessToken).not.toBe(token.accessToken)
    expect(refreshed.refreshToken).not.toBe(token.refreshToken)
    const reused = await refresh().catch((e: unknown) => e)
    expect(reused).toMatchObject({ name: 'InvalidGrantException', error: 'invalid_grant' })
  })

  it('answers invalid_grant when the scenario revokes refresh tokens', async () => {
    const fake = await start({ deviceFlow: { pendingPolls: 0 }, refreshOutcome: 'invalid_grant' })
    const { oidc, clientId, clientSecret, token } = await approvedToken(fake)
    const error = await oidc
      .send(
        new CreateTokenCommand({
          clientId,
          clientSecret,
          grantType: 'refresh_token',
          refreshToken: token.refreshToken,
        }),
      )
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'InvalidGrantException', $metadata: { httpStatusCode: 400 } })
  })
})
