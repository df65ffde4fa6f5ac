import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeAwsSetup, findSsoSession, listProfiles, loadAwsConfig, resolveAwsFiles } from './profiles'
import { tokenCachePath, writeToken } from './token-cache'

async function home(config?: string, credentials?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ratchet-profiles-'))
  await mkdir(join(dir, '.aws'))
  if (config !== undefined) await writeFile(join(dir, '.aws', 'config'), config)
  if (credentials !== undefined) await writeFile(join(dir, '.aws', 'credentials'), credentials)
  return dir
}

describe('AWS profiles', () => {
  it('lists each kind of profile with its Region', async () => {
    const dir = await home(
      [
        '[default]',
        'region = eu-west-1',
        '[profile audit]',
        'sso_session = corp',
        'sso_account_id = 111111111111',
        'sso_role_name = SecurityAudit',
        '[profile legacy]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = us-east-1',
        '[profile chain]',
        'role_arn = arn:aws:iam::222222222222:role/Audit',
        'source_profile = default',
        '[profile proc]',
        'credential_process = /usr/bin/get-creds',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = us-east-1',
      ].join('\n'),
      '[static-only]\naws_access_key_id = AKIA\naws_secret_access_key = x\n',
    )
    const profiles = await listProfiles(resolveAwsFiles({}, dir), dir, new Date('2026-11-28T12:00:00Z'))
    expect(profiles).toEqual([
      {
        name: 'audit',
        kind: 'sso-session',
        ssoSession: 'corp',
        accountId: '111111111111',
        roleName: 'SecurityAudit',
        token: { state: 'missing' },
      },
      {
        name: 'chain',
        kind: 'assume-role',
        accountId: '222222222222',
        sourceProfile: 'default',
      },
      { name: 'default', kind: 'static', region: 'eu-west-1' },
      {
        name: 'legacy',
        kind: 'legacy-sso',
        ssoSession: 'https://corp.awsapps.com/start',
        token: { state: 'missing' },
      },
      { name: 'proc', kind: 'credential-process' },
      { name: 'static-only', kind: 'static' },
    ])
  })

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', () => {
    expect(
      resolveAwsFiles({ AWS_CONFIG_FILE: '/x/config', AWS_SHARED_CREDENTIALS_FILE: '/x/creds' }, '/h'),
    ).toEqual({
      configFile: '/x/config',
      credentialsFile: '/x/creds',
    })
  })

  it('says how to set up AWS when there is no configuration', async () => {
    const dir = await home()
    await expect(listProfiles(resolveAwsFiles({}, dir))).rejects.toMatchObject({
      code: 'no-aws-config',
      hint: expect.stringContaining('aws configure sso'),
    })
  })
})

describe('SSO sessions and their tokens', () => {
  const config = [
    '[profile audit]',
    'sso_session = corp',
    'sso_account_id = 111111111111',
    'sso_role_name = SecurityAudit',
    'region = eu-west-1',
    '[profile audit2]',
    'sso_session = corp',
    '[profile old]',
    'sso_start_url = https://old.awsapps.com/start',
    'sso_region = eu-west-1',
    'sso_account_id = 333333333333',
    'sso_role_name = ReadOnlyAccess',
    '[sso-session corp]',
    'sso_start_url = https://corp.awsapps.com/start',
    'sso_region = us-east-1',
    'sso_registration_scopes = sso:account:access',
    '[sso-session idle]',
    'sso_start_url = https://idle.awsapps.com/start',
    'sso_region = us-west-2',
  ].join('\n')
  const now = new Date('2026-11-28T12:00:00Z')

  it('reads each session token from the AWS CLI cache: valid until, expired, or missing', async () => {
    const dir = await home(config)
    await writeToken(dir, 'corp', { accessToken: 'a', expiresAt: '2026-11-28T20:00:00Z' })
    await writeToken(dir, 'https://old.awsapps.com/start', {
      accessToken: 'b',
      expiresAt: '2026-11-28T11:00:00Z',
    })
    const setup = await describeAwsSetup(resolveAwsFiles({}, dir), dir, now)
    expect(setup.sessions).toEqual([
      {
        id: 'corp',
        kind: 'sso-session',
        startUrl: 'https://corp.awsapps.com/start',
        region: 'us-east-1',
        profiles: ['audit', 'audit2'],
        token: { state: 'valid', expiresAt: '2026-11-28T20:00:00.000Z' },
      },
      {
        id: 'idle',
        kind: 'sso-session',
        startUrl: 'https://idle.awsapps.com/start',
        region: 'us-west-2',
        profiles: [],
        token: { state: 'missing' },
      },
      {
        id: 'https://old.awsapps.com/start',
        kind: 'legacy-sso',
        startUrl: 'https://old.awsapps.com/start',
        region: 'eu-west-1',
        profiles: ['old'],
        token: { state: 'expired', expiresAt: '2026-11-28T11:00:00.000Z' },
      },
    ])
    expect(setup.profiles.find((p) => p.name === 'audit')).toMatchObject({
      region: 'eu-west-1',
      token: { state: 'valid' },
    })
  })

  it('treats an unreadable token file as missing, not as a crash', async () => {
    const dir = await home(config)
    await mkdir(join(dir, '.aws', 'sso', 'cache'), { recursive: true })
    await writeFile(tokenCachePath(dir, 'corp'), '{not json')
    const setup = await describeAwsSetup(resolveAwsFiles({}, dir), dir, now)
    expect(setup.sessions[0]?.token).toEqual({ state: 'missing' })
  })

  it('parses sso_registration_scopes and finds sessions by id', async () => {
    const dir = await home(config)
    const parsed = await loadAwsConfig(resolveAwsFiles({}, dir))
    expect(findSsoSession(parsed, 'corp').scopes).toEqual(['sso:account:access'])
    expect(findSsoSession(parsed, 'idle').scopes).toBeUndefined()
    expect(() => findSsoSession(parsed, 'nope')).toThrow(
      expect.objectContaining({
        code: 'sso-session-not-found',
        hint: expect.stringContaining('aws configure sso'),
      }),
    )
  })

  it('reads the INI dialect the SDK reads: comments, sub-sections, services sections are not profiles', async () => {
    const dir = await home(
      [
        '# a comment',
        '[profile dev] ; trailing comment',
        'region = eu-west-1 # inline comment',
        's3 =',
        '  max_concurrent_requests = 20',
        'services = dev-endpoints',
        '[services dev-endpoints]',
        'sts =',
        '  endpoint_url = http://127.0.0.1:1',
      ].join('\n'),
    )
    const parsed = await loadAwsConfig(resolveAwsFiles({}, dir))
    expect([...parsed.profiles.keys()]).toEqual(['dev'])
    expect(parsed.profiles.get('dev')?.get('region')).toBe('eu-west-1')
    expect(parsed.profiles.get('dev')?.get('s3.max_concurrent_requests')).toBe('20')
  })

  it('reads a changed file again instead of a cached copy', async () => {
    const dir = await home('[profile one]\nregion = us-east-1\n')
    const files = resolveAwsFiles({}, dir)
    expect([...(await loadAwsConfig(files)).profiles.keys()]).toEqual(['one'])
    await writeFile(
      files.configFile,
      '[profile two]\nregion = us-east-1\n[sso-session s]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n',
    )
    const again = await loadAwsConfig(files)
    expect([...again.profiles.keys()]).toEqual(['two'])
    expect([...again.ssoSessions.keys()]).toEqual(['s'])
  })
})
