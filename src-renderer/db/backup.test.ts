import { afterEach, describe, expect, it } from 'vitest'
import { countBackup, parseBackup } from '../../shared/backup/schema'
import { buildDemoOrganization } from '../../shared/demo/organization'
import { defaultModel } from '../../shared/model/default-model'
import { snapshotsFromQuarters } from '../../shared/snapshot/build'
import { createAccountsRepo } from './accounts-repo'
import { createAnswersRepo } from './answers-repo'
import { countDatabase, exportBackup, restoreBackup } from './backup'
import { RatchetDb } from './db'
import { createEvidenceRepo } from './evidence-repo'

const now = new Date('2026-11-28T12:00:00.000Z')
const demo = buildDemoOrganization({
  now,
  controls: [
    { id: 'gov-1-owner', domainId: 'governance', level: 1, isManual: true },
    { id: 'net-2-open-ports', domainId: 'network', level: 2, isManual: false },
  ],
})
const dbs: RatchetDb[] = []
async function seeded(): Promise<RatchetDb> {
  const db = new RatchetDb(`backup-${crypto.randomUUID()}`)
  dbs.push(db)
  await createAccountsRepo(db).putMany(demo.accounts)
  await createEvidenceRepo(db).addMany(demo.bundles)
  await createAnswersRepo(db).addRaw(demo.attestations, demo.waivers)
  const [snapshot] = snapshotsFromQuarters({
    accounts: demo.accounts,
    quarters: demo.quarters.slice(-1),
    model: defaultModel,
    idPrefix: 'snap',
  })
  await db.snapshots.add({ ...snapshot, id: 'snap-1' })
  await db.settings.put({ key: 'demo.offered', value: true })
  return db
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete()
})

describe('backup and restore', () => {
  it('round-trips the whole database through JSON', async () => {
    const source = await seeded()
    const file = await exportBackup(source, { now, appVersion: '0.1.0' })
    const text = JSON.stringify(file)
    const parsed = parseBackup(text)
    expect(countBackup(parsed.tables)).toEqual(await countDatabase(source))

    const target = new RatchetDb(`backup-${crypto.randomUUID()}`)
    dbs.push(target)
    await target.accounts.add({ ...demo.accounts[0], id: '999999999999', name: 'will be replaced' })
    const stale = {
      id: '999999999999:x',
      accountId: '999999999999',
      at: 'x',
      state: 'failed' as const,
      sources: {},
    }
    await target.collectAttempts.add(stale)
    await restoreBackup(target, parsed)
    expect(await countDatabase(target)).toEqual(await countDatabase(source))
    // Attempts are not backed up: the replaced ones go, and each restored bundle stands for one.
    expect(await target.collectAttempts.get(stale.id)).toBeUndefined()
    expect(await target.collectAttempts.count()).toBe(parsed.tables.evidence.length)
    expect(await target.accounts.get('999999999999')).toBeUndefined()
    const latest = await createEvidenceRepo(target).latestByAccount()
    expect(latest.size).toBe(12)
    expect(await target.snapshots.get('snap-1')).toMatchObject({ id: 'snap-1', schemaVersion: 1 })
  })

  it('rejects a file that is not JSON, with a clear message', () => {
    expect(() => parseBackup('{"format": "ratchet-backup", ', 'b.json')).toThrow(
      'b.json is not a Ratchet backup: it is not valid JSON.',
    )
    expect(() => parseBackup('{"hello": 1}')).toThrow(/no "ratchet-backup" format marker/)
  })

  it('rejects a newer format version and says to update', async () => {
    const db = await seeded()
    const file = { ...(await exportBackup(db, { now })), version: 2 }
    try {
      parseBackup(JSON.stringify(file))
      expect.unreachable()
    } catch (error) {
      expect(error).toMatchObject({
        code: 'backup-wrong-version',
        message: 'This file is backup format version 2; this version of Ratchet reads version 1.',
      })
      expect((error as { hint: string }).hint).toMatch(/newer Ratchet: update the app/)
    }
  })

  it('rejects a damaged row and names the field', async () => {
    const db = await seeded()
    const file = await exportBackup(db, { now })
    const damaged = JSON.parse(JSON.stringify(file))
    damaged.tables.evidence[5].collectedAt = 'yesterday'
    expect(() => parseBackup(JSON.stringify(damaged))).toThrow(
      /This file is damaged and was not restored: tables\.evidence\.5\.collectedAt/,
    )
  })

  it('restores all or nothing: a write failure mid-restore leaves the existing data untouched', async () => {
    const db = await seeded()
    const before = await exportBackup(db, { now })
    const file = parseBackup(JSON.stringify(before))
    // Two accounts with the same id pass the schema but fail inside the transaction (ConstraintError).
    const account = file.tables.accounts[0]
    if (!account) throw new Error('demo has accounts')
    const duplicate = { ...file, tables: { ...file.tables, accounts: [account, account] } }
    const target = new RatchetDb(`backup-${crypto.randomUUID()}`)
    dbs.push(target)
    await restoreBackup(target, file)
    await target.attestations.clear()
    const expected = await countDatabase(target)
    await expect(restoreBackup(target, duplicate)).rejects.toMatchObject({
      code: 'backup-restore-failed',
      hint: 'Nothing was changed: your existing data is as it was before.',
    })
    expect(await countDatabase(target)).toEqual(expected)
    expect(await target.accounts.count()).toBe(12)
  })
})
