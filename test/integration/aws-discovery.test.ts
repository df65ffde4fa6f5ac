import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SSOClient } from '@aws-sdk/client-sso'
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { defaultRolePreference, type Target } from '../../shared/ipc/domains/aws'
import { createAwsService } from '../../src-main/aws/aws-service'
import { type DiscoveryDeps, discoverTargets } from '../../src-main/aws/discovery'
import { findSsoSession, loadAwsConfig, resolveAwsFiles } from '../../src-main/aws/profiles'
import { generateOrganization, parseScenario } from '../fake-aws/index'
import { withEnv } from '../fake-aws/testing'
import { orgScenario, realAwsDir, sha1, snapshotTree, startedPerTest } from './aws-support'

const started = startedPerTest()

/** A fake with the org scenario and a temporary HOME where `lead` is already signed in to `corp`. */
async function signedIn() {
  const fake = await started.fake({ scenario: parseScenario(orgScenario({ userName: 'lead' })) })
  const home = await started.home()
  await fake.writeSsoLogin(home, { session: 'corp', userName: 'lead' })
  const env = { ...fake.env, HOME: home }
  const service = createAwsService({
    env,
    emitLoginProgress: () => undefined,
    openExternal: async () => undefined,
  })
  /** Discovery called directly on the session `corp`, with the fake's portal unless `sso` is given. */
  const discover = async (deps: Partial<DiscoveryDeps>) => {
    const session = findSsoSession(await loadAwsConfig(resolveAwsFiles(env)), 'corp')
    return discoverTargets(session, defaultRolePreference, {
      home,
      sso: new SSOClient({ region: 'us-east-1', endpoint: fake.endpoint }),
      oidc: new SSOOIDCClient({ region: 'us-east-1', endpoint: fake.endpoint }),
      now: () => new Date(),
      ...deps,
    })
  }
  return { fake, home, env, service, discover }
}

describe('discovering the accounts an SSO session reaches', () => {
  it('reads every page of accounts and roles and picks one role per account', async () => {
    const realBefore = await snapshotTree(realAwsDir)
    const t = await signedIn()
    // A page size of 1 makes every list span several pages.
    const targets = await t.discover({ pageSize: 1, concurrency: 2 })
    expect(targets.map((x) => [x.accountName, x.accountId, x.roleName, x.availableRoles])).toEqual([
      ['Billing', '333333333333', 'Billing', ['Billing']],
      ['Development', '222222222222', 'ReadOnlyAccess', ['ReadOnlyAccess', 'ViewOnlyAccess']],
      [
        'Production',
        '111111111111',
        'SecurityAudit',
        ['AdministratorAccess', 'ReadOnlyAccess', 'SecurityAudit'],
      ],
    ])
    expect(targets[2]).toMatchObject({
      id: 'sso:corp:111111111111',
      kind: 'sso',
      ssoSession: 'corp',
      email: 'prod@example.com',
    })
    expect(t.fake.counts.total({ api: 'ListAccounts' })).toBe(3)
    // 1 + 2 + 3 roles → 1 + 2 + 3 pages.
    expect(t.fake.counts.total({ api: 'ListAccountRoles' })).toBe(6)
    expect(await snapshotTree(realAwsDir)).toEqual(realBefore)
  })

  it('lists roles only for the accounts in scope, and stops paging accounts once all are found', async () => {
    const t = await signedIn()
    // The portal lists Production first: with one account per page, the first page names it.
    const first = '111111111111'
    const targets = await t.discover({ pageSize: 1, accountIds: [first] })
    expect(targets.map((x) => x.accountName)).toEqual(['Production'])
    expect(t.fake.counts.total({ api: 'ListAccounts' })).toBe(1)
    expect(t.fake.counts.total({ api: 'ListAccountRoles' })).toBe(3)
    expect(
      t.fake.counts.entries().filter((e) => e.api === 'ListAccountRoles' && e.accountId !== first),
    ).toEqual([])
  })

  it('handles hundreds of accounts with the default page size, within the portal quota', async () => {
    const scenario = generateOrganization({ seed: 3, accounts: 150 })
    const fake = await started.fake({ scenario })
    const home = await started.home()
    await fake.writeSsoLogin(home, { session: 'corp' })
    const service = createAwsService({
      env: { ...fake.env, HOME: home },
      emitLoginProgress: () => undefined,
      openExternal: async () => undefined,
    })
    const targets = await service.discoverTargets('corp', defaultRolePreference)
    expect(targets).toHaveLength(150)
    expect(new Set(targets.map((x) => x.accountId)).size).toBe(150)
    expect(fake.counts.total({ api: 'ListAccounts' })).toBe(2)
    expect(fake.counts.total({ api: 'ListAccountRoles' })).toBe(150)
    // The fake's portal quota (20/s, burst 20 per session) is on: discovery paces itself within it.
    expect(fake.scenario.sso.portalQuota).toEqual({ ratePerSecond: 20, burst: 20 })
    expect(fake.counts.total({ outcome: 'throttled' })).toBe(0)
  })

  it('gives the sign-in error when the token expires part-way through', async () => {
    const t = await signedIn()
    const real = new SSOClient({ region: 'us-east-1', endpoint: t.fake.endpoint })
    let calls = 0
    const sso = {
      send: ((command: Parameters<SSOClient['send']>[0], options?: Parameters<SSOClient['send']>[1]) => {
        // The session is revoked after the account list and the first role list were read.
        if (++calls === 3) t.fake.revokeSsoTokens()
        return real.send(command, options)
      }) as SSOClient['send'],
    }
    const error = await t.discover({ sso, concurrency: 1 }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'sso-token-expired', hint: expect.stringContaining('Sign in again') })
    expect(String((error as Error).message)).toContain('corp')
  })

  it('refreshes an expired token with the cached refresh token, as the SDK would', async () => {
    const t = await signedIn()
    await t.fake.writeSsoLogin(t.home, {
      session: 'corp',
      userName: 'lead',
      expiresAt: new Date(Date.now() - 60_000),
    })
    const targets = await t.service.discoverTargets('corp', defaultRolePreference)
    expect(targets).toHaveLength(3)
    expect(t.fake.counts.total({ api: 'CreateToken', outcome: 'ok' })).toBe(1)
    const listed = await t.service.listProfiles({})
    expect(listed.sessions.find((s) => s.id === 'corp')?.token.state).toBe('valid')
  })

  it('gives the sign-in error, without listing, when the token expired and cannot be refreshed', async () => {
    const fake = await started.fake({
      scenario: parseScenario({
        ...orgScenario({ userName: 'lead' }),
        sso: { ...orgScenario().sso, refreshOutcome: 'invalid_grant' },
      }),
    })
    const home = await started.home()
    await fake.writeSsoLogin(home, {
      session: 'corp',
      userName: 'lead',
      expiresAt: new Date(Date.now() - 60_000),
    })
    const before = await readFile(join(home, '.aws', 'sso', 'cache', `${sha1('corp')}.json`), 'utf8')
    const service = createAwsService({
      env: { ...fake.env, HOME: home },
      emitLoginProgress: () => undefined,
      openExternal: async () => undefined,
    })
    await expect(service.discoverTargets('corp', defaultRolePreference)).rejects.toMatchObject({
      code: 'sso-token-expired',
      hint: expect.stringContaining('Sign in again'),
    })
    expect(fake.counts.total({ api: 'ListAccounts' })).toBe(0)
    // The cached token is left as it was: nothing half-written.
    await expect(readFile(join(home, '.aws', 'sso', 'cache', `${sha1('corp')}.json`), 'utf8')).resolves.toBe(
      before,
    )
  })
})

