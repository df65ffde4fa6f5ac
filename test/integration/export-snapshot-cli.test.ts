import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultModel } from '../../shared/model/default-model'
import { buildSnapshot } from '../../shared/snapshot/build'
import { parseSnapshotFile } from '../../shared/snapshot/schema'
import { runCliCaptured, runCliInShell } from '../../src-main/cli/test-support'
import { readEvidenceFolder } from '../../src-main/collect/offline'

const repoRoot = resolve(import.meta.dirname, '../..')
const evidenceFixture = join(repoRoot, 'test/fixtures/evidence/valid')
let folder: string

/** Two quarters, as the lead would keep them: a collection per quarter, with its own collection time. */
const quarters = [
  { label: '2026-Q3', collectedAt: '2026-09-20T10:00:00.000Z', at: '2026-09-25T12:00:00.000Z' },
  { label: '2026-Q4', collectedAt: '2026-11-26T10:00:00.000Z', at: '2026-11-28T12:00:00.000Z' },
] as const

const accountsCsv = `id,name,owner,environment,criticality,tags,targets
111122223333,"payments-prod","Priya Raman",production,crown-jewel,"payments;pci","iam=3;logging-detection=2"
444455556666,"legacy-tools","Tom Becker",development,low,legacy,
`

/** Copies the evidence fixture and dates every file, since a folder without ratchet-evidence.json is as old as its newest file. */
async function evidenceFolder(name: string, collectedAt: string, edit?: (dir: string) => Promise<void>) {
  const dir = join(folder, name)
  await cp(evidenceFixture, dir, { recursive: true })
  await edit?.(dir)
  const time = new Date(collectedAt)
  for (const account of await readdir(dir)) {
    for (const file of await readdir(join(dir, account))) await utimes(join(dir, account, file), time, time)
  }
  return dir
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ratchet-snapshot-cli-'))
  await evidenceFolder('2026-Q3', quarters[0].collectedAt)
  // By Q4 alice lost her MFA device: a regression the comparison and the report must show.
  await evidenceFolder('2026-Q4', quarters[1].collectedAt, async (dir) => {
    const file = join(dir, '111122223333', 'credential-report.csv')
    const lines = (await readFile(file, 'utf8')).split('\n')
    const alice = lines.findIndex((l) => l.startsWith('alice,'))
    const cells = (lines[alice] ?? '').split(',')
    cells[7] = 'false' // mfa_active
    lines[alice] = cells.join(',')
    await writeFile(file, lines.join('\n'))
  })
  await writeFile(join(folder, 'accounts.csv'), accountsCsv)
  await writeFile(
    join(folder, 'accounts.json'),
    JSON.stringify([
      {
        id: '111122223333',
        name: 'payments-prod',
        owner: 'Priya Raman',
        environment: 'production',
        criticality: 'crown-jewel',
        tags: ['payments', 'pci'],
        targets: { iam: 3, 'logging-detection': 2 },
      },
      {
        id: '444455556666',
        name: 'legacy-tools',
        owner: 'Tom Becker',
        environment: 'development',
        criticality: 'low',
        tags: ['legacy'],
      },
    ]),
  )
  await writeFile(join(folder, 'answers.json'), JSON.stringify({ attestations: [], waivers: [] }))
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

function cli(args: string[]) {
  return runCliCaptured(args, { cwd: folder, env: process.env })
}

describe('npm run cli -- snapshot', () => {
  it('freezes two quarters from evidence folders, then compares and exports them', {
    timeout: 60_000,
  }, async () => {
    for (const [quarter, accounts] of [
      [quarters[0], 'accounts.csv'],
      [quarters[1], 'accounts.json'],
    ] as const) {
      const result = await cli([
        'snapshot',
        '--evidence',
        quarter.label,
        '--accounts',
        accounts,
        '--answers',
        'answers.json',
        '--at',
        quarter.at,
        '--out',
        `${quarter.label}.json`,
      ])
      expect(result.err).toBe('')
      expect(result.code).toBe(0)
      expect(result.out).toContain(
        `Froze ${quarter.label} as of ${quarter.at}: 2 account(s), 2 with evidence`,
      )
    }
    const [q3, q4] = await Promise.all(
      quarters.map(async (q) =>
        parseSnapshotFile(await readFile(join(folder, `${q.label}.json`), 'utf8'), q.label),
      ),
    )
    // The default label is the quarter of --at, never a fixed one.
    expect([q3?.label, q4?.label]).toEqual(['2026-Q3', '2026-Q4'])
    expect(
      q4?.accounts.map((a) => [a.name, a.owner, a.environment, a.criticality, a.tags, a.targets]),
    ).toEqual([
      [
        'payments-prod',
        'Priya Raman',
        'production',
        'crown-jewel',
        ['payments', 'pci'],
        { iam: 3, 'logging-detection': 2 },
      ],
      ['legacy-tools', 'Tom Becker', 'development', 'low', ['legacy'], {}],
    ])
    // The CSV and the JSON accounts file say the same thing.
    expect(q3?.accounts).toEqual(q4?.accounts)
    // One path: the app's builder on the same evidence gives the same snapshot.
    const app = buildSnapshot({
      label: '2026-Q4',
      createdAt: new Date(quarters[1].at),
      model: defaultModel,
      accounts: q4?.accounts ?? [],
      evidence: await readEvidenceFolder(join(folder, '2026-Q4')),
      attestations: [],
      waivers: [],
      params: {},
    })
    expect(q4?.scorecard).toEqual(app.scorecard)

    const compared = await cli(['compare', '2026-Q3.json', '2026-Q4.json', '--fail-on-regression'])
    expect(compared.code).toBe(3)
    expect(compared.out).toContain('payments-prod')

    await mkdir(join(folder, 'reports'))
    for (const format of ['pdf', 'html']) {
      const exported = await cli([
        'export',
        '--snapshot',
        '2026-Q4.json',
        '--previous',
        '2026-Q3.json',
        '--format',
        format,
        '--out',
        'reports',
        '--detail',
        'failing',
      ])
      // Only Chromium's sandbox decision may be said (as root, it is printed with its reason).
      expect(exported.err.replace(/^Printing the PDF with Chromium's sandbox off: .*\n/m, '')).toBe('')
      expect(exported.code).toBe(0)
      expect(exported.out).toContain('2 account(s)')
    }
    const html = await readFile(join(folder, 'reports', 'ratchet-2026-q4-2026-11-28.html'), 'utf8')
    expect(html).toContain('payments-prod')
    expect(html).toMatch(/regression/i)
    expect((await stat(join(folder, 'reports', 'ratchet-2026-q4-2026-11-28.pdf'))).size).toBeGreaterThan(1000)
  })

  it('defaults the label to the current quarter and runs from a shell', { timeout: 60_000 }, async () => {
    const { stdout } = await runCliInShell([
      'snapshot',
      '--evidence',
      join(folder, '2026-Q4'),
      '--out',
      join(folder, 'now.json'),
    ])
    const now = new Date()
    const expected = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`
    expect(stdout).toContain(`Froze ${expected}`)
    const snapshot = parseSnapshotFile(await readFile(join(folder, 'now.json'), 'utf8'), 'now.json')
    expect(snapshot.label).toBe(expected)
    // Unlisted accounts are named by their alias, or their id when they have none.
    expect(snapshot.accounts.map((x) => x.name)).toEqual(['example-prod', '444455556666'])
  })

  it('refuses bad input, naming the file, the line and the field, and writes nothing', async () => {
    await writeFile(
      join(folder, 'bad.csv'),
      'id,name,environment\n111122223333,ok,production\n444455556666,x,moon\n',
    )
    const bad = await cli(['snapshot', '--evidence', '2026-Q4', '--accounts', 'bad.csv', '--out', 'bad.json'])
    expect(bad.code).toBe(1)
    expect(bad.err).toContain('bad.csv: row 2, environment: Invalid option')
    await writeFile(join(folder, 'bad-targets.csv'), 'id,targets\n111122223333,iam=3;nets=2\n')
    const targets = await cli([
      'snapshot',
      '--evidence',
      '2026-Q4',
      '--accounts',
      'bad-targets.csv',
      '--out',
      'bad.json',
    ])
    expect(targets.err).toContain('bad-targets.csv: row 1, targets: "nets" is not a domain')
    const usage = await cli(['snapshot', '--evidence', 'x', '--out', 'bad.json', '--at', 'yesterday'])
    expect(usage.code).toBe(2)
    expect(usage.err).toContain('--at must be an ISO time')
    const missing = await cli(['snapshot', '--evidence', 'nowhere', '--out', 'bad.json'])
    expect(missing.code).toBe(1)
    expect(missing.err).toContain('nowhere')
    await expect(stat(join(folder, 'bad.json'))).rejects.toThrow()
  })
})
