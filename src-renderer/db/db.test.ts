import { describe, expect, it } from 'vitest'
import { buildDemoOrganization } from '../../shared/demo/organization'
import { createAccountsRepo } from './accounts-repo'
import { createAnswersRepo } from './answers-repo'
import { createEvidenceRepo } from './evidence-repo'
import { latestSchemaVersion, schemaVersions } from './schema'
import { createSettingsRepo, requestPersistentStorage } from './settings-repo'
import { inlineEvidenceRows, testDatabases } from './test-db.test-support'

const now = new Date('2026-11-28T12:00:00.000Z')
const demo = buildDemoOrganization({
  now,
  controls: [{ id: 'gov-1-owner', domainId: 'governance', level: 1, isManual: true }],
})
const { open, freshName } = testDatabases()

describe('schema migrations', () => {
  it('keeps every older version a subset of the next (append-only)', () => {
    const versions = schemaVersions
    expect(versions).toHaveLength(latestSchemaVersion)
    for (const [older, newer] of versions.slice(0, -1).map((v, i) => [v, versions[i + 1]] as const))
      expect(Object.keys(newer ?? {})).toEqual(expect.arrayContaining(Object.keys(older)))
  })

  it('opens v2, writes data, reopens at the latest version with the unused indexes dropped and every row kept', async () => {
    const name = freshName()
    const v2 = open(name, 2)
    await v2.open()
    await createAccountsRepo(v2).putMany(demo.accounts)
    await v2.table('evidence').bulkAdd(inlineEvidenceRows(demo.bundles))
    await createAnswersRepo(v2).addRaw(demo.attestations, demo.waivers)
    v2.close()

    const latest = open(name)
    await latest.open()
    expect(latest.verno).toBe(latestSchemaVersion)
    expect(await latest.accounts.count()).toBe(demo.accounts.length)
    expect(await latest.evidence.count()).toBe(demo.bundles.length)
    expect(await latest.attestations.count()).toBe(demo.attestations.length)
    expect(latest.accounts.schema.indexes.map((i) => i.name).sort()).toEqual(['name', 'origin'])
    expect(latest.attestations.schema.indexes.map((i) => i.name)).toEqual(['accountId'])
    expect(await latest.summaries.count()).toBe(0)
    expect((await createEvidenceRepo(latest).latestByAccount()).size).toBe(demo.accounts.length)
  })

  it('opens v1, writes data, reopens at the latest and backfills account origins', async () => {
    const name = freshName()
    const v1 = open(name, 1)
    await v1.open()
    expect(v1.verno).toBe(1)
    const { origin: _ignored, ...legacy } = demo.accounts[0] ?? { origin: 'demo' }
    await v1.table('accounts').add({ ...legacy, id: '111111111111', name: 'legacy' })
    await v1.table('accounts').add({ ...legacy, id: '222222222222', name: 'from sso', origin: 'sso' })
    await v1.table('attestations').add({ ...demo.attestations[0], id: 'a1' })
    v1.close()

    const latest = open(name)
    await latest.open()
    expect(latest.verno).toBe(latestSchemaVersion)
    expect(await latest.accounts.get('111111111111')).toMatchObject({ name: 'legacy', origin: 'import' })
    expect(await latest.accounts.get('222222222222')).toMatchObject({ origin: 'sso' })
    expect(await latest.accounts.where('origin').equals('import').primaryKeys()).toEqual(['111111111111'])
    expect(await latest.attestations.get('a1')).toMatchObject({ controlId: 'gov-1-owner' })
  })
})