describe('credentials per target', () => {
  const target = (roleName: string, accountId = '111111111111'): Target => ({
    id: `sso:corp:${accountId}`,
    kind: 'sso',
    accountId,
    accountName: 'Production',
    ssoSession: 'corp',
    roleName,
  })

  it('gets role credentials with fromSSO and reuses them until near expiry', async () => {
    const t = await signedIn()
    await withEnv({ HOME: t.home, AWS_CONFIG_FILE: undefined, AWS_PROFILE: undefined }, async () => {
      const provider = t.service.credentials.forTarget(target('SecurityAudit'))
      const sts = new STSClient({ region: 'us-east-1', endpoint: t.fake?.endpoint, credentials: provider })
      const identity = await sts.send(new GetCallerIdentityCommand({}))
      expect(identity.Account).toBe('111111111111')
      expect(identity.Arn).toContain('AWSReservedSSO_SecurityAudit')
      await provider()
      await t.service.credentials.forTarget(target('SecurityAudit'))()
      expect(t.fake.counts.total({ api: 'GetRoleCredentials' })).toBe(1)
    })
  })

  it('says which role is not assigned', async () => {
    const t = await signedIn()
    await withEnv({ HOME: t.home, AWS_CONFIG_FILE: undefined, AWS_PROFILE: undefined }, async () => {
      await expect(
        t.service.credentials.forTarget(target('AdministratorAccess', '333333333333'))(),
      ).rejects.toMatchObject({
        code: 'sso-role-not-assigned',
        message: expect.stringContaining('AdministratorAccess'),
      })
    })
  })

  it('gives the sign-in error when the session is revoked between two targets', async () => {
    const t = await signedIn()
    await withEnv({ HOME: t.home, AWS_CONFIG_FILE: undefined, AWS_PROFILE: undefined }, async () => {
      await t.service.credentials.forTarget(target('SecurityAudit'))()
      t.fake?.revokeSsoTokens()
      await expect(
        t.service.credentials.forTarget({
          ...target('ReadOnlyAccess', '222222222222'),
          accountName: 'Development',
        })(),
      ).rejects.toMatchObject({ code: 'sso-token-expired' })
    })
  })

  it('makes a target of a static-keys profile, through STS', async () => {
    const fake = await started.fake({ scenario: parseScenario(orgScenario()) })
    const home = await started.home()
    const keys = fake.staticCredentials('222222222222')
    const { writeFile } = await import('node:fs/promises')
    await writeFile(
      `${home}/.aws/credentials`,
      `[keys]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`,
    )
    const service = createAwsService({
      env: { ...fake.env, HOME: home },
      emitLoginProgress: () => undefined,
      openExternal: async () => undefined,
    })
    await expect(service.profileTarget('keys')).resolves.toEqual({
      id: 'profile:keys',
      kind: 'profile',
      accountId: '222222222222',
      accountName: 'keys',
      profile: 'keys',
    })
    await expect(service.profileTarget('nope')).rejects.toMatchObject({ code: 'profile-not-found' })
  })
})
