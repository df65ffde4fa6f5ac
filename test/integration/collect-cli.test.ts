import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/main'
import { readEvidenceFolder } from '../../src-main/collect/offline'
import { type FakeAws, generateOrganization, startFakeAws } from '../fake-aws/index'
import { snapshotFiles, startSignedInOrg } from './collect-support'

let fake: FakeAws
let home: string
let accountId: string
let failingId: string

beforeAll(async () => {
  const scenario = generateOrganization({ seed: 21, accounts: 2 })
  accountId = scenario.accounts[0]?.id ?? ''
  failingId = scenario.accounts[1]?.id ?? ''
  const first = scenario.accounts[0]
  if (first) first.credentialReport.initialState = 'ready'
  scenario.faults = {
    ...scenario.faults,
    errorBursts: [{ api: 'GetAccountSummary', accountId: failingId, count: 100, status: 500 }],
  }
  fake = await startFakeAws({ scenario })
  home = await mkdtemp(join(tmpdir(), 'ratchet-cli-collect-'))
  await mkdir(join(home, '.aws'))
  const key = (id: string) => fake.staticCredentials(id)
  await writeFile(
    join(home, '.aws/credentials'),
    [
      `[audit]\naws_access_key_id = ${key(accountId).accessKeyId}\naws_secret_access_key = ${key(accountId).secretAccessKey}\n`,
      `[broken]\naws_access_key_id = ${key(failingId).accessKeyId}\naws_secret_access_key = ${key(failingId).secretAccessKey}\n`,
    ].join('\n'),
  )
  await writeFile(
    join(home, '.aws/config'),
    '[profile audit]\nregion = us-east-1\n\n[profile broken]\nregion = us-east-1\n',
  )
})
afterAll(async () => {
  await fake?.close()
  await rm(home, { recursive: true, force: true })
})

async function cli(args: string[]) {
  let out = ''
  let err = ''
  const env = {
    ...fake.env,
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws/config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws/credentials'),
    AWS_MAX_ATTEMPTS: '2',
  }
  const code = await runCli(['collect', ...args], {
    out: (t) => {
      out += t
    },
    err: (t) => {
      err += t
    },
    env,
    cwd: home,
  })
  return { code, out, err }
}

