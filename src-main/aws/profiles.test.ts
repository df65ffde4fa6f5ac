import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listProfiles, resolveAwsFiles } from './profiles'

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
    const profiles = await listProfiles(resolveAwsFiles({}, dir))
    expect(profiles).toEqual([
      { name: 'audit', kind: 'sso-session' },
      { name: 'chain', kind: 'assume-role' },
      { name: 'default', kind: 'static', region: 'eu-west-1' },
      { name: 'legacy', kind: 'legacy-sso' },
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
