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

type Named = [id: string, name: string]
const cli = (args: string[]) => runCliCaptured(args, { cwd: dir })

/** Runs `snapshot` with these flags and returns the frozen accounts as [id, name], in the snapshot's order. */
async function frozen(...flags: string[]): Promise<Named[]> {
  const result = await cli(['snapshot', '--evidence', evidence, '--out', 's.json', ...flags])
  expect(result.err).toBe('')
  expect(result.code).toBe(0)
  const snapshot = parseSnapshotFile(readFileSync(join(dir, 's.json'), 'utf8'), 's.json')
  return snapshot.accounts.map((a) => [a.id, a.name])
}

/** Runs `check` with these flags and returns the line it prints for each account. */
async function checked(...flags: string[]): Promise<string[]> {
  const result = await cli(['check', '--evidence', evidence, '--baselines', 'baselines.json', ...flags])
  expect(result.err).toBe('')
  expect(result.code).toBe(0)
  return result.out.split('\n').filter((line) => line.includes(': no baseline holds it'))
}

/** How `check` prints an account: `id (name)`, or the id alone when it is the name. */
const checkLine = ([id, name]: Named) => `${id}${name === id ? '' : ` (${name})`}: no baseline holds it`

describe('the name of an account with evidence is the same in snapshot and check', () => {
  it('with an accounts file: its name, else the alias, else the id', async () => {
    const A: Named = ['111122223333', 'example-prod']
    const B: Named = ['444455556666', 'legacy-tools']
    const fileOnly: Named = ['999988887777', '999988887777']
    // snapshot keeps the accounts file's order; check lists the accounts with evidence first.
    expect(await frozen('--accounts', 'accounts.json')).toEqual([B, A, fileOnly])
    expect(await checked('--accounts', 'accounts.json')).toEqual([A, B, fileOnly].map(checkLine))
  })

  it('without one: the alias, else the id', async () => {
    const named: Named[] = [
      ['111122223333', 'example-prod'],
      ['444455556666', '444455556666'],
    ]
    expect(await frozen()).toEqual(named)
    expect(await checked()).toEqual(named.map(checkLine))
  })
})
