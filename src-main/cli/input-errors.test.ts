import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSnapshot } from '../../shared/snapshot/build'
import { ACCOUNT_A, tinyAccount, tinyBundle, tinyModel } from '../../shared/snapshot/fixtures.test-support'
import { runCliCaptured } from './test-support'

/**
 * One bad input file, three commands: `export` (--snapshot and --previous), `compare` and `snapshot` read their
 * files through the same path (readText, then the file's parser), so a missing file, an unreadable one (a
 * folder: root reads any file whatever its mode) and invalid JSON each exit 1 with the same message naming the
 * file, never the usage text.
 */
const dir = mkdtempSync(join(tmpdir(), 'ratchet-cli-inputs-'))
const evidence = resolve(import.meta.dirname, '../../test/fixtures/evidence/valid')

beforeAll(() => {
  const snapshot = buildSnapshot({
    createdAt: new Date('2026-09-28T00:00:00.000Z'),
    model: tinyModel(90),
    accounts: [tinyAccount(ACCOUNT_A, 'Payments')],
    evidence: [tinyBundle(ACCOUNT_A, '2026-09-28T00:00:00.000Z', { keyAgeDays: 10 })],
    attestations: [],
    waivers: [],
  })
  writeFileSync(join(dir, 'good.json'), JSON.stringify(snapshot))
  writeFileSync(join(dir, 'broken.json'), '{ "schemaVersion": 1,')
  mkdirSync(join(dir, 'folder.json'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const cli = (args: string[]) => runCliCaptured(args, { cwd: dir })

/** Every command that reads the bad file, given its name. */
const readers: Record<string, (file: string) => string[]> = {
  'export --snapshot': (file) => ['export', '--snapshot', file, '--format', 'md', '--out', 'out.md'],
  'export --previous': (file) => [
    'export',
    '--snapshot',
    'good.json',
    '--previous',
    file,
    '--format',
    'md',
    '--out',
    'out.md',
  ],
  compare: (file) => ['compare', 'good.json', file],
  'snapshot --answers': (file) => [
    'snapshot',
    '--evidence',
    evidence,
    '--answers',
    file,
    '--out',
    'out.json',
  ],
}

describe.each([
  ['a missing file', 'missing.json', 'missing.json: no such file\n'],
  ['an unreadable file', 'folder.json', 'folder.json: cannot read (EISDIR)\n'],
  ['invalid JSON', 'broken.json', /^broken\.json is not valid JSON: /],
])('%s', (_, file, message) => {
  it.each(Object.keys(readers))(
    '%s exits 1 with a message naming the file, and writes nothing',
    async (name) => {
      const result = await cli(readers[name]?.(file) ?? [])
      expect(result.code).toBe(1)
      expect(result.err).toMatch(message)
      expect(result.err).not.toContain('Usage:')
      expect(result.out).toBe('')
      expect(existsSync(join(dir, 'out.md')) || existsSync(join(dir, 'out.json'))).toBe(false)
    },
  )

  it('gives the same message in export and compare', async () => {
    const results = await Promise.all(
      ['export --snapshot', 'export --previous', 'compare'].map((name) => cli(readers[name]?.(file) ?? [])),
    )
    expect(new Set(results.map((r) => `${r.code} ${r.err}`)).size).toBe(1)
  })
})
