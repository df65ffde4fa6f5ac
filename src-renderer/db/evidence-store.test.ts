import { describe, expect, it } from 'vitest'
import { failedAttempt } from '../../shared/evidence/fixtures.test-support'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import { selectEvidence } from '../../shared/evidence/select'
import { buildSnapshot } from '../../shared/snapshot/build'
import {
  ACCOUNT_A,
  ACCOUNT_B,
  tinyAccount,
  tinyBundle,
  tinyModel,
} from '../../shared/snapshot/fixtures.test-support'
import { createAccountsRepo } from './accounts-repo'
import { RatchetDb } from './db'
import { createEvidenceRepo } from './evidence-repo'
import { evidenceIdsByAccount, newestGoodEvidence } from './evidence-store'
import { latestSchemaVersion } from './schema'
import { createSnapshotsRepo } from './snapshots-repo'
import { inlineEvidenceRows, testDatabases } from './test-db.test-support'

const T1 = '2026-08-01T00:00:00.000Z'
const T2 = '2026-11-01T00:00:00.000Z'
const T3 = '2026-11-20T00:00:00.000Z'
const accounts = [tinyAccount(ACCOUNT_A, 'a'), tinyAccount(ACCOUNT_B, 'b')]
const bundles = [
  tinyBundle(ACCOUNT_A, T1, { isRootMfa: false }),
  tinyBundle(ACCOUNT_A, T2, { isRootMfa: true }),
  failedAttempt(ACCOUNT_A, T3),
  tinyBundle(ACCOUNT_B, T2),
]

const { open, freshName } = testDatabases('test')

/** A snapshot of the two accounts at `at`, frozen from `evidence`. */
const snapshotOf = (id: string, evidence: EvidenceBundle[], at = T3) =>
  buildSnapshot({
    id,
    label: id,
    createdAt: new Date(at),
    model: tinyModel(),
    accounts,
    evidence,
    attestations: [],
    waivers: [],
  })

/** The keys of the stored evidence parts. */
const evidenceParts = async (db: RatchetDb) =>
  ((await db.snapshotParts.toCollection().primaryKeys()) as string[]).filter((h) => h.startsWith('evidence:'))

describe('evidence stored once by content hash (schema v6)', () => {
  it('opens v5, writes inline bundles and a snapshot, reopens at v6 with each bundle in one shared part', async () => {
    const name = freshName()
    const v5 = open(name, 5)
    await v5.open()
    await v5.table('evidence').bulkAdd(inlineEvidenceRows(bundles))
    await createSnapshotsRepo(v5).addMany([snapshotOf('q3', [bundles[3] as EvidenceBundle], T2)])
    const partsBefore = await evidenceParts(v5)
    v5.close()

    const v6 = open(name)
    await v6.open()
    expect(v6.verno).toBe(latestSchemaVersion)
    const rows = await v6.evidence.orderBy('[accountId+collectedAt]').toArray()
    expect(rows.map((r) => [r.id, r.isComplete, 'bundle' in r])).toEqual([
      [`${ACCOUNT_A}:${T1}`, true, false],
      [`${ACCOUNT_A}:${T2}`, true, false],
      [`${ACCOUNT_A}:${T3}`, false, false],
      [`${ACCOUNT_B}:${T2}`, true, false],
    ])
    // B's bundle was already the snapshot's part: the upgrade reused it, and added one part per other bundle.
    expect(partsBefore).toHaveLength(1)
    expect((await evidenceParts(v6)).sort()).toEqual([...new Set(rows.map((r) => r.hash))].sort())
    expect(await evidenceParts(v6)).toHaveLength(4)
    expect(rows.find((r) => r.accountId === ACCOUNT_B)?.hash).toBe(partsBefore[0])

    const repo = createEvidenceRepo(v6)
    expect(await repo.history(ACCOUNT_A)).toEqual(bundles.slice(0, 3))
    const selected = await repo.selectedByAccount()
    expect(selected.get(ACCOUNT_A)).toEqual(selectEvidence(bundles.slice(0, 3)))
    expect(selected.get(ACCOUNT_A)?.bundle.credentialReport).toEqual(bundles[1]?.credentialReport)
    expect((await createSnapshotsRepo(v6).get('q3'))?.evidence).toEqual([bundles[3]])
  })

  it('reopens a database written by the current version with every row and part as written', async () => {
    const name = freshName()
    const first = open(name)
    await createAccountsRepo(first).putMany(accounts)
    await createEvidenceRepo(first).addMany(bundles)
    const rows = await first.evidence.toArray()
    const parts = await first.snapshotParts.toArray()
    first.close()

    const again = open(name)
    await again.open()
    expect(await again.evidence.toArray()).toEqual(rows)
    expect(await again.snapshotParts.toArray()).toEqual(parts)
    expect(parts.every((p) => p.encoding === 'gzip')).toBe(true)
    expect(await createEvidenceRepo(again).history(ACCOUNT_A)).toEqual(bundles.slice(0, 3))
  })

  it('a snapshot freezing stored evidence adds no evidence part of its own', async () => {
    const db = open()
    const evidence = createEvidenceRepo(db)
    await createAccountsRepo(db).putMany(accounts)
    // Complete bundles only: a merged selection (an incomplete newest bundle) is a new bundle of its own.
    await evidence.addMany([bundles[1], bundles[3]])
    const before = await evidenceParts(db)
    const latest = [...(await evidence.latestByAccount()).values()]
    await createSnapshotsRepo(db).addMany([snapshotOf('q4', latest)])
    expect(await evidenceParts(db)).toEqual(before)
    expect((await createSnapshotsRepo(db).get('q4'))?.evidence).toHaveLength(2)
  })

  it('frees a part once no evidence row and no snapshot uses it, and keeps it while one does', async () => {
    const db = open()
    const evidence = createEvidenceRepo(db)
    const accountsRepo = createAccountsRepo(db)
    const snapshots = createSnapshotsRepo(db)
    await accountsRepo.putMany(accounts)
    await evidence.addMany(bundles)
    await snapshots.addMany([snapshotOf('q4', [bundles[3] as EvidenceBundle])])
    expect(await evidenceParts(db)).toHaveLength(4)

    // The same account and instant collected again with other content: the replaced part goes.
    const replaced = (await db.evidence.get(`${ACCOUNT_A}:${T1}`))?.hash
    await evidence.addMany([tinyBundle(ACCOUNT_A, T1, { keyAgeDays: 400 })])
    const afterReplace = await evidenceParts(db)
    expect(afterReplace).toHaveLength(4)
    expect(afterReplace).not.toContain(replaced)

    // B's bundle is still frozen in q4: removing B keeps it until the snapshot goes.
    await accountsRepo.remove([ACCOUNT_B])
    const bHash = (await snapshots.listRows())[0]?.evidenceHashes[0] ?? ''
    expect(await evidenceParts(db)).toContain(bHash)
    await snapshots.remove('q4')
    expect(await evidenceParts(db)).not.toContain(bHash)
    expect(await evidenceParts(db)).toHaveLength(3)
    expect(await evidence.history(ACCOUNT_A)).toHaveLength(3)
  })
})

