import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { createRegistry, type Handlers } from './registry'

function handlers(overrides: Partial<Handlers['aws']> = {}): Handlers {
  return {
    app: {
      getInfo: async () => ({ name: 'Ratchet', version: '1', platform: 'linux', isDemoDefault: false }),
      openExternal: async () => ({ isOpened: true }),
      pickFolder: async () => ({ isChosen: false }),
    },
    aws: {
      listProfiles: async () => ({
        configFile: '/h/.aws/config',
        credentialsFile: '/h/.aws/credentials',
        profiles: [{ name: 'dev', kind: 'static' as const }],
        sessions: [],
      }),
      startLogin: async ({ sessionId }) => ({ sessionId, token: { state: 'missing' as const } }),
      cancelLogin: async () => ({ isCancelled: false }),
      discoverTargets: async ({ sessionId }) => ({ sessionId, targets: [] }),
      profileTarget: async ({ profile }) => ({
        id: `profile:${profile}`,
        kind: 'profile' as const,
        accountId: '111111111111',
        accountName: profile,
        profile,
      }),
      ...overrides,
    },
    export: {
      save: async () => ({ isSaved: false, fileName: 'ratchet.pdf' }),
      cancel: async () => ({ isCancelled: false }),
    },
    collect: {
      start: async () => ({ jobId: 'job', accountCount: 0 }),
      cancel: async () => ({ isCancelled: false }),
      retryFailed: async () => ({ jobId: 'job', accountCount: 0 }),
      importFolder: async () => ({ bundles: [] }),
      exportFolder: async () => ({ accountCount: 0, fileCount: 0 }),
    },
  } as Handlers
}

describe('handler registry', () => {
  it('answers a valid request with the handler value', async () => {
    const registry = createRegistry(handlers())
    expect(await registry.invoke('aws:list-profiles', {})).toEqual({
      ok: true,
      value: {
        configFile: '/h/.aws/config',
        credentialsFile: '/h/.aws/credentials',
        profiles: [{ name: 'dev', kind: 'static' }],
        sessions: [],
      },
    })
  })

  it('rejects a malformed request with a typed error naming the field', async () => {
    const registry = createRegistry(handlers())
    const result = await registry.invoke('app:open-external', { url: 'http://docs.aws.amazon.com/' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('invalid-request')
    expect(result.error.message).toContain('url:')
    expect(result.error.hint).toBeTruthy()
  })

  it('rejects a request that is not an object at all', async () => {
    const result = await createRegistry(handlers()).invoke('app:open-external', 'https://docs.aws.amazon.com')
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
  })

  it('passes AppErrors through with their code and hint', async () => {
    const registry = createRegistry(
      handlers({
        listProfiles: async () => {
          throw new AppError('no-aws-config', 'No AWS configuration', 'Run aws configure sso')
        },
      }),
    )
    expect(await registry.invoke('aws:list-profiles', {})).toEqual({
      ok: false,
      error: { code: 'no-aws-config', message: 'No AWS configuration', hint: 'Run aws configure sso' },
    })
  })

  it('turns unexpected throws into an internal error without a stack', async () => {
    const registry = createRegistry(
      handlers({
        listProfiles: async () => {
          throw new TypeError('boom')
        },
      }),
    )
    const result = await registry.invoke('aws:list-profiles', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: 'boom' } })
    expect(JSON.stringify(result)).not.toContain('at ')
  })

  it('refuses a response that breaks the contract', async () => {
    const registry = createRegistry(handlers({ listProfiles: async () => ({ configFile: 42 }) as never }))
    expect(await registry.invoke('aws:list-profiles', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid-response' },
    })
  })

  it('refuses unknown channels', async () => {
    expect(await createRegistry(handlers()).invoke('fs:read-file', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    })
  })

  it('will not build without a handler for every channel', () => {
    const incomplete = { ...handlers(), aws: {} } as unknown as Handlers
    expect(() => createRegistry(incomplete)).toThrow('No handler for aws:list-profiles')
  })
})
