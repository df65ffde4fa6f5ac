import { describe, expect, it } from 'vitest'
import { compareStates } from '../../shared/compare/compare'
import { meanLevelOf } from '../../shared/scoring/engine'
import { createRepos } from '../db/repos'
import { createAppStore } from './app-store'
import { currentState, DEMO_SNAPSHOT_PREFIX } from './snapshots-slice'
import { fakeApi, testModel, testStore } from './test-support'

const now = new Date('2026-11-28T12:00:00.000Z')

async function demoStore() {
  const { store } = testStore('snapshots', { isDemoDefault: true, model: testModel(), now })
  await store.getState().initDesk()
  await store.getState().loadSnapshots()
  return store
}

describe('the snapshots store', () => {
  it('saves the demo organization’s four quarters as snapshots, oldest first, and keeps them', async () => {
    const store = await demoStore()
    expect(store.getState().snapshots).toEqual([])
    await store.getState().snapshotDemoQuarters()
    expect(store.getState().notices.filter((n) => n.level === 'error')).toEqual([])
    const snaps = store.getState().snapshots
    expect(snaps.map((s) => s.label)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'])
    expect(snaps.every((s) => s.id.startsWith(DEMO_SNAPSHOT_PREFIX))).toBe(true)
    expect(snaps.every((s) => s.scorecard.accounts.length === 12)).toBe(true)
    // The latest quarter is the state the desk shows: same evidence as the desk's latest bundles.
    // Held without evidence; read whole on demand.
    expect(snaps.every((s) => !('evidence' in s))).toBe(true)
    const latest = await store.getState().fullSnapshot(snaps.at(-1)?.id ?? '')
    expect(latest?.evidence).toHaveLength(12)
    for (const bundle of latest?.evidence ?? []) {
      expect(store.getState().latestEvidence[bundle.accountId]?.collectedAt).toBe(bundle.collectedAt)
    }
    // Saving them again adds nothing.
    await store.getState().snapshotDemoQuarters()
    expect(await store.getState().deps.repos.snapshots.list()).toHaveLength(4)
    await store.getState().loadSnapshots(true)
    expect(store.getState().snapshots.map((s) => s.id)).toEqual(snaps.map((s) => s.id))
  })

  it('takes a snapshot of the current state labelled with the quarter, renames, annotates and deletes it', async () => {
    const store = await demoStore()
    const snap = await store.getState().takeSnapshot({ notes: 'end of year' })
    expect(snap).toMatchObject({ label: '2026-Q4', notes: 'end of year', createdAt: now.toISOString() })
    expect(snap?.scorecard.accounts).toHaveLength(12)
    const id = snap?.id ?? ''
    expect(await store.getState().editSnapshot(id, { label: 'Board pack' })).toBe(true)
    expect(await store.getState().editSnapshot(id, { notes: 'sent to the board' })).toBe(true)
    const saved = await store.getState().deps.repos.snapshots.get(id)
    expect(saved).toEqual({ ...snap, label: 'Board pack', notes: 'sent to the board' })
    const { evidence, ...held } = saved ?? { evidence: [] }
    expect(evidence).toHaveLength(12)
    expect(store.getState().snapshots[0]).toEqual(held)

    store.getState().setCompare({ a: id, b: 'now' })
    expect(await store.getState().deleteSnapshot(id)).toBe(true)
    expect(store.getState().snapshots).toEqual([])
    expect(store.getState().compareA).toBeNull()
    expect(store.getState().compareB).toBe('now')
    expect(await store.getState().deps.repos.snapshots.get(id)).toBeUndefined()
  })

  it('reads saved snapshots whole for an export: the file holds the evidence the list leaves out', async () => {
    const store = await demoStore()
    await store.getState().snapshotDemoQuarters()
    const [, , previous, latest] = store.getState().snapshots
    if (!previous || !latest) throw new Error('the demo has four quarters')
    await store.getState().openExport({ snapshot: latest, previous })
    const source = store.getState().exportSource
    expect(source?.snapshot).toEqual(await store.getState().fullSnapshot(latest.id))
    expect(source?.snapshot.evidence).toHaveLength(12)
    expect(source?.previous?.evidence).toHaveLength(12)
  })

  it('opens no export of a snapshot that can no longer be read, and says so', async () => {
    const store = await demoStore()
    await store.getState().snapshotDemoQuarters()
    const latest = store.getState().snapshots.at(-1)
    if (!latest) throw new Error('the demo has four quarters')
    await store.getState().deps.repos.snapshots.remove(latest.id)
    await store.getState().openExport({ snapshot: latest })
    expect(store.getState().exportSource).toBeUndefined()
    expect(store.getState().notices.at(-1)?.message).toBe(`Snapshot ${latest.id} does not exist`)
  })

  it('keeps a snapshot taken while the list is still being read, and saves the demo quarters only once', async () => {
    const { store, db } = testStore('snapshots', { isDemoDefault: true, model: testModel(), now })
    await store.getState().initDesk()
    await store.getState().snapshotDemoQuarters()
    // A new store whose list arrives late: read before the user acts, delivered after (a large database).
    let deliver: () => void = () => undefined
    const delivered = new Promise<void>((resolve) => (deliver = resolve))
    const repos = createRepos(db)
    const slowList: typeof repos.snapshots.list = async (options) => {
      const listed = await repos.snapshots.list(options)
      await delivered
      return listed
    }
    const next = createAppStore(
      {
        api: fakeApi({ isDemoDefault: true }).api,
        repos: { ...repos, snapshots: { ...repos.snapshots, list: slowList } },
        now: () => now,
      },
      { model: testModel() },
    )
    await next.getState().initDesk()
    const reading = next.getState().loadSnapshots()
    const acting = Promise.all([
      next.getState().takeSnapshot({ label: 'Taken early' }),
      next.getState().snapshotDemoQuarters(),
    ])
    setTimeout(deliver, 50)
    await Promise.all([reading, acting])
    expect(next.getState().notices.filter((n) => n.level === 'error')).toEqual([])
    expect(next.getState().snapshots.map((s) => s.label)).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
      'Taken early',
    ])
  })

  it('lists the rows alone, kept in step with every change, with the mean level the scorecards give', async () => {
    const { store, db } = testStore('snapshots', { isDemoDefault: true, model: testModel(), now })
    await store.getState().initDesk()
    await store.getState().loadSnapshotHeads()
    expect(store.getState().snapshotHeads).toEqual([])
    await store.getState().snapshotDemoQuarters()
    const taken = await store.getState().takeSnapshot({ label: 'Board pack' })
    await store.getState().editSnapshot(taken?.id ?? '', { notes: 'sent' })
    const heads = store.getState().snapshotHeads
    expect(heads.map((h) => [h.label, h.notes.slice(0, 4)])).toEqual([
      ['2026-Q1', 'Demo'],
      ['2026-Q2', 'Demo'],
      ['2026-Q3', 'Demo'],
      ['2026-Q4', 'Demo'],
      ['Board pack', 'sent'],
    ])
    expect(store.getState().isSnapshotsLoaded).toBe(false)
    // The mean level a row gives is the one every domain of every account gives.
    for (const head of heads) {
      const full = await store.getState().fullSnapshot(head.id)
      const levels = full?.scorecard.accounts.flatMap((a) => a.domains.map((d) => d.level)) ?? []
      expect(levels.length).toBeGreaterThan(0)
      expect(meanLevelOf(head.distribution)).toBeCloseTo(
        levels.reduce<number>((n, l) => n + l, 0) / levels.length,
        10,
      )
    }
    await store.getState().deleteSnapshot(taken?.id ?? '')
    expect(store.getState().snapshotHeads.map((h) => h.label)).not.toContain('Board pack')
    expect(await db.snapshots.count()).toBe(4)
  })

  it('refuses an empty label and leaves the snapshot as it was', async () => {
    const store = await demoStore()
    const snap = await store.getState().takeSnapshot({})
    const id = snap?.id ?? ''
    expect(await store.getState().editSnapshot(id, { label: '  ' })).toBe(false)
    expect(store.getState().notices.at(-1)?.message).toMatch(
      /Invalid snapshot change: label: a label is required/,
    )
    expect((await store.getState().deps.repos.snapshots.get(id))?.label).toBe('2026-Q4')
    expect(store.getState().snapshots[0]?.label).toBe('2026-Q4')
  })

  it('reports deleting a snapshot that does not exist', async () => {
    const store = await demoStore()
    expect(await store.getState().deleteSnapshot('missing')).toBe(false)
    expect(store.getState().notices.at(-1)?.message).toBe('Snapshot missing does not exist')
  })

  it('refuses to store an invalid snapshot, and stores nothing of the batch', async () => {
    const store = await demoStore()
    const good = currentState(store.getState(), now)
    const repo = store.getState().deps.repos.snapshots
    await expect(
      repo.addMany([
        { ...good, id: 'ok' },
        { ...good, id: 'bad', createdAt: 'yesterday' },
      ]),
    ).rejects.toThrow(/Invalid snapshots: 1\.createdAt: /)
    await expect(repo.list()).resolves.toEqual([])
  })

  it('a changed answer shows as a level change with its reason when the snapshot is compared with now', async () => {
    const store = await demoStore()
    const snap = await store.getState().takeSnapshot({ label: 'before' })
    if (!snap) throw new Error('snapshot saved')
    const target = snap.scorecard.accounts.find(
      (a) => a.domains.find((d) => d.domainId === 'governance')?.controls[0]?.status === 'attested',
    )
    if (!target) throw new Error('the demo has an account with the governance question answered')
    const isSaved = await store.getState().attest({
      accountIds: [target.accountId],
      controlId: 'gov.owner',
      isMet: false,
      note: 'the owner left',
      attestedBy: 'Lead',
      attestedAt: new Date(now.getTime() + 1000).toISOString(),
      expiresAt: '2027-05-28T00:00:00.000Z',
    })
    expect(isSaved).toBe(true)
    const later = new Date(now.getTime() + 60_000)
    const result = compareStates(snap, { ...currentState(store.getState(), later), kind: 'now' })
    const change = result.levelChanges.find(
      (c) => c.accountId === target.accountId && c.domainId === 'governance',
    )
    expect(change).toMatchObject({ to: 0 })
    expect(change?.changes[0]).toMatchObject({
      controlId: 'gov.owner',
      from: 'attested',
      to: 'fail',
      reason: 'attestation-changed',
      detail: expect.stringContaining('Attested as not met by Lead'),
      isRegression: true,
    })
    expect(result.regressions.some((r) => r.kind === 'level-drop' && r.accountId === target.accountId)).toBe(
      true,
    )
  })
})