describe('newestGoodEvidence: what the desk and the summaries score', () => {
  /** B collected earlier with an Access Analyzer Region scanned, which its newest bundle lacks. */
  const scanned: EvidenceBundle = {
    ...tinyBundle(ACCOUNT_B, T1),
    accessAnalyzer: {
      status: { state: 'ok' },
      collectedAt: T1,
      raw: [],
      records: {
        regions: [
          { region: 'eu-west-1', status: { state: 'ok' }, collectedAt: T1, analyzers: [], findings: [] },
        ],
      },
    },
  }
  const newestB = bundles[3] as EvidenceBundle

  it('uses a complete newest bundle as it is; otherwise the newest good evidence per source', async () => {
    const db = open()
    await createEvidenceRepo(db).addMany([...bundles, scanned])
    const ids = await evidenceIdsByAccount(db)
    expect(ids.get(ACCOUNT_A)).toEqual([T1, T2, T3].map((t) => `${ACCOUNT_A}:${t}`))
    const selected = await newestGoodEvidence(db, ids)
    expect([...selected.keys()]).toEqual([ACCOUNT_A, ACCOUNT_B])
    // B's newest is complete: kept as it is, though selecting across B's bundles would add the older Region.
    expect(selected.get(ACCOUNT_B)).toMatchObject({ bundle: newestB, failures: [] })
    expect(selectEvidence([scanned, newestB])?.bundle.accessAnalyzer).not.toEqual(newestB.accessAnalyzer)
    // A's newest failed: every source from A's newest good collection, the failure recorded beside it.
    expect(selected.get(ACCOUNT_A)).toEqual(selectEvidence(bundles.slice(0, 3)))
    expect(selected.get(ACCOUNT_A)?.bundle.credentialReport).toEqual(bundles[1]?.credentialReport)
  })

  it('reads only the accounts asked for, and nothing for an account without evidence', async () => {
    const db = open()
    await createEvidenceRepo(db).addMany(bundles)
    const ids = await evidenceIdsByAccount(db)
    const onlyB = await newestGoodEvidence(db, new Map([[ACCOUNT_B, ids.get(ACCOUNT_B) ?? []]]))
    expect([...onlyB.keys()]).toEqual([ACCOUNT_B])
    expect((await newestGoodEvidence(db, new Map([['333333333333', []]]))).size).toBe(0)
  })
})
