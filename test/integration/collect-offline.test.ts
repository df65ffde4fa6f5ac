import { execFile } from 'node:child_process'
import { cp, readdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildDemoOrganization } from '../../shared/demo/organization'
import { selectEvidence, selectEvidenceByAccount } from '../../shared/evidence/select'
import { readEvidenceFolder, writeEvidenceFolder } from '../../src-main/collect/offline'
import { runCollection } from '../../src-main/collect/orchestrator'
import { type FakeAws, generateOrganization, startFakeAws } from '../fake-aws/index'
import { fakeOptions, tempDirs } from './collect-support'

const fixtures = join(import.meta.dirname, '../fixtures/evidence')
const temps = tempDirs('ratchet-offline-')
const tempDir = temps.make
afterEach(() => temps.removeAll())

/** Runs the README's AWS CLI script (the fixture copy) on the stand-in `aws`, with calls made to fail. */
async function runCliScript(failures = '', options: { skipAccountLookup?: boolean } = {}) {
  const dir = await tempDir()
  const cli = join(fixtures, 'aws-cli')
  // The script goes on past failed calls (no password policy, a disabled Region), as it should.
  const run = await promisify(execFile)('bash', [join(cli, 'collect-one-account.sh')], {
    cwd: dir,
    env: {
      PATH: `${join(cli, 'bin')}:${process.env.PATH}`,
      REGIONS: 'us-east-1 us-west-2 me-south-1',
      FAKE_AWS_FAIL: failures,
      ...(options.skipAccountLookup ? { FAKE_AWS_ACCOUNT_LOOKUP_OK: '1' } : {}),
    },
  }).catch((error: { stderr: string }) => error)
  expect(run.stderr).not.toContain('unknown command')
  const folder = join(dir, 'evidence', '111122223333')
  return { folder: join(dir, 'evidence'), files: (await readdir(folder)).sort() }
}