describe('repositories', () => {
  it('stores demo accounts and evidence, and returns the latest bundle per account', async () => {
    const db = open()
    await createAccountsRepo(db).putMany(demo.accounts)
    const evidence = createEvidenceRepo(db)
    await evidence.addMany(demo.bundles)
    expect(await evidence.count()).toBe(48)
    const latest = await evidence.latestByAccount()
    expect(latest.size).toBe(12)
    // The last quarter's bundles (one account's is older: that quarter's run missed it).
    const lastQuarter = demo.quarters[3]?.bundles ?? []
    for (const [id, bundle] of latest)
      expect(bundle.collectedAt).toBe(lastQuarter.find((b) => b.accountId === id)?.collectedAt)
    const history = await evidence.history(demo.accounts[0]?.id ?? '')
    expect(history.map((b) => b.collectedAt)).toEqual(demo.quarters.map((q) => q.asOf))
  })

  it('rejects an invalid bundle with a clear message and writes none of the batch', async () => {
    const db = open()
    const evidence = createEvidenceRepo(db)
    const broken = { ...demo.bundles[1], accountId: 'not-an-id' }
    await expect(evidence.addMany([demo.bundles[0], broken])).rejects.toThrow(
      /Invalid evidence bundles: 1\.accountId: must be a 12-digit AWS account id/,
    )
    expect(await evidence.count()).toBe(0)
  })

  it('edits an account after validating the merged result', async () => {
    const db = open()
    const accounts = createAccountsRepo(db)
    await accounts.putMany(demo.accounts)
    const id = demo.accounts[0]?.id ?? ''
    await accounts.update(id, { owner: 'New Owner', targets: { iam: 5 } })
    expect(await accounts.get(id)).toMatchObject({ owner: 'New Owner', targets: { iam: 5 } })
    await expect(accounts.update(id, { targets: { iam: 9 } })).rejects.toThrow(
      /Invalid account change: targets\.iam/,
    )
    await expect(accounts.update('999999999999', { owner: 'x' })).rejects.toThrow(
      'Account 999999999999 does not exist',
    )
    expect(await accounts.get(id)).toMatchObject({ owner: 'New Owner', targets: { iam: 5 } })
  })

  it('bulk-attests across accounts in one transaction, and refuses unknown accounts entirely', async () => {
    const db = open()
    await createAccountsRepo(db).putMany(demo.accounts)
    let n = 0
    const answers = createAnswersRepo(db, () => `id-${++n}`)
    const ids = demo.accounts.slice(0, 3).map((a) => a.id)
    const base = {
      controlId: 'ir-2-playbooks',
      isMet: true,
      note: 'Reviewed',
      evidenceUrl: 'https://wiki.example.com/ir',
      attestedBy: 'Lead',
      attestedAt: now.toISOString(),
      expiresAt: '2027-05-28T12:00:00.000Z',
    }
    const rows = await answers.attest({ ...base, accountIds: ids })
    expect(rows.map((r) => r.accountId)).toEqual(ids)
    await expect(answers.attest({ ...base, accountIds: [ids[0] ?? '', '999999999999'] })).rejects.toThrow(
      'Unknown account(s): 999999999999',
    )
    await expect(
      answers.attest({ ...base, accountIds: ids, expiresAt: '2026-01-01T00:00:00.000Z' }),
    ).rejects.toThrow(/expiresAt: the expiry must be after the answer date/)
    expect(await answers.listAttestations()).toHaveLength(3)
  })

  it('records waivers with reason, approver and expiry, rejecting incomplete ones', async () => {
    const db = open()
    await createAccountsRepo(db).putMany(demo.accounts)
    const answers = createAnswersRepo(db)
    const id = demo.accounts[0]?.id ?? ''
    const input = {
      accountIds: [id],
      controlId: 'net-2-open-ports',
      reason: 'Partner traffic',
      approver: 'CISO',
      createdAt: now.toISOString(),
      expiresAt: '2027-02-28T12:00:00.000Z',
    }
    await answers.waive(input)
    await expect(answers.waive({ ...input, approver: ' ' })).rejects.toThrow(/approver: name the approver/)
    const waivers = await answers.listWaivers()
    expect(waivers).toHaveLength(1)
    await answers.removeWaiver(waivers[0]?.id ?? '')
    expect(await answers.listWaivers()).toHaveLength(0)
  })

  it('removing the demo removes its accounts, evidence, answers and snapshots, and nothing else', async () => {
    const db = open()
    const accounts = createAccountsRepo(db)
    await accounts.putMany(demo.accounts)
    await createEvidenceRepo(db).addMany(demo.bundles)
    await createAnswersRepo(db).addRaw(demo.attestations, demo.waivers)
    await db.accounts.add({
      id: '999999999999',
      name: 'mine',
      origin: 'sso',
      owner: '',
      environment: 'unknown',
      criticality: 'medium',
      tags: [],
      targets: {},
    })
    await db.table('snapshots').bulkAdd([
      { id: 'demo-snapshot-2026-Q1', label: 'Q1', createdAt: now.toISOString() },
      { id: 'mine-1', label: 'mine', createdAt: now.toISOString() },
    ])
    expect(await accounts.removeOrigin('demo', 'demo-snapshot')).toBe(12)
    expect(await db.accounts.toCollection().primaryKeys()).toEqual(['999999999999'])
    expect([await db.evidence.count(), await db.attestations.count(), await db.waivers.count()]).toEqual([
      0, 0, 0,
    ])
    expect(await db.snapshots.toCollection().primaryKeys()).toEqual(['mine-1'])
    await accounts.remove(['999999999999'])
    expect(await db.accounts.count()).toBe(0)
  })

  it('reads settings through a schema and falls back on bad rows', async () => {
    const db = open()
    const settings = createSettingsRepo(db)
    const { z } = await import('zod')
    expect(await settings.get('demo.offered', z.boolean(), false)).toBe(false)
    await settings.set('demo.offered', z.boolean(), true)
    expect(await settings.get('demo.offered', z.boolean(), false)).toBe(true)
    await db.settings.put({ key: 'theme', value: 42 })
    expect(await settings.get('theme', z.enum(['light', 'dark']), 'light')).toBe('light')
  })
})

describe('requestPersistentStorage', () => {
  it('asks once and reports the answer', async () => {
    let asked = 0
    const storage = {
      persisted: async () => false,
      persist: async () => {
        asked++
        return true
      },
    }
    expect(await requestPersistentStorage(storage)).toBe(true)
    expect(asked).toBe(1)
    expect(await requestPersistentStorage(undefined)).toBe(false)
  })
})
