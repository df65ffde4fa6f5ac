import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseSnapshotFile, type Snapshot } from '../../shared/snapshot/schema'
import { runCliCaptured, runCliInShell } from '../../src-main/cli/test-support'
import { buildFixtureSnapshots } from '../fixtures/snapshots/build'
import { findLeaks, sensitiveValues } from '../fixtures/snapshots/sensitive'

let folder: string
let current: Snapshot
let currentFile: string
let previousFile: string

beforeAll(async () => {
  const built = buildFixtureSnapshots()
  current = built.current
  folder = await mkdtemp(join(tmpdir(), 'ratchet-cli-export-'))
  currentFile = join(folder, 'current.json')
  previousFile = join(folder, 'previous.json')
  await writeFile(currentFile, JSON.stringify(built.current))
  await writeFile(previousFile, JSON.stringify(built.previous))
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

function cli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return runCliCaptured(['export', ...args], { cwd: folder, env })
}

async function outputDir(): Promise<string> {
  return mkdtemp(join(folder, 'out-'))
}

describe('npm run cli -- export', () => {
  it('writes each text format into a folder, named by the pattern', async () => {
    const out = await outputDir()
    for (const format of ['html', 'csv', 'md', 'json']) {
      const result = await cli([
        '--snapshot',
        'current.json',
        '--previous',
        'previous.json',
        '--format',
        format,
        '--out',
        out,
      ])
      expect(result.err).toBe('')
      expect(result.code).toBe(0)
      expect(result.out).toContain(
        `Wrote ${join(out, `ratchet-${current.label.toLowerCase()}-${current.createdAt.slice(0, 10)}.${format}`)}`,
      )
    }
    const files = (await readdir(out)).sort()
    expect(files).toHaveLength(4)
    const base = `ratchet-${current.label.toLowerCase()}-${current.createdAt.slice(0, 10)}`
    const csv = parse(await readFile(join(out, `${base}.csv`), 'utf8'), { columns: true }) as unknown[]
    expect(csv).toHaveLength(
      current.scorecard.accounts.flatMap((a) => a.domains.flatMap((d) => d.controls)).length,
    )
    expect(parseSnapshotFile(await readFile(join(out, `${base}.json`), 'utf8'), 'x.json')).toEqual(current)
    expect(await readFile(join(out, `${base}.html`), 'utf8')).toContain('data-testid="heatmap"')
  })

  it('exports one account, redacted, with nothing identifying in it', async () => {
    const out = await outputDir()
    const account = current.accounts[0]
    const path = join(out, 'owner.md')
    const result = await cli([
      '--snapshot',
      currentFile,
      '--format',
      'md',
      '--out',
      path,
      '--redact',
      '--accounts',
      account?.id ?? '',
    ])
    expect(result.code).toBe(0)
    expect(result.out).toContain('1 account(s), redacted')
    const text = await readFile(path, 'utf8')
    expect(text).toContain('account-1')
    expect(text).not.toContain(account?.name)
    const values = sensitiveValues(current)
    expect(findLeaks(text, Object.values(values).flat())).toEqual([])
  })

  it('prints a PDF through Chromium when run from a shell', async () => {
    const out = await outputDir()
    const { stdout } = await runCliInShell([
      'export',
      '--snapshot',
      currentFile,
      '--format',
      'pdf',
      '--out',
      out,
      '--name',
      '{label}-{scope}',
      '--accounts',
      current.accounts[1]?.id ?? '',
    ])
    const name = `${current.label.toLowerCase()}-${current.accounts[1]?.name}.pdf`
    expect(stdout).toContain(`Wrote ${join(out, name)} (pdf`)
    expect((await readFile(join(out, name))).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('explains a bad command line and writes nothing', async () => {
    const out = await outputDir()
    const cases: Array<[string[], string]> = [
      [['--format', 'pdf', '--out', out], '--snapshot is required.'],
      [
        ['--snapshot', currentFile, '--format', 'docx', '--out', out],
        '--format must be one of pdf, html, csv, md, json, not "docx".',
      ],
      [['--snapshot', currentFile, '--format', 'csv'], '--out is required.'],
      [['--snapshot', currentFile, '--format', 'csv', '--out', out, '--colour'], 'Unknown option "colour".'],
    ]
    for (const [args, message] of cases) {
      const result = await cli(args)
      expect(result.code, message).toBe(2)
      expect(result.err).toContain(message)
      expect(result.err).toContain('Usage: npm run cli -- export --snapshot <file>')
    }
    expect(await readdir(out)).toEqual([])
  })

  it('refuses a missing or invalid snapshot, an unknown account, a missing folder or a bad pattern, writing nothing', async () => {
    const out = await outputDir()
    const broken = JSON.parse(JSON.stringify(current)) as {
      scorecard: { accounts: Array<{ level: number }> }
    }
    if (broken.scorecard.accounts[0]) broken.scorecard.accounts[0].level = 9
    await writeFile(join(folder, 'broken.json'), JSON.stringify(broken))
    const cases: Array<[string[], string]> = [
      // A missing snapshot is a bad input, not a usage mistake: exit 1, as compare and snapshot say it.
      [['--snapshot', 'missing.json', '--format', 'csv', '--out', out], 'missing.json: no such file'],
      [
        ['--snapshot', 'broken.json', '--format', 'csv', '--out', out],
        'broken.json is not a valid Ratchet snapshot:\n  scorecard.accounts[0].level',
      ],
      [
        ['--snapshot', currentFile, '--format', 'csv', '--out', out, '--accounts', '111111111111'],
        `The snapshot "${current.label}" has no scorecard for 111111111111.`,
      ],
      [
        ['--snapshot', currentFile, '--format', 'csv', '--out', join(out, 'nope', 'x.csv')],
        `the folder ${join(out, 'nope')} does not exist.`,
      ],
      [
        ['--snapshot', currentFile, '--format', 'csv', '--out', out, '--name', '{label}-{quarter}'],
        'The file-name pattern has an unknown token {quarter}.',
      ],
    ]
    for (const [args, message] of cases) {
      const result = await cli(args)
      expect(result.code, message).toBe(1)
      expect(result.err).toContain(message)
    }
    expect(await readdir(out)).toEqual([])
  })

  it('leaves an existing file untouched when printing the PDF fails', async () => {
    const out = await outputDir()
    const path = join(out, 'report.pdf')
    await writeFile(path, 'the previous report')
    const result = await cli(['--snapshot', currentFile, '--format', 'pdf', '--out', path], {
      ...process.env,
      CHROMIUM_PATH: join(folder, 'no-such-chromium'),
    })
    expect(result.code).toBe(1)
    expect(result.err).toContain(`Chromium could not be started from ${join(folder, 'no-such-chromium')}`)
    expect(result.err).toContain('set CHROMIUM_PATH')
    expect(await readFile(path, 'utf8')).toBe('the previous report')
    expect(await readdir(out)).toEqual(['report.pdf'])
  })
})
