import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fromSSO } from '@aws-sdk/credential-providers'
import { describe, expect, it } from 'vitest'
import type { LoginProgress } from '../../shared/ipc/domains/aws'
import { createAwsService } from '../../src-main/aws/aws-service'
import { parseScenario } from '../fake-aws/index'
import { withEnv } from '../fake-aws/testing'
import { cliTokenCacheKeys, orgScenario, realAwsDir, sha1, snapshotTree, startedPerTest } from './aws-support'

const started = startedPerTest()

async function setup(deviceFlow: Parameters<typeof orgScenario>[0]) {
  const fake = await started.fake({ scenario: parseScenario(orgScenario(deviceFlow)) })
  const home = await started.home()
  const progress: LoginProgress[] = []
  const sleeps: number[] = []
  const opened: string[] = []
  const service = createAwsService({
    env: { ...fake.env, HOME: home },
    emitLoginProgress: (p) => progress.push(p),
    openExternal: async (url) => {
      opened.push(url)
    },
    // Never wait real seconds: record what the flow asked for and go on at once.
    sleep: async (ms) => {
      sleeps.push(ms)
    },
  })
  return { fake, home, service, progress, sleeps, opened }
}

describe('SSO device login against the fake AWS', () => {
  it('goes pending → slow_down → success, and writes a token the AWS SDK accepts', async () => {
    const realBefore = await snapshotTree(realAwsDir)
    const t = await setup({
      outcome: 'approve',
      pendingPolls: 2,
      slowDownPolls: [2],
      intervalSeconds: 1,
      userName: 'lead',
    })
    const result = await t.service.startLogin('corp')
    expect(result.token.state).toBe('valid')

    // interval 1 s; slow_down on poll 2 adds 5 s to every later wait.
    expect(t.sleeps).toEqual([1000, 1000, 6000, 6000])
    expect(
      t.fake.counts
        .entries()
        .filter((e) => e.api === 'CreateToken')
        .map((e) => e.outcome),
    ).toHaveLength(4)
    expect(t.progress.map((p) => p.state)).toEqual(['registering', 'waiting', 'succeeded'])
    const waiting = t.progress[1]
    expect(waiting?.userCode).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/)
    expect(t.opened).toEqual([waiting?.verificationUriComplete])
    expect(waiting?.isBrowserOpened).toBe(true)

    // The AWS CLI v2 format and place: sha1(session name), with what a refresh needs.
    const tokenFile = join(t.home, '.aws', 'sso', 'cache', `${sha1('corp')}.json`)
    const written = JSON.parse(await readFile(tokenFile, 'utf8'))
    expect(Object.keys(written).sort()).toEqual(cliTokenCacheKeys)
    expect(written.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(written.startUrl).toBe('https://fake-org.awsapps.com/start')

    // The SDK's own fromSSO reads that file and gets role credentials with it.
    const credentials = await withEnv(
      { HOME: t.home, AWS_CONFIG_FILE: undefined, AWS_PROFILE: undefined },
      () => fromSSO({ profile: 'audit', clientConfig: { endpoint: t.fake.endpoint } })(),
    )
    expect(credentials.accessKeyId).toMatch(/^ASIA/)
    expect(t.fake.counts.total({ api: 'GetRoleCredentials', outcome: 'ok' })).toBe(1)

    // Only the token and the client registration were written, both inside the temporary HOME.
    const cached = await readdir(join(t.home, '.aws', 'sso', 'cache'))
    expect(cached.sort()).toHaveLength(2)
    expect(await snapshotTree(realAwsDir)).toEqual(realBefore)
  })

  it('signs in a legacy SSO profile into sha1(start URL), which fromSSO accepts', async () => {
    const t = await setup({ outcome: 'approve', pendingPolls: 0, userName: 'lead' })
    const legacy = [
      '[profile old]',
      'sso_start_url = https://fake-org.awsapps.com/start',
      'sso_region = us-east-1',
      'sso_account_id = 222222222222',
      'sso_role_name = ReadOnlyAccess',
    ].join('\n')
    await writeFile(join(t.home, '.aws', 'config'), legacy)
    const startUrl = 'https://fake-org.awsapps.com/start'
    await t.service.startLogin(startUrl)
    const written = JSON.parse(
      await readFile(join(t.home, '.aws', 'sso', 'cache', `${sha1(startUrl)}.json`), 'utf8'),
    )
    // Legacy tokens never refresh, so the CLI keeps no client secret in them.
    expect(Object.keys(written).sort()).toEqual(['accessToken', 'expiresAt', 'region', 'startUrl'])
    const credentials = await withEnv(
      { HOME: t.home, AWS_CONFIG_FILE: undefined, AWS_PROFILE: undefined },
      () => fromSSO({ profile: 'old', clientConfig: { endpoint: t.fake.endpoint } })(),
    )
    expect(credentials.accessKeyId).toMatch(/^ASIA/)
  })

  it('reuses the cached client registration on the next sign-in', async () => {
    const t = await setup({ outcome: 'approve', pendingPolls: 0, userName: 'lead' })
    await t.service.startLogin('corp')
    await t.service.startLogin('corp')
    expect(t.fake.counts.total({ api: 'RegisterClient' })).toBe(1)
    expect(t.fake.counts.total({ api: 'StartDeviceAuthorization' })).toBe(2)
  })

  it('reports a denied sign-in and writes no token', async () => {
    const t = await setup({ outcome: 'deny', pendingPolls: 1, userName: 'lead' })
    await expect(t.service.startLogin('corp')).rejects.toMatchObject({
      code: 'sso-login-denied',
      message: 'Sign-in to corp was denied in the browser.',
    })
    expect(t.progress.at(-1)).toMatchObject({ state: 'denied' })
    const cached = await readdir(join(t.home, '.aws', 'sso', 'cache'))
    expect(cached).not.toContain(`${sha1('corp')}.json`)
    const listed = await t.service.listProfiles({})
    expect(listed.sessions[0]?.token).toEqual({ state: 'missing' })
  })

  it('reports an expired device code and writes no token', async () => {
    const t = await setup({ outcome: 'expire', pendingPolls: 2, userName: 'lead' })
    await expect(t.service.startLogin('corp')).rejects.toMatchObject({
      code: 'sso-login-expired',
      hint: expect.stringContaining('Start the sign-in again'),
    })
    expect(t.progress.at(-1)).toMatchObject({ state: 'expired' })
    await expect(readdir(join(t.home, '.aws', 'sso', 'cache'))).resolves.not.toContain(`${sha1('corp')}.json`)
  })

  it('can be cancelled while waiting for the browser', async () => {
    const t = await setup({ outcome: 'approve', pendingPolls: 1000, userName: 'lead' })
    const service = createAwsService({
      env: { ...t.fake.env, HOME: t.home },
      emitLoginProgress: (p) => {
        t.progress.push(p)
        if (p.state === 'waiting') setImmediate(() => service.cancelLogin('corp'))
      },
      openExternal: async () => undefined,
      sleep: (_ms, signal) =>
        new Promise((resolve, reject) => {
          if (signal.aborted) reject(signal.reason)
          else setImmediate(resolve)
        }),
    })
    await expect(service.startLogin('corp')).rejects.toMatchObject({ code: 'sso-login-cancelled' })
    expect(t.progress.at(-1)).toMatchObject({ state: 'cancelled' })
    expect(service.cancelLogin('corp')).toEqual({ isCancelled: false })
    await expect(readdir(join(t.home, '.aws', 'sso', 'cache'))).resolves.not.toContain(`${sha1('corp')}.json`)
  })

  it('says the endpoint is unreachable when nothing answers', async () => {
    const t = await setup({})
    await t.fake.close()
    await expect(t.service.startLogin('corp')).rejects.toMatchObject({ code: 'aws-unreachable' })
  })
})
