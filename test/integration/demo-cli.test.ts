import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseSnapshotFile } from '../../shared/snapshot/schema'
import { runCliCaptured } from '../../src-main/cli/test-support'
import { readEvidenceFolder } from '../../src-main/collect/offline'

let folder: string
const hasChromium = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')

function cli(args: string[]) {
  return runCliCaptured(args, { cwd: folder, env: process.env })
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ratchet-cli-demo-'))
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('cli demo', () => {
  it('writes four quarters of evidence, snapshots and scorecards, and prints the table', async () => {
    const args = [
      'demo',
      '--out',
      'demo',
      '--now',
      '2026-11-29T12:00:00Z',
      ...(hasChromium ? [] : ['--no-pdf']),
    ]
    const result = await cli(args)
    expect(result.err).toMatch(/Wrote 12 accounts × 4 quarters/)
    expect(result.code).toBe(0)
    expect(result.out).toMatch(/^Demo organization, 2026-Q4:\naccount\s+level\s+evidence\s+grade/)
    expect(result.out.trim().split('\n')).toHaveLength(3 + 12)

    const labels = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']
    expect((await readdir(join(folder, 'demo/snapshots'))).sort()).toEqual(labels.map((l) => `${l}.json`))
    const evidence = await readEvidenceFolder(join(folder, 'demo/evidence/2026-Q4'))
    expect(evidence).toHaveLength(12)
    const snapshot = parseSnapshotFile(
      await readFile(join(folder, 'demo/snapshots/2026-Q4.json'), 'utf8'),
      '2026-Q4.json',
    )
    expect(snapshot.scorecard.accounts).toHaveLength(12)

    const scorecards = await readdir(join(folder, 'demo/scorecards'))
    for (const label of labels) {
      expect(scorecards).toContain(`${label}.html`)
      expect(scorecards).toContain(`${label}.md`)
      if (hasChromium) expect(scorecards).toContain(`${label}.pdf`)
    }
    if (hasChromium) {
      const pdf = await readFile(join(folder, 'demo/scorecards/2026-Q4.pdf'))
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    }
  }, 120_000)

  it('feeds compare: the demo snapshots compare from the terminal', async () => {
    const result = await cli([
      'compare',
      'demo/snapshots/2026-Q3.json',
      'demo/snapshots/2026-Q4.json',
      '--format',
      'json',
    ])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.out)).toHaveProperty('regressions')
  })

  it('refuses a missing --out without writing anything', async () => {
    const result = await cli(['demo'])
    expect(result.code).toBe(2)
    expect(result.err).toContain('--out is required.')
  })
})