describe('npm run cli -- collect', () => {
  it('collects a profile into the offline layout and prints the summary', async () => {
    const result = await cli(['--profile', 'audit', '--regions', 'us-east-1,eu-west-1', '--out', 'evidence'])
    expect(result.err).toContain('Collecting 1 account into')
    expect(result.code).toBe(0)
    expect(result.out).toMatch(/^account\s+name\s+result\s+identity/)
    expect(result.out).toMatch(new RegExp(`${accountId}\\s+audit\\s+ok\\s+ok\\s+ok`))
    expect(result.out).toContain('1 account: 1 ok, 0 partial, 0 failed, 0 cancelled')
    const dir = join(home, 'evidence')
    expect((await readdir(dir)).sort()).toEqual([accountId, 'collect-summary.json'])
    const summary = JSON.parse(await readFile(join(dir, 'collect-summary.json'), 'utf8'))
    expect(summary.totals.ok).toBe(1)
    const [bundle] = await readEvidenceFolder(dir)
    expect(bundle?.accountId).toBe(accountId)
    expect(bundle?.credentialReport.status).toEqual({ state: 'ok' })
  })

  it('exits 1 and names what failed when an account is only partly collected', async () => {
    const result = await cli(['--profile', 'broken', '--regions', 'us-east-1', '--out', join(home, 'broken')])
    expect(result.code).toBe(1)
    expect(result.out).toContain(
      `${failingId} credentialReport: accountSummary: ServiceFailureException: Injected failure`,
    )
    // AWS_MAX_ATTEMPTS=2 is honoured: two attempts, no more.
    expect(fake.counts.total({ api: 'GetAccountSummary', accountId: failingId })).toBe(2)
    expect(result.out).toMatch(/1 account: 0 ok, 1 partial/)
  })

  it('a failed re-run into the same folder leaves the earlier evidence byte for byte, and records the attempt', async () => {
    const out = join(home, 'rerun')
    expect((await cli(['--profile', 'audit', '--regions', 'us-east-1', '--out', out])).code).toBe(0)
    const before = await snapshotFiles(out)
    // Every evidence call answers 503 (the identity call still works, so the run reaches the account).
    const storm = [
      'GetCredentialReport',
      'GetAccountSummary',
      'GetAccountPasswordPolicy',
      'ListRecommendations',
    ]
    const bursts = [...storm, 'ListAnalyzers'].map((api) => ({
      api,
      accountId,
      count: 100_000,
      status: 503 as const,
    }))
    fake.scenario.faults.errorBursts.push(...bursts)
    try {
      const again = await cli(['--profile', 'audit', '--regions', 'us-east-1', '--out', out])
      expect(again.code).toBe(1)
      expect(again.out).toMatch(/1 account: 0 ok, 1 partial, 0 failed/)
    } finally {
      fake.scenario.faults.errorBursts.splice(-bursts.length)
    }
    const after = await snapshotFiles(out)
    // Identity was read again (new evidence); every other source's files are exactly as the first run wrote them.
    const renewed = new Set([
      'collect-summary.json',
      `${accountId}/ratchet-evidence.json`,
      `${accountId}/ratchet-attempt.json`,
      `${accountId}/sts-get-caller-identity.json`,
      `${accountId}/iam-list-account-aliases.json`,
    ])
    for (const [file, bytes] of before) {
      if (renewed.has(file)) continue
      expect({ file, bytes: after.get(file) }).toEqual({ file, bytes })
    }
    expect([...before.keys()].filter((f) => !renewed.has(f)).length).toBeGreaterThan(4)
    const attempt = JSON.parse(await readFile(join(out, accountId, 'ratchet-attempt.json'), 'utf8'))
    expect(attempt).toMatchObject({
      accountId,
      state: 'partial',
      keptFromEarlier: ['credentialReport', 'trustedAdvisor', 'accessAnalyzer'],
    })
    expect(attempt.sources.credentialReport).toMatchObject({ state: 'error' })
    // The folder still reads back as the first collection.
    const [bundle] = await readEvidenceFolder(out)
    expect(bundle?.credentialReport.status).toEqual({ state: 'ok' })
  })

  it('explains usage mistakes with exit code 2', async () => {
    expect((await cli(['--out', 'x'])).err).toContain('Give either --profile or --sso-session')
    expect((await cli(['--profile', 'audit'])).err).toContain('--out is required.')
    const bad = await cli(['--profile', 'audit', '--regions', 'mars-1', '--out', 'x'])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('--regions: must be a Region code such as eu-west-1')
  })
})

describe('npm run cli -- collect --sso-session', () => {
  let signedIn: Awaited<ReturnType<typeof startSignedInOrg>>
  beforeAll(async () => {
    signedIn = await startSignedInOrg(31, 3)
  })
  afterAll(() => signedIn?.close())

  it('discovers the session’s accounts and collects the ones asked for', async () => {
    const [first, second] = signedIn.fake.scenario.accounts.map((a) => a.id)
    let out = ''
    const code = await runCli(
      [
        'collect',
        '--sso-session',
        'corp',
        '--accounts',
        `${first},${second}`,
        '--regions',
        'us-east-1',
        '--out',
        'ev',
      ],
      {
        out: (t) => {
          out += t
        },
        err: () => {},
        env: signedIn.env,
        cwd: signedIn.home,
      },
    )
    expect(out).toContain('2 accounts: 2 ok, 0 partial, 0 failed, 0 cancelled')
    expect(code).toBe(0)
    expect((await readdir(join(signedIn.home, 'ev'))).sort()).toEqual(
      [first, second, 'collect-summary.json'].sort(),
    )
    // Collected through the SSO role the session chose, not through some other credentials.
    expect(signedIn.fake.counts.total({ api: 'GetRoleCredentials', outcome: 'ok' })).toBeGreaterThanOrEqual(2)
  })
})