describe('reading an offline evidence folder', () => {
  it('reads AWS CLI outputs into bundles, and marks missing files as not collected', async () => {
    const bundles = await readEvidenceFolder(join(fixtures, 'valid'))
    expect(bundles.map((b) => b.accountId)).toEqual(['111122223333', '444455556666'])
    const [full, sparse] = bundles
    expect(full?.identity.records).toEqual({
      accountId: '111122223333',
      arn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_SecurityAudit_0123456789abcdef/alice@example.com',
      userId: 'AROAEXAMPLEID:alice@example.com',
      aliases: ['example-prod'],
    })
    const users = full?.credentialReport.records?.users ?? []
    expect(users.map((u) => u.user)).toEqual(['<root_account>', 'alice', 'ci,bot'])
    expect(users[2]?.accessKeys.map((k) => [k.slot, k.isActive, k.lastUsedService])).toEqual([
      [1, true, null],
      [2, true, 's3'],
    ])
    expect(full?.credentialReport.records?.passwordPolicy).toBeNull()
    expect(full?.credentialReport.records?.accountSummary.AccountMFAEnabled).toBe(0)
    // Only the security check is kept (the service-limits one is not the model's).
    expect(
      full?.trustedAdvisor.records?.checks.map((c) => [c.checkId, c.status, c.resources.length]),
    ).toEqual([['7DAFEmoDos', 'error', 1]])
    const regions = full?.accessAnalyzer.records?.regions ?? []
    expect(regions.map((r) => [r.region, r.status.state])).toEqual([
      ['us-east-1', 'unavailable'],
      ['us-west-2', 'ok'],
    ])
    expect(regions[0]?.status).toMatchObject({ reason: 'no-analyzer' })
    expect(regions[1]?.findings.map((f) => [f.id, f.kind, f.isPublic])).toEqual([
      ['unused-1', 'unused', null],
      ['597f3bc2-3adc-4c18-9879-5c4b23485e46', 'external', false],
      ['ce0e221a-85b9-4d52-91ff-d7678075442f', 'external', false],
    ])

    expect(sparse?.identity.status).toMatchObject({ state: 'unavailable', reason: 'not-in-scope' })
    expect(sparse?.credentialReport.records?.users).toHaveLength(3)
    expect(sparse?.trustedAdvisor).toMatchObject({
      records: null,
      status: {
        state: 'unavailable',
        reason: 'not-in-scope',
        message: 'trustedadvisor-list-recommendations.json is not in the folder',
      },
    })
  })

  it.each([
    ['bad-csv', '555566667777/credential-report.csv: line 3, field mfa_active: "maybe" is not true or false'],
    [
      'bad-ta',
      '555566667777/trustedadvisor-list-recommendations.json: field recommendationSummaries.1.resourcesAggregates.warningCount:',
    ],
    ['bad-findings', '555566667777/accessanalyzer-list-findings-v2.us-east-1.json: line 12: not valid JSON'],
  ])('rejects the whole import when %s, naming the file and the line or field', async (name, message) => {
    const dir = await tempDir()
    await cp(join(fixtures, 'valid'), dir, { recursive: true })
    await cp(join(fixtures, 'malformed', name), dir, { recursive: true })
    const attempt = readEvidenceFolder(dir)
    await expect(attempt).rejects.toThrow(message)
    await expect(attempt).rejects.toThrow(/^Nothing was imported: /)
  })

  it('names a findings file whose Region cannot be told', async () => {
    const dir = await tempDir()
    await cp(join(fixtures, 'valid/111122223333'), join(dir, '111122223333'), { recursive: true })
    await writeFile(
      join(dir, '111122223333/accessanalyzer-list-analyzers.json'),
      JSON.stringify({
        analyzers: [
          {
            arn: 'arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/x',
            name: 'x',
            type: 'ACCOUNT',
            status: 'ACTIVE',
          },
        ],
      }),
    )
    await writeFile(join(dir, '111122223333/accessanalyzer-list-findings-v2.json'), '{"findings": []}')
    await expect(readEvidenceFolder(dir)).rejects.toThrow(
      '111122223333/accessanalyzer-list-findings-v2.json: cannot tell which Region it is for',
    )
  })

  it('treats an empty analyzers file (the CLI call failed) as a Region not collected', async () => {
    const dir = await tempDir()
    await cp(join(fixtures, 'valid/111122223333'), join(dir, '111122223333'), { recursive: true })
    await writeFile(join(dir, '111122223333/accessanalyzer-list-analyzers.me-south-1.json'), '')
    const [bundle] = await readEvidenceFolder(dir)
    expect(bundle?.accessAnalyzer.records?.regions.map((r) => r.region)).toEqual(['us-east-1', 'us-west-2'])
  })

  it('imports what the README’s AWS CLI script writes', async () => {
    const { folder, files } = await runCliScript()
    // Only the calls that failed keep an error file, and it holds the CLI's error code.
    expect(files.filter((f) => f.endsWith('.err'))).toEqual([
      'accessanalyzer-list-analyzers.me-south-1.err',
      'iam-get-account-password-policy.err',
    ])
    const [fromScript] = await readEvidenceFolder(folder)
    const [fromFixture] = await readEvidenceFolder(join(fixtures, 'valid'))
    expect(fromScript?.accountId).toBe('111122223333')
    expect(fromScript?.credentialReport.records).toEqual({
      ...fromFixture?.credentialReport.records,
      generatedAt: '2026-11-28T10:00:00.000Z',
    })
    expect(fromScript?.credentialReport.records?.passwordPolicy).toBeNull()
    expect(fromScript?.trustedAdvisor.records).toEqual(fromFixture?.trustedAdvisor.records)
    expect(fromScript?.identity.records).toEqual(fromFixture?.identity.records)
    const regions = (b: typeof fromScript) =>
      b?.accessAnalyzer.records?.regions.map((r) => ({ ...r, collectedAt: '' }))
    const disabled = {
      region: 'me-south-1',
      status: {
        state: 'unavailable',
        reason: 'region-disabled',
        message: 'The security token included in the request is invalid.',
      },
      collectedAt: '',
      analyzers: [],
      findings: [],
    }
    expect(regions(fromScript)).toEqual([disabled, ...(regions(fromFixture) ?? [])])
  })

  it('runs the very script the README shows', async () => {
    const readme = await readFile(join(import.meta.dirname, '../../README.md'), 'utf8')
    const shown = /```sh\n(#!\/usr\/bin\/env bash\nset -uo pipefail[\s\S]*?)```/.exec(readme)?.[1]
    const script = await readFile(join(fixtures, 'aws-cli/collect-one-account.sh'), 'utf8')
    // The fixture only adds its two header comment lines.
    expect(script.replace(/^(#!.*\n)(#.*\n)+/, '$1')).toBe(shown)
  })

  it('keeps every call’s error offline: access denied is never "none" and never ok', async () => {
    const denied = (call: string) =>
      `${call}=AccessDenied: User: arn:aws:sts::111122223333:assumed-role/x is not authorized`
    const { folder } = await runCliScript(
      [
        denied('iam get-account-password-policy'),
        denied('iam get-account-summary'),
        denied('trustedadvisor list-recommendation-resources'),
        `accessanalyzer list-findings-v2@us-west-2=AccessDeniedException: not authorized`,
        `accessanalyzer list-findings@us-west-2=AccessDeniedException: not authorized`,
      ].join(';'),
    )
    const [bundle] = await readEvidenceFolder(folder)
    const access = { state: 'unavailable', reason: 'access-denied' }
    // The report is kept; the parts that could not be read are unknown with why, not "no policy".
    expect(bundle?.credentialReport.status).toEqual({ state: 'ok' })
    expect(bundle?.credentialReport.records?.passwordPolicy).toBeUndefined()
    expect(bundle?.credentialReport.records?.gaps).toMatchObject({
      passwordPolicy: access,
      accountSummary: access,
    })
    const flagged = bundle?.trustedAdvisor.records?.checks.filter((c) => c.status !== 'ok') ?? []
    expect(flagged.map((c) => c.resourcesStatus)).toEqual([expect.objectContaining(access)])
    const westRegion = bundle?.accessAnalyzer.records?.regions.find((r) => r.region === 'us-west-2')
    expect(westRegion?.status).toMatchObject(access)
    expect(westRegion?.findings).toEqual([])
    expect(bundle?.accessAnalyzer.status).toMatchObject(access)

    const { folder: whole } = await runCliScript(
      [
        'sts get-caller-identity=ExpiredToken: The security token included in the request is expired',
        'iam get-credential-report=AccessDenied: not authorized',
        'trustedadvisor list-recommendations=AccessDeniedException: Access denied due to support level',
      ].join(';'),
      { skipAccountLookup: true },
    )
    const [failed] = await readEvidenceFolder(whole)
    expect(failed?.identity.status).toMatchObject({ state: 'error', code: 'ExpiredToken' })
    expect(failed?.credentialReport.status).toMatchObject(access)
    expect(failed?.trustedAdvisor.status).toMatchObject({ state: 'unavailable', reason: 'not-subscribed' })
  })

  it('dates evidence by the evidence: copying a folder (new file times) does not make old evidence fresh', async () => {
    const dir = await tempDir()
    const account = join(dir, '111122223333')
    await cp(join(fixtures, 'valid/111122223333'), account, { recursive: true })
    const csv = await readFile(join(account, 'credential-report.csv'))
    await writeFile(
      join(account, 'iam-get-credential-report.json'),
      JSON.stringify({ Content: csv.toString('base64'), GeneratedTime: '2026-10-02T08:00:00+00:00' }),
    )
    const importAt = async (mtime: Date) => {
      for (const name of await readdir(account)) await utimes(join(account, name), mtime, mtime)
      const [bundle] = await readEvidenceFolder(dir)
      return bundle ? selectEvidence([bundle]) : undefined
    }
    const first = await importAt(new Date('2026-10-05T00:00:00Z'))
    const copied = await importAt(new Date('2026-11-29T00:00:00Z'))
    const fromEvidence = {
      credentialReport: { at: '2026-10-02T08:00:00.000Z', basis: 'evidence' },
      // The oldest security or fault-tolerance check's lastUpdatedAt in the recommendations file.
      trustedAdvisor: { at: '2023-11-01T15:57:58.673Z', basis: 'evidence' },
      // The oldest active analyzer's lastResourceAnalyzedAt in us-west-2.
      accessAnalyzer: { at: '2024-02-15T18:01:53.003Z', basis: 'evidence' },
    }
    expect(first?.evidenceTimes).toMatchObject(fromEvidence)
    expect(copied?.evidenceTimes).toMatchObject(fromEvidence)
    // Identity carries no date of its own: its time is the files' time, and says so.
    expect(first?.evidenceTimes.identity).toEqual({ at: '2026-10-05T00:00:00.000Z', basis: 'file-time' })
    expect(copied?.evidenceTimes.identity).toEqual({ at: '2026-11-29T00:00:00.000Z', basis: 'file-time' })
    expect(copied?.bundle.identity.isFileTime).toBe(true)
  })

  it('rejects an empty folder and an unreadable one', async () => {
    const dir = await tempDir()
    await expect(readEvidenceFolder(dir)).rejects.toThrow(
      `Nothing was imported: ${dir} holds no account folders`,
    )
    await expect(readEvidenceFolder(join(dir, 'missing'))).rejects.toThrow('cannot be read')
  })
})

describe('exporting and re-importing', () => {
  let fake: FakeAws
  beforeAll(async () => {
    fake = await startFakeAws({ scenario: generateOrganization({ seed: 5, accounts: 6 }) })
  })
  afterAll(() => fake?.close())

  it('writes the same layout, which reads back into the same evidence', async () => {
    const options = fakeOptions(fake, { regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'me-south-1'] })
    const { bundles } = await runCollection(options)
    const dir = await tempDir()
    const written = await writeEvidenceFolder(dir, [...bundles.values()])
    expect(written.accountCount).toBe(6)
    expect((await readdir(dir)).sort()).toEqual(fake.scenario.accounts.map((a) => a.id).sort())

    const first = fake.scenario.accounts[0]?.id ?? ''
    const files = await readdir(join(dir, first))
    expect(files).toEqual(
      expect.arrayContaining([
        'sts-get-caller-identity.json',
        'credential-report.csv',
        'ratchet-evidence.json',
      ]),
    )
    expect(await readFile(join(dir, first, 'credential-report.csv'), 'utf8')).toMatch(
      /^user,arn,user_creation_time/,
    )

    const back = await readEvidenceFolder(dir)
    for (const bundle of back) {
      const original = bundles.get(bundle.accountId)
      expect(bundle.collectedAt).toBe(original?.collectedAt)
      for (const source of ['identity', 'credentialReport', 'trustedAdvisor', 'accessAnalyzer'] as const) {
        expect({
          account: bundle.accountId,
          source,
          status: bundle[source].status,
          collectedAt: bundle[source].collectedAt,
          records: bundle[source].records,
        }).toEqual({
          account: bundle.accountId,
          source,
          status: original?.[source].status,
          // Each source (and each Access Analyzer Region) keeps its own collection time.
          collectedAt: original?.[source].collectedAt,
          records: original?.[source].records ?? null,
        })
      }
    }
  })

  it('exports every stored bundle of the demo organization, whose raw payloads are summaries', async () => {
    const demo = buildDemoOrganization({ now: new Date('2026-11-28T12:00:00.000Z'), controls: [] })
    const latest = [...selectEvidenceByAccount(demo.bundles).values()].map((s) => s.bundle)
    const dir = await tempDir()
    const written = await writeEvidenceFolder(dir, latest)
    expect(written.accountCount).toBe(demo.accounts.length)
    // What was written reads back, account by account.
    expect((await readEvidenceFolder(dir)).map((b) => b.accountId).sort()).toEqual(
      demo.accounts.map((a) => a.id).sort(),
    )
  })

  it('refuses to export invalid evidence and writes nothing', async () => {
    const dir = await tempDir()
    await expect(writeEvidenceFolder(join(dir, 'out'), [{ accountId: 'nope' } as never])).rejects.toThrow(
      'The evidence to export is invalid',
    )
    await expect(readdir(dir)).resolves.toEqual([])
  })
})
