import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  AccessDeniedException,
  AuthorizationPendingException,
  CreateTokenCommand,
  RegisterClientCommand,
  SlowDownException,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc'
import { describe, expect, it } from 'vitest'
import type { LoginProgress } from '../../shared/ipc/domains/aws'
import { type DeviceLoginDeps, deviceLogin } from './device-login'
import type { SsoSessionConfig } from './profiles'
import { readToken, ssoCacheDir } from './token-cache'

const session: SsoSessionConfig = {
  id: 'corp',
  kind: 'sso-session',
  startUrl: 'https://corp.awsapps.com/start',
  region: 'us-east-1',
  scopes: ['sso:account:access'],
  profiles: ['audit'],
}
const now = new Date('2026-11-28T12:00:00Z')
const meta = { $metadata: {}, message: 'x' }

type Poll = 'pending' | 'slow' | 'denied' | 'ok'

/** A scripted SSO-OIDC: it answers each CreateToken from `polls` and records every call. */
function scriptedOidc(polls: Poll[]) {
  const calls: string[] = []
  const send = async (command: unknown) => {
    if (command instanceof RegisterClientCommand) {
      calls.push('RegisterClient')
      return {
        clientId: 'client-1',
        clientSecret: 'secret-1',
        clientSecretExpiresAt: now.getTime() / 1000 + 90 * 86_400,
      }
    }
    if (command instanceof StartDeviceAuthorizationCommand) {
      calls.push('StartDeviceAuthorization')
      return {
        deviceCode: 'dev',
        userCode: 'ABCD-EFGH',
        verificationUri: 'https://device.sso.us-east-1.amazonaws.com/',
        verificationUriComplete: 'https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH',
        expiresIn: 600,
        interval: 1,
      }
    }
    if (command instanceof CreateTokenCommand) {
      calls.push('CreateToken')
      const next = polls.shift()
      if (next === 'pending') throw new AuthorizationPendingException(meta)
      if (next === 'slow') throw new SlowDownException(meta)
      if (next === 'denied') throw new AccessDeniedException(meta)
      return { accessToken: 'access-1', expiresIn: 3600, refreshToken: 'refresh-1', tokenType: 'Bearer' }
    }
    throw new Error('unexpected command')
  }
  return { calls, oidc: { send } as unknown as DeviceLoginDeps['oidc'] }
}

async function setup(polls: Poll[]) {
  const home = await mkdtemp(join(tmpdir(), 'ratchet-login-'))
  const { calls, oidc } = scriptedOidc(polls)
  const sleeps: number[] = []
  const progress: LoginProgress[] = []
  const opened: string[] = []
  const deps: DeviceLoginDeps = {
    home,
    oidc,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    openUrl: async (url) => {
      opened.push(url)
      return true
    },
    onProgress: (p) => progress.push(p),
  }
  return { home, calls, sleeps, progress, opened, deps }
}

describe('device login', () => {
  it('honours the interval and adds five seconds for each slow_down', async () => {
    const t = await setup(['pending', 'slow', 'pending', 'ok'])
    const token = await deviceLogin(session, t.deps, new AbortController().signal)
    expect(t.sleeps).toEqual([1000, 1000, 6000, 6000])
    expect(t.opened).toEqual(['https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH'])
    expect(t.progress.map((p) => p.state)).toEqual(['registering', 'waiting', 'succeeded'])
    expect(t.progress[1]).toMatchObject({ userCode: 'ABCD-EFGH', isBrowserOpened: true })
    expect(token).toMatchObject({
      accessToken: 'access-1',
      expiresAt: '2026-11-28T13:00:00Z',
      refreshToken: 'refresh-1',
      clientId: 'client-1',
      startUrl: session.startUrl,
      region: 'us-east-1',
    })
    await expect(readToken(t.home, 'corp')).resolves.toEqual(token)
  })

  it('reuses the cached client registration on the next sign-in', async () => {
    const t = await setup(['ok', 'ok'])
    await deviceLogin(session, t.deps, new AbortController().signal)
    await deviceLogin(session, t.deps, new AbortController().signal)
    expect(t.calls.filter((c) => c === 'RegisterClient')).toHaveLength(1)
  })

  it('fails with the denied error and writes no token when the user denies', async () => {
    const t = await setup(['pending', 'denied'])
    await expect(deviceLogin(session, t.deps, new AbortController().signal)).rejects.toMatchObject({
      code: 'sso-login-denied',
      hint: expect.stringContaining('Allow'),
    })
    expect(t.progress.at(-1)?.state).toBe('denied')
    await expect(readToken(t.home, 'corp')).resolves.toBeUndefined()
  })

  it('stops when cancelled, with no token written', async () => {
    const t = await setup(['pending', 'pending', 'pending'])
    const controller = new AbortController()
    t.deps.sleep = async (_ms, signal) => {
      controller.abort()
      throw signal.reason
    }
    await expect(deviceLogin(session, t.deps, controller.signal)).rejects.toMatchObject({
      code: 'sso-login-cancelled',
    })
    expect(t.progress.at(-1)?.state).toBe('cancelled')
    const files = await readdir(ssoCacheDir(t.home))
    expect(files).toHaveLength(1) // only the client registration
  })
})
