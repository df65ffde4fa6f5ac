import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  paginateListAccounts,
  SSOClient,
} from '@aws-sdk/client-sso'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { fromIni, fromSSO } from '@aws-sdk/credential-providers'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type FakeAws, startFakeAws } from '../fake-aws/index'
import { withEnv } from '../fake-aws/testing'
import { cliTokenCacheKeys } from './aws-support'

const MGMT = '111111111111'
const PROD = '222222222222'

let fake: FakeAws
const homes: string[] = []
beforeAll(async () => {
  fake = await startFakeAws({ scenario: 'test/fixtures/scenarios/small-org.yaml' })
})
afterAll(() => fake.close())
afterEach(async () => {
  await Promise.all(homes.splice(0).map((h) => rm(h, { recursive: true, force: true })))
})

async function tempHome(): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'fake-aws-sso-'))
  homes.push(home)
  return home
}

/** Runs `run` with HOME pointing at a fresh signed-in home and the fake's endpoint variables. */
async function signedIn<T>(
  session: string,
  opts: { expiresAt?: Date },
  run: (home: string) => Promise<T>,
): Promise<T> {
  const home = await tempHome()
  await fake.writeSsoLogin(home, {
    session,
    ...opts,
    profiles: [
      { name: 'mgmt-admin', accountId: MGMT, roleName: 'AdministratorAccess' },
      { name: 'prod-admin', accountId: PROD, roleName: 'AdministratorAccess' },
    ],
  })
  return withEnv(
    { ...fake.env, HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config'), AWS_PROFILE: undefined },
    () => run(home),
  )
}

const cacheFile = (home: string, session: string) =>
  join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(session).digest('hex')}.json`)

describe('fromSSO / fromIni with an sso-session profile', () => {
  it('resolves role credentials that the fake maps back to the account', async () => {
    await signedIn('valid', {}, async (home) => {
      const config = await readFile(join(home, '.aws', 'config'), 'utf8')
      expect(config).toContain('[sso-session valid]')
      expect(config).toContain('sso_start_url = https://acme.awsapps.com/start')
      const credentials = await fromSSO({ profile: 'mgmt-admin' })()
      expect(credentials.accessKeyId).toMatch(/^ASIA/)
      expect(credentials.expiration).toBeInstanceOf(Date)
      const sts = new STSClient({ region: 'us-east-1', credentials })
      const who = await sts.send(new GetCallerIdentityCommand({}))
      expect(who.Account).toBe(MGMT)
      expect(who.Arn).toMatch(
        /assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]+\/admin@acme.example$/,
      )
    })
  })

  it('fromIni resolves the same profile kind', async () => {
    await signedIn('ini', {}, async () => {
      const credentials = await fromIni({ profile: 'mgmt-admin' })()
      const sts = new STSClient({ region: 'us-east-1', credentials })
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(MGMT)
    })
  })

  it('refreshes an expired access token with the refresh_token grant and rewrites the cache', async () => {
    fake.resetCounts()
    await signedIn('refresh', { expiresAt: new Date(Date.now() - 60_000) }, async (home) => {
      const before = JSON.parse(await readFile(cacheFile(home, 'refresh'), 'utf8'))
      const credentials = await fromSSO({ profile: 'mgmt-admin' })()
      expect(credentials.accessKeyId).toMatch(/^ASIA/)
      const after = JSON.parse(await readFile(cacheFile(home, 'refresh'), 'utf8'))
      expect(after.accessToken).not.toBe(before.accessToken)
      expect(after.refreshToken).not.toBe(before.refreshToken)
      expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.now())
      expect(after.clientId).toBe(before.clientId)
    })
    expect(fake.counts.total({ api: 'CreateToken', outcome: 'ok' })).toBe(1)
    expect(fake.counts.total({ api: 'GetRoleCredentials', accountId: MGMT, outcome: 'ok' })).toBe(1)
  })

  it('surfaces a revoked session as UnauthorizedException from GetRoleCredentials', async () => {
    await signedIn('revoked', {}, async () => {
      fake.revokeSsoTokens()
      const error = await fromSSO({ profile: 'mgmt-admin' })().catch((e: unknown) => e)
      expect(error).toMatchObject({ name: 'CredentialsProviderError', tryNextLink: false })
      expect(String((error as Error).message)).toContain('UnauthorizedException')
    })
  })

  it('answers ForbiddenException "No access" for a role the user is not assigned', async () => {
    await signedIn('forbidden', {}, async () => {
      const error = await fromSSO({ profile: 'prod-admin' })().catch((e: unknown) => e)
      expect(String((error as Error).message)).toContain('No access')
      expect(fake.counts.total({ api: 'GetRoleCredentials', accountId: PROD, outcome: 'denied' })).toBe(1)
    })
  })
})

describe('writeSsoLogin', () => {
  it('merges into an existing config: keeps other sections, replaces its own', async () => {
    const home = await tempHome()
    await mkdir(join(home, '.aws'), { recursive: true })
    await writeFile(join(home, '.aws', 'config'), '[profile keep-me]\nregion = eu-west-1\n')
    await fake.writeSsoLogin(home, {
      session: 'merge',
      profiles: [{ name: 'p', accountId: MGMT, roleName: 'SecurityAudit' }],
    })
    await fake.writeSsoLogin(home, {
      session: 'merge',
      profiles: [{ name: 'p', accountId: PROD, roleName: 'SecurityAudit' }],
    })
    const config = await readFile(join(home, '.aws', 'config'), 'utf8')
    expect(config).toContain('[profile keep-me]\nregion = eu-west-1')
    expect(config.match(/\[sso-session merge\]/g)).toHaveLength(1)
    expect(config.match(/\[profile p\]/g)).toHaveLength(1)
    expect(config).toContain(`sso_account_id = ${PROD}`)
    expect(config).not.toContain(`sso_account_id = ${MGMT}`)
    const cache = JSON.parse(await readFile(cacheFile(home, 'merge'), 'utf8'))
    expect(Object.keys(cache).sort()).toEqual(cliTokenCacheKeys)
  })

  it('treats every bearer token as expired when the scenario says so', async () => {
    const expired = await startFakeAws({
      scenario: {
        accounts: [{ id: MGMT, name: 'm' }],
        sso: {
          tokenFault: 'expired',
          users: [{ userName: 'u', assignments: [{ accountId: MGMT, roles: ['R'] }] }],
        },
      },
    })
    try {
      const home = await tempHome()
      await expired.writeSsoLogin(home, { session: 'srv-expired' })
      const accessToken = JSON.parse(await readFile(cacheFile(home, 'srv-expired'), 'utf8')).accessToken
      const sso = new SSOClient({ region: 'us-east-1', endpoint: expired.endpoint, maxAttempts: 1 })
      const error = await sso
        .send(new GetRoleCredentialsCommand({ accessToken, accountId: MGMT, roleName: 'R' }))
        .catch((e: unknown) => e)
      expect(error).toMatchObject({ name: 'UnauthorizedException', message: 'Session token expired' })
    } finally {
      await expired.close()
    }
  })
})

describe('SSO portal API', () => {
  async function token(): Promise<string> {
    const home = await tempHome()
    await fake.writeSsoLogin(home, { session: 'portal' })
    return JSON.parse(await readFile(cacheFile(home, 'portal'), 'utf8')).accessToken
  }
  const sso = () => new SSOClient({ region: 'us-east-1', endpoint: fake.endpoint, maxAttempts: 1 })

  it('paginates ListAccounts (max_result / next_token) and lists roles', async () => {
    const accessToken = await token()
    const pages = []
    for await (const page of paginateListAccounts({ client: sso(), pageSize: 2 }, { accessToken }))
      pages.push(page.accountList?.map((a) => a.accountId))
    expect(pages).toEqual([[MGMT, PROD], ['333333333333']])
    const roles = await sso().send(new ListAccountRolesCommand({ accessToken, accountId: MGMT }))
    expect(roles.roleList?.map((r) => r.roleName)).toEqual(['AdministratorAccess', 'SecurityAudit'])
  })

  it('issues role credentials with an epoch-milliseconds expiration', async () => {
    const accessToken = await token()
    const out = await sso().send(
      new GetRoleCredentialsCommand({ accessToken, accountId: PROD, roleName: 'SecurityAudit' }),
    )
    expect(out.roleCredentials?.expiration).toBeGreaterThan(Date.now())
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: fake.endpoint,
      credentials: {
        accessKeyId: out.roleCredentials?.accessKeyId ?? '',
        secretAccessKey: out.roleCredentials?.secretAccessKey ?? '',
        sessionToken: out.roleCredentials?.sessionToken ?? '',
      },
    })
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(PROD)
  })

  it('answers InvalidRequestException (400) for max_result out of range', async () => {
    const accessToken = await token()
    const error = await sso()
      .send(new ListAccountRolesCommand({ accessToken, accountId: MGMT, maxResults: 500 }))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'InvalidRequestException', $metadata: { httpStatusCode: 400 } })
  })

  it('rejects an unknown bearer token with UnauthorizedException (401)', async () => {
    const error = await sso()
      .send(new ListAccountRolesCommand({ accessToken: 'not-a-token', accountId: MGMT }))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'UnauthorizedException', $metadata: { httpStatusCode: 401 } })
  })
})
