import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildDemoOrganization, demoControlsFromModel } from '../../shared/demo/organization'
import { defaultModel } from '../../shared/model/default-model'
import { snapshotsFromQuarters } from '../../shared/snapshot/build'
import type { Snapshot } from '../../shared/snapshot/schema'
import { RatchetDb } from './db'
import { latestSchemaVersion } from './schema'
import { compactSnapshot, expandSnapshot, type SnapshotPartRow, type SnapshotRow } from './snapshot-codec'
import { createSnapshotsRepo } from './snapshots-repo'

const now = new Date('2026-11-28T12:00:00.000Z')
let snapshots: Snapshot[] = []
const dbs: RatchetDb[] = []

beforeAll(() => {
  // The demo's four quarters under the default model: failures with resources, answers, waivers, expiries.
  const demo = buildDemoOrganization({ now, controls: demoControlsFromModel(defaultModel) })
  snapshots = snapshotsFromQuarters({
    accounts: demo.accounts,
    quarters: demo.quarters,
    model: defaultModel,
    idPrefix: 'q',
  })
})
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete()
})
function open(name: string, upTo?: number): RatchetDb {
  const db = new RatchetDb(name, upTo === undefined ? {} : { upTo })
  dbs.push(db)
  return db
}

describe('compact snapshots', () => {
  it('expand back to exactly the snapshot they were made from', async () => {
    for (const snapshot of snapshots) {
      const { row, parts } = compactSnapshot(snapshot)
      const back = await expandSnapshot(row, new Map(parts.map((p) => [p.hash, p])))
      expect(back).toEqual(snapshot)
    }
  })

  it('store each bundle and the model once, share them between snapshots, and drop them with the last user', async () => {
    const db = open(`snap-${crypto.randomUUID()}`)
    const repo = createSnapshotsRepo(db)
    const [first, second] = snapshots
    if (!first || !second) throw new Error('the demo has four quarters')
    const copy = { ...second, id: 'copy', label: 'Copy' }
    await repo.addMany([first, second, copy])
    const bundles = new Set([...first.evidence, ...second.evidence].map((b) => JSON.stringify(b)))
    const parts = await db.snapshotParts.toArray()
    expect(parts.filter((p) => p.kind === 'evidence')).toHaveLength(bundles.size)
    expect(parts.filter((p) => p.kind === 'model')).toHaveLength(1)
    expect(await repo.get('copy')).toEqual(copy)
    expect((await repo.get(first.id, { withEvidence: false }))?.evidence).toEqual([])
    expect((await repo.listRows()).map((r) => r.accountCount)).toEqual([12, 12, 12])

    await repo.remove(second.id)
    expect(await repo.get('copy')).toEqual(copy)
    await repo.remove('copy')
    await repo.remove(first.id)
    expect(await db.snapshotParts.count()).toBe(0)
  })

  it('are what an older database’s whole snapshot rows become when it opens at the latest version', async () => {
    const name = `snap-${crypto.randomUUID()}`
    const v2 = open(name, 2)
    await v2.open()
    await v2.table('snapshots').bulkAdd(snapshots)
    v2.close()

    const latest = open(name)
    await latest.open()
    expect(latest.verno).toBe(latestSchemaVersion)
    const rows = await latest.snapshots.toArray()
    expect(rows.every((r) => r.format === 'compact-2' && !('scorecard' in r))).toBe(true)
    expect(await createSnapshotsRepo(latest).list()).toEqual(snapshots)
  })
})

/** A 'compact-1' row and its parts, as that codec wrote them (test/fixtures/snapshots/compact-1.json). */
const compactOne = JSON.parse(
  Object.values(
    import.meta.glob('../../test/fixtures/snapshots/compact-1.json', {
      query: '?raw',
      import: 'default',
      eager: true,
    }),
  )[0] as string,
) as { row: SnapshotRow; parts: SnapshotPartRow[]; snapshot: Snapshot }

describe('compact-1 snapshots (answers as objects, controls as tuples)', () => {
  it('read back exactly as they were frozen', async () => {
    const { row, parts, snapshot } = compactOne
    expect(row.format).toBe('compact-1')
    const controls = snapshot.scorecard.accounts.flatMap((a) => a.domains.flatMap((d) => d.controls))
    expect(controls.some((c) => c.attestation) && controls.some((c) => c.waiver)).toBe(true)
    const back = await expandSnapshot(row, new Map(parts.map((p) => [p.hash, p])), { withEvidence: false })
    expect(back).toEqual(snapshot)
  })
})
