import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateOrganization, loadScenario, ScenarioError, startFakeAws } from '../fake-aws/index'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fake-aws-scenario-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

async function scenarioFile(name: string, text: string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}

async function loadError(path: string): Promise<ScenarioError> {
  const error = await loadScenario(path).catch((e: unknown) => e)
  if (!(error instanceof ScenarioError)) throw new Error(`expected a ScenarioError, got ${String(error)}`)
  return error
}

describe('scenario validation errors', () => {
  it('names the file, the path inside it and what was expected (YAML schema error)', async () => {
    const path = await scenarioFile(
      'bad-schema.yaml',
      [
        'accounts:',
        "  - { id: '111111111111', name: ok }",
        "  - id: '222222222222'",
        '    name: second',
        '    iamUsers:',
        '      - name: alice',
        '        mfa: sometimes',
        '    supportPlan: platinum',
      ].join('\n'),
    )
    const error = await loadError(path)
    expect(error.message).toContain(path)
    expect(error.message).toContain('accounts[1].iamUsers[0].mfa (line 7): expected boolean')
    expect(error.message).toContain(
      'accounts[1].supportPlan (line 8): expected one of basic, developer, business, enterprise',
    )
    expect(error.file).toBe(path)
  })

  it('reports missing required fields and unknown keys with their paths', async () => {
    const path = await scenarioFile(
      'missing.json',
      JSON.stringify({ accounts: [{ id: '12345', name: 'x', supportLevel: 'business' }] }),
    )
    const error = await loadError(path)
    expect(error.issues).toEqual(
      expect.arrayContaining([
        'accounts[0].id: expected a 12-digit AWS account id',
        'accounts[0]: unexpected key(s) supportLevel',
      ]),
    )
  })

  it('explains missing fields and days-or-timestamp values', async () => {
    const path = await scenarioFile(
      'times.yaml',
      [
        'accounts:',
        "  - id: '111111111111'",
        '    iamUsers:',
        '      - name: bob',
        '        accessKeys:',
        '          - ageDays: yesterday',
      ].join('\n'),
    )
    const error = await loadError(path)
    expect(error.issues).toEqual([
      'accounts[0].name (line 2): expected string (missing)',
      'accounts[0].iamUsers[0].accessKeys[0].ageDays (line 6): expected a number of days or an ISO-8601 timestamp like 2024-01-31T12:00:00Z',
    ])
  })

  it('reports a YAML syntax error with the file name and line', async () => {
    const path = await scenarioFile('syntax.yaml', 'accounts:\n  - id: "111111111111\n    name: x\n')
    const error = await loadError(path)
    expect(error.message).toContain(path)
    expect(error.message).toMatch(/YAML syntax error: .*line \d+/)
  })

  it('reports a JSON syntax error with the file name', async () => {
    const path = await scenarioFile('syntax.json', '{"accounts": [}')
    const error = await loadError(path)
    expect(error.message).toContain(path)
    expect(error.message).toContain('JSON syntax error')
  })

  it('refuses to start a server for an invalid scenario and leaves no port open', async () => {
    const path = await scenarioFile('empty.json', JSON.stringify({ accounts: [] }))
    await expect(startFakeAws({ scenario: path })).rejects.toThrow('accounts: expected at least one account')
  })

  it('loads the checked-in fixtures', async () => {
    const small = await loadScenario('test/fixtures/scenarios/small-org.yaml')
    expect(small.accounts.map((a) => a.supportPlan)).toEqual(['enterprise', 'business', 'basic'])
    const flaky = await loadScenario('test/fixtures/scenarios/flaky-org.json')
    expect(flaky.faults.throttle[0]).toMatchObject({ api: 'ListRecommendations', ratePerSecond: 2, burst: 2 })
  })
})

describe('generateOrganization', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const a = generateOrganization({ seed: 42, accounts: 50, now: '2026-01-01T00:00:00Z' })
    const b = generateOrganization({ seed: 42, accounts: 50, now: '2026-01-01T00:00:00Z' })
    const c = generateOrganization({ seed: 43, accounts: 50, now: '2026-01-01T00:00:00Z' })
    expect(b).toEqual(a)
    expect(c).not.toEqual(a)
  })

  it('builds a realistic mix for 500 accounts', () => {
    const org = generateOrganization({ seed: 7, accounts: 500 })
    expect(new Set(org.accounts.map((a) => a.id)).size).toBe(500)
    const plans = new Set(org.accounts.map((a) => a.supportPlan))
    expect(plans).toEqual(new Set(['basic', 'developer', 'business', 'enterprise']))
    const users = org.accounts.flatMap((a) => a.iamUsers)
    expect(users.some((u) => u.password && !u.mfa)).toBe(true)
    expect(
      users.some((u) => u.accessKeys.some((k) => typeof k.ageDays === 'number' && k.ageDays > 365)),
    ).toBe(true)
    const findings = org.accounts.flatMap((a) =>
      Object.values(a.accessAnalyzer)
        .flat()
        .flatMap((z) => z.findings),
    )
    expect(findings.some((f) => f.isPublic && f.resourceType === 'AWS::S3::Bucket')).toBe(true)
    expect(org.accounts.some((a) => Object.keys(a.accessAnalyzer).length < 5)).toBe(true)
    expect(org.accounts.some((a) => a.disabledRegions.length > 0)).toBe(true)
    expect(org.sso.users[0]?.assignments).toHaveLength(500)
  })

  it('serves the generated organization', async () => {
    const fake = await startFakeAws({ scenario: generateOrganization({ seed: 3, accounts: 20 }) })
    try {
      const last = fake.scenario.accounts[19]?.id ?? ''
      const sts = new STSClient({
        region: 'us-east-1',
        endpoint: fake.endpoint,
        credentials: fake.staticCredentials(last),
      })
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(last)
    } finally {
      await fake.close()
    }
  })
})

/** One node process (no npx wrapper), so signals reach the CLI itself. */
const runCli = (args: string[]) =>
  spawn(process.execPath, ['--import', 'tsx', 'test/fake-aws/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })

describe('fake-aws CLI', () => {
  it('prints the endpoint and the environment, serves, and stops on SIGTERM', async () => {
    const child = runCli(['--scenario', 'test/fixtures/scenarios/small-org.yaml'])
    let out = ''
    const endpoint = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
        if (match?.[1] && out.includes('Ctrl-C')) resolve(match[1])
      })
      child.once('exit', (code) => reject(new Error(`cli exited early (${code}): ${out}`)))
    })
    expect(out).toContain(`export AWS_ENDPOINT_URL=${endpoint}`)
    expect(out).toContain(`export AWS_ENDPOINT_URL_TRUSTEDADVISOR=${endpoint}`)
    expect(out).toContain('export AWS_ACCESS_KEY_ID=AKIA111111111111FAKE')
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'AKIA111111111111FAKE', secretAccessKey: 'fake-secret-111111111111' },
    })
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('111111111111')
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(out).toContain('1 requests served')
  })

  it('exits 1 with the scenario error for a bad file', async () => {
    const path = await scenarioFile('cli-bad.json', JSON.stringify({ accounts: [{ id: 'x', name: 'y' }] }))
    const child = runCli(['--scenario', path])
    let err = ''
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString()
    })
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(code).toBe(1)
    expect(err).toContain(`Invalid scenario ${path}`)
    expect(err).toContain('accounts[0].id: expected a 12-digit AWS account id')
    expect(await readFile(path, 'utf8')).toContain('"x"')
  })
})
