import { afterEach, describe, expect, it } from 'vitest'
import { reviseBaseline } from '../../shared/baseline/revise'
import { resolveBaseline } from '../../shared/baseline/scope'
import type { Baseline } from '../../shared/baseline/types'
import { exportBackup, restoreBackup } from './backup'
import { createBaselinesRepo } from './baselines-repo'
import { RatchetDb } from './db'
import { latestSchemaVersion, schemaV3CollectAttempts, schemaV4Baselines } from './schema'

let opened: RatchetDb[] = []
let name = ''
function open(upTo?: number): RatchetDb {
  const db = new RatchetDb(name, upTo === undefined ? {} : { upTo })
  opened.push(db)
  return db
}
afterEach(async () => {
  for (const db of opened) db.close()
  await new RatchetDb(name).delete()
  opened = []
})

const account = (id: string, targets: Record<string, number>) => ({
  id,
  name: `acct-${id}`,
  owner: '',
  environment: 'production',
  criticality: 'medium',
  tags: [],
  targets,
  origin: 'sso',
})

const prod: Baseline = reviseBaseline(
  undefined,
  {
    id: 'prod',
    name: 'Production',
    scope: { kind: 'environment', environments: ['production'] },
    minimums: { iam: 2 },
    invariants: ['iam.root-mfa'],
  },
  { by: 'lead@example.com', at: '2026-11-01T00:00:00.000Z', reason: 'the production bar' },
)

describe('schema v4: per-account targets become baselines', () => {
  it('keeps v3 a subset of v4', () => {
    expect(Object.keys(schemaV4Baselines)).toEqual(
      expect.arrayContaining(Object.keys(schemaV3CollectAttempts)),
    )
  })

  it('opens v2, writes accounts with targets, reopens at the latest version and finds one single-account baseline each', async () => {
    name = `test-${crypto.randomUUID()}`
    const v2 = open(2)
    await v2.open()
    await v2.accounts.bulkAdd([
      account('111111111111', { iam: 3, network: 2 }),
      account('222222222222', {}),
      { id: '333333333333', name: 'broken', targets: { iam: 9 } },
    ])
    v2.close()

    const latest = open()
    await latest.open()
    expect(latest.verno).toBe(latestSchemaVersion)
    const versions = await createBaselinesRepo(latest).list()
    expect(versions).toHaveLength(1)
    expect(versions[0]).toMatchObject({
      id: 'account-111111111111',
      version: 1,
      scope: { kind: 'accounts', accountIds: ['111111111111'] },
      minimums: { iam: 3, network: 2 },
      change: 'created',
      setBy: 'Ratchet (migration)',
    })
    // The migrated baseline is the most specific scope: it wins over an environment baseline.
    const acct = { id: '111111111111', owner: '', environment: 'production' as const, tags: [] }
    expect(resolveBaseline(acct, [prod, ...versions])?.baseline.id).toBe('account-111111111111')
    // The targets stay on the account.
    expect(await latest.accounts.get('111111111111')).toMatchObject({ targets: { iam: 3, network: 2 } })
  })
})

describe('the baselines repository', () => {
  it('adds versions in order and refuses a stale revision', async () => {
    name = `test-${crypto.randomUUID()}`
    const repo = createBaselinesRepo(open())
    await repo.add(prod)
    const raised = reviseBaseline(
      prod,
      { ...prod, minimums: { iam: 3 } },
      { by: 'a', at: '2026-12-01T00:00:00.000Z', reason: 'raise' },
    )
    await repo.add(raised)
    await expect(repo.add(raised)).rejects.toThrow(/changed meanwhile/)
    expect((await repo.inForce()).map((b) => `${b.id}@${b.version}:${b.change}`)).toEqual(['prod@2:raised'])
  })

  it('imports all or nothing, skipping versions already stored identically', async () => {
    name = `test-${crypto.randomUUID()}`
    const repo = createBaselinesRepo(open())
    await repo.add(prod)
    const other = { ...prod, id: 'other' }
    expect(await repo.importMany([prod, other])).toBe(1)
    await expect(
      repo.importMany([
        { ...other, id: 'third' },
        { ...prod, name: 'changed' },
      ]),
    ).rejects.toThrow(/already stored with different content/)
    expect((await repo.list()).map((b) => b.id)).toEqual(['other', 'prod'])
  })

  it('goes into backups and comes back on restore', async () => {
    name = `test-${crypto.randomUUID()}`
    const db = open()
    await createBaselinesRepo(db).add(prod)
    const file = await exportBackup(db, { now: new Date('2026-12-01T00:00:00.000Z') })
    expect(file.tables.baselines).toEqual([prod])
    await db.baselines.clear()
    await restoreBackup(db, file)
    expect(await createBaselinesRepo(db).list()).toEqual([prod])
  })
})
