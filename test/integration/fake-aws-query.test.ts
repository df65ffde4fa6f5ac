import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListAccountAliasesCommand,
} from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeAws, type ScenarioInput, startFakeAws } from '../fake-aws/index'
import { CREDENTIAL_REPORT_HEADER } from '../fake-aws/services/credential-report'
import { clientConfig } from '../fake-aws/testing'

const NOW = '2026-06-01T00:00:00Z'
const scenario: ScenarioInput = {
  now: NOW,
  accounts: [
    {
      id: '111111111111',
      name: 'mgmt',
      aliases: ['acme-mgmt'],
      passwordPolicy: { MinimumPasswordLength: 16, ExpirePasswords: true, MaxPasswordAge: 90 },
      root: { mfa: true, hasAccessKeys: false, passwordLastUsedDays: 10 },
      iamUsers: [
        {
          name: 'alice',
          password: { lastUsedDays: 1, lastChangedDays: 30 },
          mfa: true,
          accessKeys: [
            { ageDays: 120, lastUsedDays: 2, lastUsedRegion: 'eu-west-1', lastUsedService: 'ec2' },
          ],
        },
        { name: 'bot', accessKeys: [{ ageDays: 10 }, { ageDays: 500, isActive: false }] },
      ],
      credentialReport: { initialState: 'absent', pollsUntilComplete: 1 },
    },
    {
      id: '222222222222',
      name: 'expired-report',
      credentialReport: { initialState: 'expired', pollsUntilComplete: 0 },
    },
  ],
}

let fake: FakeAws
beforeAll(async () => {
  fake = await startFakeAws({ scenario })
})
afterAll(() => fake.close())

const iam = (accountId: string) => new IAMClient(clientConfig(fake, accountId, { maxAttempts: 1 }))

describe('STS GetCallerIdentity', () => {
  it('answers the account that owns the static key', async () => {
    for (const id of ['111111111111', '222222222222']) {
      const sts = new STSClient(clientConfig(fake, id))
      const who = await sts.send(new GetCallerIdentityCommand({}))
      expect(who.Account).toBe(id)
      expect(who.Arn).toBe(`arn:aws:iam::${id}:user/fake-auditor`)
    }
  })

  it('rejects an unknown key with InvalidClientTokenId (403)', async () => {
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: fake.endpoint,
      credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' },
      maxAttempts: 1,
    })
    const error = await sts.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } })
    expect(fake.counts.total({ api: 'GetCallerIdentity', outcome: 'denied', accountId: null })).toBe(1)
  })
})

describe('IAM account facts', () => {
  it('serves GetAccountSummary derived from the scenario', async () => {
    const { SummaryMap } = await iam('111111111111').send(new GetAccountSummaryCommand({}))
    expect(SummaryMap).toMatchObject({
      Users: 2,
      AccountMFAEnabled: 1,
      AccountAccessKeysPresent: 0,
      MFADevicesInUse: 2,
    })
  })

  it('serves the password policy, and NoSuchEntity (404) when none is set', async () => {
    const { PasswordPolicy } = await iam('111111111111').send(new GetAccountPasswordPolicyCommand({}))
    expect(PasswordPolicy).toMatchObject({
      MinimumPasswordLength: 16,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
    })
    const error = await iam('222222222222')
      .send(new GetAccountPasswordPolicyCommand({}))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 } })
  })

  it('lists account aliases', async () => {
    const out = await iam('111111111111').send(new ListAccountAliasesCommand({}))
    expect(out.AccountAliases).toEqual(['acme-mgmt'])
    expect(out.IsTruncated).toBe(false)
  })
})

describe('IAM credential report', () => {
  it('goes ReportNotPresent → STARTED → ReportInProgress → COMPLETE and serves the CSV', async () => {
    const client = iam('111111111111')
    const absent = await client.send(new GetCredentialReportCommand({})).catch((e: unknown) => e)
    expect(absent).toMatchObject({ name: 'CredentialReportNotPresentException', Code: 'ReportNotPresent' })
    expect((await client.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED')
    const pending = await client.send(new GetCredentialReportCommand({})).catch((e: unknown) => e)
    expect(pending).toMatchObject({
      name: 'CredentialReportNotReadyException',
      $metadata: { httpStatusCode: 404 },
    })
    expect((await client.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE')
    const report = await client.send(new GetCredentialReportCommand({}))
    expect(report.ReportFormat).toBe('text/csv')
    expect(report.GeneratedTime).toBeInstanceOf(Date)

    const csv = Buffer.from(report.Content ?? new Uint8Array()).toString('utf8')
    const rows: Record<string, string>[] = parse(csv, { columns: true })
    expect(Object.keys(rows[0] ?? {})).toEqual([...CREDENTIAL_REPORT_HEADER])
    expect(rows.map((r) => r.user)).toEqual(['<root_account>', 'alice', 'bot'])
    const [root, alice, bot] = rows
    expect(root).toMatchObject({
      password_enabled: 'not_supported',
      mfa_active: 'true',
      access_key_1_active: 'false',
    })
    expect(root?.password_last_used).toBe('2026-05-22T00:00:00+00:00')
    expect(alice).toMatchObject({
      password_enabled: 'true',
      mfa_active: 'true',
      access_key_1_active: 'true',
      access_key_1_last_rotated: '2026-02-01T00:00:00+00:00',
      access_key_1_last_used_region: 'eu-west-1',
      access_key_1_last_used_service: 'ec2',
      password_next_rotation: '2026-07-31T00:00:00+00:00',
      access_key_2_active: 'false',
      access_key_2_last_rotated: 'N/A',
    })
    expect(bot).toMatchObject({
      password_enabled: 'false',
      password_last_used: 'N/A',
      access_key_1_last_used_date: 'N/A',
      access_key_2_active: 'false',
      access_key_2_last_rotated: '2025-01-17T00:00:00+00:00',
    })
  })

  it('answers ReportExpired (410) for an expired report until it is regenerated', async () => {
    const client = iam('222222222222')
    const expired = await client.send(new GetCredentialReportCommand({})).catch((e: unknown) => e)
    expect(expired).toMatchObject({
      name: 'CredentialReportExpiredException',
      Code: 'ReportExpired',
      $metadata: { httpStatusCode: 410 },
    })
    expect((await client.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED')
    const report = await client.send(new GetCredentialReportCommand({}))
    expect(Buffer.from(report.Content ?? new Uint8Array()).toString('utf8')).toContain('<root_account>')
  })

  it('counts every call by account, API and outcome', () => {
    expect(fake.counts.total({ accountId: '222222222222', api: 'GetCredentialReport' })).toBe(2)
    expect(
      fake.counts.total({ accountId: '222222222222', api: 'GetCredentialReport', outcome: 'error' }),
    ).toBe(1)
    expect(
      fake.counts.total({ accountId: '111111111111', api: 'GenerateCredentialReport', outcome: 'ok' }),
    ).toBe(2)
  })
})
