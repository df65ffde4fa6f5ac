import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Comparison } from '../../../shared/compare/types'
import { buildSnapshot } from '../../../shared/snapshot/build'
import {
  ACCOUNT_A,
  tinyAccount,
  tinyAnswer,
  tinyBundle,
  tinyModel,
} from '../../../shared/snapshot/fixtures.test-support'
import { runCli } from '../main'
import { bufferedIo } from '../test-support'

const dir = mkdtempSync(join(tmpdir(), 'ratchet-compare-'))

const io = () => bufferedIo(dir)

const answer = tinyAnswer({ expiresAt: '2026-08-15T00:00:00.000Z' })

function write(name: string, createdAt: string, keyAgeDays: number): void {
  const snapshot = buildSnapshot({
    createdAt: new Date(createdAt),
    model: tinyModel(90),
    accounts: [tinyAccount(ACCOUNT_A, 'Payments')],
    evidence: [tinyBundle(ACCOUNT_A, createdAt, { keyAgeDays })],
    attestations: [answer],
    waivers: [],
  })
  writeFileSync(join(dir, name), JSON.stringify(snapshot))
}

beforeAll(() => {
  write('q2.json', '2026-06-28T00:00:00.000Z', 10)
  // By Q3 the break-glass attestation expired and the access key is 120 days old.
  write('q3.json', '2026-09-28T00:00:00.000Z', 120)
  writeFileSync(join(dir, 'broken.json'), '{"schemaVersion": 1, "id": 5}')
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('npm run cli -- compare', () => {
  it('prints Markdown with the regression and its reasons first', async () => {
    const t = io()
    expect(await runCli(['compare', 'q2.json', 'q3.json'], t.io)).toBe(0)
    const md = t.out.join('')
    expect(md).toContain('# Ratchet comparison: 2026-Q2 → 2026-Q3')
    expect(md).toContain('## Regressions (2)')
    expect(md).toContain('- **Payments** (111111111111) iam: level 5 → 0')
    expect(md).toMatch(/Access keys are rotated \(iam\.key-age\): pass → fail: Now fails: /)
    expect(md).toMatch(
      /Break-glass procedure exists \(iam\.break-glass\): Attestation expired: The attestation by ana@example\.com expired on 2026-08-15/,
    )
    expect(md.indexOf('## Regressions')).toBeLessThan(md.indexOf('## Level changes'))
    expect(md).toMatch(/## New violating resources \(1\)[\s\S]*user\/deploy/)
  })

  it('prints the full comparison as JSON, older first whatever the order given', async () => {
    const t = io()
    expect(await runCli(['compare', 'q3.json', 'q2.json', '--format', 'json'], t.io)).toBe(0)
    const result = JSON.parse(t.out.join('')) as Comparison
    expect(result.isSwapped).toBe(true)
    expect(result.before.label).toBe('2026-Q2')
    expect(result.levelChanges.map((c) => [c.domainId, c.from, c.to])).toEqual([['iam', 5, 0]])
  })

  it('exits 3 with --fail-on-regression when something slipped, 0 when nothing did', async () => {
    expect(await runCli(['compare', 'q2.json', 'q3.json', '--fail-on-regression'], io().io)).toBe(3)
    expect(await runCli(['compare', 'q2.json', 'q2.json', '--fail-on-regression'], io().io)).toBe(0)
  })

  it('names the file, the path and what was expected for an invalid snapshot, and writes nothing to stdout', async () => {
    const t = io()
    expect(await runCli(['compare', 'q2.json', 'broken.json'], t.io)).toBe(1)
    expect(t.err.join('')).toMatch(
      /^broken\.json is not a valid Ratchet snapshot:\n {2}id: Invalid input: expected string, received number/,
    )
    expect(t.out).toEqual([])
    // The input files are left as they were.
    expect(readFileSync(join(dir, 'broken.json'), 'utf8')).toBe('{"schemaVersion": 1, "id": 5}')
  })

  it('says when a file does not exist', async () => {
    const t = io()
    expect(await runCli(['compare', 'q2.json', 'nope.json'], t.io)).toBe(1)
    expect(t.err.join('')).toBe('nope.json: no such file\n')
  })

  it('rejects a wrong number of files, an unknown format and an unknown option with usage (exit 2)', async () => {
    for (const args of [
      ['q2.json'],
      ['q2.json', 'q3.json', '--format', 'pdf'],
      ['q2.json', 'q3.json', '--verbose'],
    ]) {
      const t = io()
      expect(await runCli(['compare', ...args], t.io)).toBe(2)
      expect(t.err.join('')).toContain('Usage: npm run cli -- compare <snapshotA.json> <snapshotB.json>')
    }
    const t = io()
    await runCli(['compare', 'q2.json', 'q3.json', '--format', 'pdf'], t.io)
    expect(t.err.join('')).toContain('--format must be md or json, not "pdf".')
  })
})
