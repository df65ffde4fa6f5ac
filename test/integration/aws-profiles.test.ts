import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAwsService } from '../../src-main/aws/aws-service'
import { parseScenario } from '../fake-aws/index'
import { orgScenario, realAwsDir, snapshotTree, startedPerTest } from './aws-support'

const started = startedPerTest()

const service = (env: Record<string, string>) =>
  createAwsService({ env, emitLoginProgress: () => undefined, openExternal: async () => undefined })

describe('listing AWS profiles from a temporary HOME', () => {
  it('lists every kind with its Region, session and token state, honouring AWS_PROFILE', async () => {
    const realBefore = await snapshotTree(realAwsDir)
    const fake = await started.fake({ scenario: parseScenario(orgScenario({ userName: 'lead' })) })
    const home = await mkdtemp(join(tmpdir(), 'ratchet-aws-home-'))
    started.track(home)
    await mkdir(join(home, '.aws'))
    await writeFile(
      join(home, '.aws', 'config'),
      [
        '[default]',
        'region = eu-west-1',
        '[profile legacy]',
        'sso_start_url = https://old.awsapps.com/start',
        'sso_region = eu-central-1',
        'sso_account_id = 222222222222',
        'sso_role_name = ReadOnlyAccess',
        '[profile chain]',
        'role_arn = arn:aws:iam::333333333333:role/Audit',
        'source_profile = default',
        'region = us-west-2',
        '[profile proc]',
        'credential_process = /bin/false',
      ].join('\n'),
    )
    await writeFile(
      join(home, '.aws', 'credentials'),
      '[default]\naws_access_key_id = AKIA\naws_secret_access_key = x\n',
    )
    // writeSsoLogin merges an [sso-session corp], a profile using it, and a valid token into this HOME.
    await fake.writeSsoLogin(home, {
      session: 'corp',
      profiles: [
        { name: 'audit', accountId: '111111111111', roleName: 'SecurityAudit', region: 'eu-west-2' },
      ],
    })
    const listed = await service({ ...fake.env, HOME: home, AWS_PROFILE: 'audit' }).listProfiles({})
    expect(listed.configFile).toBe(join(home, '.aws', 'config'))
    expect(listed.defaultProfile).toBe('audit')
    expect(listed.profiles.map((p) => [p.name, p.kind, p.region, p.ssoSession, p.token?.state])).toEqual([
      ['audit', 'sso-session', 'eu-west-2', 'corp', 'valid'],
      ['chain', 'assume-role', 'us-west-2', undefined, undefined],
      ['default', 'static', 'eu-west-1', undefined, undefined],
      ['legacy', 'legacy-sso', undefined, 'https://old.awsapps.com/start', 'missing'],
      ['proc', 'credential-process', undefined, undefined, undefined],
    ])
    expect(listed.sessions.map((s) => [s.id, s.kind, s.region, s.token.state, s.profiles])).toEqual([
      ['corp', 'sso-session', 'us-east-1', 'valid', ['audit']],
      ['https://old.awsapps.com/start', 'legacy-sso', 'eu-central-1', 'missing', ['legacy']],
    ])
    expect(await snapshotTree(realAwsDir)).toEqual(realBefore)
  })

  it('honours AWS_CONFIG_FILE and says how to set up AWS when nothing is configured', async () => {
    const home = await mkdtemp(join(tmpdir(), 'ratchet-aws-home-'))
    started.track(home)
    await expect(service({ HOME: home }).listProfiles({})).rejects.toMatchObject({
      code: 'no-aws-config',
      hint: expect.stringContaining('aws configure sso'),
    })
    const elsewhere = join(home, 'elsewhere.ini')
    await writeFile(elsewhere, '[profile x]\nregion = ap-south-1\n')
    const listed = await service({ HOME: home, AWS_CONFIG_FILE: elsewhere }).listProfiles({})
    expect(listed.profiles).toEqual([{ name: 'x', kind: 'static', region: 'ap-south-1' }])
  })

  it('resolves a credential_process profile through fromIni and STS', async () => {
    const fake = await started.fake({ scenario: parseScenario(orgScenario()) })
    const home = await mkdtemp(join(tmpdir(), 'ratchet-aws-home-'))
    started.track(home)
    await mkdir(join(home, '.aws'))
    const keys = fake.staticCredentials('333333333333')
    const script = join(home, 'creds.sh')
    await writeFile(
      script,
      `#!/bin/sh\necho '{"Version":1,"AccessKeyId":"${keys.accessKeyId}","SecretAccessKey":"${keys.secretAccessKey}"}'\n`,
    )
    await chmod(script, 0o700)
    await writeFile(
      join(home, '.aws', 'config'),
      `[profile proc]\ncredential_process = ${script}\nregion = us-east-1\n`,
    )
    const target = await service({ ...fake.env, HOME: home }).profileTarget('proc')
    expect(target).toMatchObject({ kind: 'profile', accountId: '333333333333', profile: 'proc' })
  })
})
