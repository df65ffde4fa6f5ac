import { describe, expect, it } from 'vitest'
import type { Envelope } from '../../shared/ipc/api'
import { createBridgeApi, createRendererApi } from '../../shared/ipc/api'
import type { LoginProgress, Target } from '../../shared/ipc/domains/aws'
import { createRepos } from '../db/repos'
import { createTargetsRepo } from '../db/targets-repo'
import { createAppStore } from './app-store'
import { awsSelectors } from './aws-slice'
import { testStore } from './test-support'

const targets: Target[] = [
  {
    id: 'sso:corp:111111111111',
    kind: 'sso',
    accountId: '111111111111',
    accountName: 'Production',
    ssoSession: 'corp',
    roleName: 'SecurityAudit',
    availableRoles: ['ReadOnlyAccess', 'SecurityAudit'],
  },
  {
    id: 'sso:corp:222222222222',
    kind: 'sso',
    accountId: '222222222222',
    accountName: 'Development',
    ssoSession: 'corp',
    availableRoles: [],
  },
]

/**
 * A renderer API whose aws channels answer like main: startLogin emits progress (with the user code) and
 * then resolves or fails as `outcome` says.
 */
function fakeAws(outcome: 'ok' | 'denied' | 'cancelled') {
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const calls: string[] = []
  const emit = (channel: string, payload: LoginProgress) => {
    for (const l of listeners.get(channel) ?? []) l(payload)
  }
  const seen: LoginProgress[] = []
  const invoke = async (channel: string, request: unknown): Promise<Envelope> => {
    calls.push(channel)
    if (channel === 'aws:list-profiles') {
      return {
        ok: true,
        value: {
          configFile: '/h/.aws/config',
          credentialsFile: '/h/.aws/credentials',
          profiles: [],
          sessions: [],
        },
      }
    }
    if (channel === 'aws:start-login') {
      emit('aws:login-progress', { sessionId: 'corp', state: 'waiting', userCode: 'ABCD-1234' })
      if (outcome === 'ok')
        return {
          ok: true,
          value: { sessionId: 'corp', token: { state: 'valid', expiresAt: '2026-11-28T20:00:00.000Z' } },
        }
      if (outcome === 'denied') {
        return {
          ok: false,
          error: { code: 'sso-login-denied', message: 'Sign-in to corp was denied in the browser.' },
        }
      }
      return { ok: false, error: { code: 'sso-login-cancelled', message: 'Sign-in to corp was cancelled.' } }
    }
    if (channel === 'aws:discover-targets') {
      expect(request).toMatchObject({
        sessionId: 'corp',
        rolePreference: ['SecurityAudit', 'ReadOnlyAccess', 'ViewOnlyAccess'],
      })
      return { ok: true, value: { sessionId: 'corp', targets } }
    }
    return { ok: false, error: { code: 'not-implemented', message: `${channel} is not faked` } }
  }
  const api = createRendererApi(
    createBridgeApi({
      invoke,
      subscribe: (channel, listener) => {
        const set = listeners.get(channel) ?? new Set()
        set.add((p) => {
          seen.push(p as LoginProgress)
          listener(p)
        })
        listeners.set(channel, set)
        return () => listeners.delete(channel)
      },
    }),
  )
  return { api, calls, seen, listeners }
}

function makeStore(outcome: 'ok' | 'denied' | 'cancelled') {
  const fake = fakeAws(outcome)
  return { ...testStore('aws', { api: fake.api }), fake }
}

describe('the AWS slice', () => {
  it('signs in, shows the user code, then discovers and persists the accounts', async () => {
    const { store, fake, db } = makeStore('ok')
    await store.getState().signIn('corp')
    expect(fake.seen).toEqual([{ sessionId: 'corp', state: 'waiting', userCode: 'ABCD-1234' }])
    expect(fake.listeners.size).toBe(0) // unsubscribed when the login ended
    expect(fake.calls).toEqual(['aws:start-login', 'aws:list-profiles', 'aws:discover-targets'])
    expect(store.getState().targets.map((t) => [t.accountId, t.isIncluded, t.roleName])).toEqual([
      ['111111111111', true, 'SecurityAudit'],
      ['222222222222', true, undefined],
    ])
    // Only accounts with a role are collected.
    expect(awsSelectors.includedTargets(store.getState()).map((t) => t.accountId)).toEqual(['111111111111'])
    await expect(createTargetsRepo(db).load()).resolves.toMatchObject({ targets: store.getState().targets })
  })

  it('keeps role and include choices across a reload of the store', async () => {
    const { store, db, fake } = makeStore('ok')
    await store.getState().discover('corp')
    await store.getState().chooseRole('sso:corp:111111111111', 'ReadOnlyAccess')
    await store.getState().chooseRole('sso:corp:111111111111', 'NotOffered')
    await store.getState().setIncluded(['sso:corp:222222222222'], false)
    const again = createAppStore({ api: fake.api, repos: createRepos(db), now: () => new Date() })
    await again.getState().loadTargets()
    expect(again.getState().targets.map((t) => [t.roleName, t.isRoleChosen, t.isIncluded])).toEqual([
      ['ReadOnlyAccess', true, true],
      [undefined, false, false],
    ])
  })

  it('shows a denied sign-in as an error notice and discovers nothing', async () => {
    const { store, fake } = makeStore('denied')
    await store.getState().signIn('corp')
    expect(store.getState().login).toBeUndefined()
    expect(store.getState().notices.at(-1)).toMatchObject({ level: 'error', code: 'sso-login-denied' })
    expect(fake.calls).not.toContain('aws:discover-targets')
    expect(store.getState().targets).toEqual([])
  })

  it('offers to sign in again when AWS refuses the session token', async () => {
    const api = createRendererApi(
      createBridgeApi({
        invoke: async (channel) =>
          channel === 'aws:discover-targets'
            ? {
                ok: false,
                error: {
                  code: 'sso-token-expired',
                  message:
                    'Listing the accounts of corp failed: the SSO session corp has expired or is not signed in.',
                  hint: 'Sign in again in Settings → AWS.',
                },
              }
            : { ok: false, error: { code: 'not-implemented', message: channel } },
        subscribe: () => () => undefined,
      }),
    )
    const { store } = testStore('aws', { api })
    await store.getState().discover('corp')
    expect(store.getState().signInNeeded).toBe('corp')
    expect(store.getState().notices.at(-1)).toMatchObject({
      code: 'sso-token-expired',
      hint: 'Sign in again in Settings → AWS.',
    })
  })

  it('treats a cancelled sign-in as no error', async () => {
    const { store } = makeStore('cancelled')
    await store.getState().signIn('corp')
    expect(store.getState().login).toBeUndefined()
    expect(store.getState().notices).toEqual([])
  })
})
