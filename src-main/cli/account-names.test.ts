import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseSnapshotFile } from '../../shared/snapshot/schema'
import { runCliCaptured } from './test-support'

/**
 * `snapshot` and `check` name each account the same way (`accountsFor`), as the app names an account it learns
 * of from evidence: the accounts file's name, else the evidence's first alias, else the id. In
 * test/fixtures/evidence/valid, 111122223333 has the alias example-prod and 444455556666 has none.
 */
const evidence = resolve(import.meta.dirname, '../../test/fixtures/evidence/valid')
const dir = mkdtempSync(join(tmpdir(), 'ratchet-cli-names-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// The file names one account, lists another without a name, and adds one that has no evidence.
writeFileSync(
  join(dir, 'accounts.json'),
  JSON.stringify([
    { id: '444455556666', name: 'legacy-tools' },
    { id: '111122223333', owner: 'Priya Raman' },
    { id: '999988887777', owner: 'Tom Becker' },
  ]),
)
writeFileSync(join(dir, 'baselines.json'), JSON.stringify({ baselines: [] }))

const expected: Array<[id: string, name: string]> = [
  ['111122223333', 'example-prod'],
  ['444455556666', 'legacy-tools'],
  ['999988887777', '999988887777'],
]
const cli = (args: string[]) => runCliCaptured(args, { cwd: dir })

describe('the name of an account with evidence', () => {
  it('is the same in snapshot, whose file keeps the accounts file’s order', async () => {
    const result = await cli([
      'snapshot',
      '--evidence',
      evidence,
      '--accounts',
      'accounts.json',
      '--out',
      's.json',
    ])
    expect(result.err).toBe('')
    expect(result.code).toBe(0)
    const snapshot = parseSnapshotFile(readFileSync(join(dir, 's.json'), 'utf8'), 's.json')
    expect(Object.fromEntries(snapshot.accounts.map((a) => [a.id, a.name]))).toEqual(
      Object.fromEntries(expected),
    )
    expect(snapshot.accounts.map((a) => a.id)).toEqual(['444455556666', '111122223333', '999988887777'])
  })

  it('as in check, which lists those with evidence first', async () => {
    const result = await cli([
      'check',
      '--evidence',
      evidence,
      '--accounts',
      'accounts.json',
      '--baselines',
      'baselines.json',
    ])
    expect(result.err).toBe('')
    expect(result.code).toBe(0)
    expect(result.out.split('\n').slice(0, 3)).toEqual(
      expected.map(([id, name]) => `${id}${name === id ? '' : ` (${name})`}: no baseline holds it`),
    )
  })

  it('without an accounts file is the alias, else the id, in both', async () => {
    const frozen = await cli(['snapshot', '--evidence', evidence, '--out', 'bare.json'])
    expect(frozen.code).toBe(0)
    const snapshot = parseSnapshotFile(readFileSync(join(dir, 'bare.json'), 'utf8'), 'bare.json')
    expect(snapshot.accounts.map((a) => a.name)).toEqual(['example-prod', '444455556666'])
    const checked = await cli(['check', '--evidence', evidence, '--baselines', 'baselines.json'])
    expect(checked.out).toContain(
      '111122223333 (example-prod): no baseline holds it\n444455556666: no baseline',
    )
  })
})
