import { describe, expect, it, vi } from 'vitest'
import { createAppStore } from './app-store'
import { buildDeskModel } from './desk-model'
import { type ScoreCache, scoreDesk } from './scorecards'
import { testModel, testStore } from './test-support'

vi.setConfig({ testTimeout: 30_000 })

const now = new Date('2026-11-28T12:00:00.000Z')

function makeStore(isDemoDefault: boolean) {
  return testStore('desk', { isDemoDefault, model: testModel(), now }).store
}
/** What scoreDesk reads, taken from the store as it is now. */
function scoreInput(store: ReturnType<typeof makeStore>) {
  const s = store.getState()
  return {
    model: buildDeskModel(testModel()),
    accounts: s.accounts,
    latestEvidence: s.latestEvidence,
    attestations: s.attestations,
    waivers: s.waivers,
    now,
  }
}
const scores = (store: ReturnType<typeof makeStore>) => scoreDesk(scoreInput(store))

describe('the desk store', () => {
  it('offers the demo on an empty database, and opens it by default when there is no AWS config', async () => {
    const offered = makeStore(false)
    await offered.getState().initDesk()
    expect(offered.getState().accounts).toEqual([])
    expect(offered.getState().demoOffer).toBe('offer')

    const opened = makeStore(true)
    await Promise.all([opened.getState().initDesk(), opened.getState().initDesk()])
    expect(opened.getState().accounts).toHaveLength(12)
    // Bundles and answers are read only when something needs them, not at start.
    expect(opened.getState().latestEvidence).toEqual({})
    await opened.getState().ensureDeskDetails()
    expect(Object.keys(opened.getState().latestEvidence)).toHaveLength(12)
    expect(
      opened.getState().notices.filter((n) => n.message.startsWith('Demo organization loaded')),
    ).toHaveLength(1)
  })

  it('does not offer the demo again once declined', async () => {
    const store = makeStore(false)
    await store.getState().initDesk()
    await store.getState().declineDemo()
    const again = createAppStore({ ...store.getState().deps })
    await again.getState().initDesk()
    expect(again.getState().demoOffer).toBe('none')
  })

  it('answering a manual question raises the level, and a newer "no" lowers it again', async () => {
    const store = makeStore(true)
    await store.getState().initDesk()
    await store.getState().ensureDeskDetails()
    const before = scores(store)
    const target = store
      .getState()
      .accounts.find((a) => before.get(a.id)?.domains.find((d) => d.domainId === 'governance')?.level === 0)
    if (!target) throw new Error('the demo has an account with governance unanswered')
    const governance = () =>
      scores(store)
        .get(target.id)
        ?.domains.find((d) => d.domainId === 'governance')
    expect(governance()?.controls.find((c) => c.controlId === 'gov.owner')?.status).toBe('unknown')

    const mine = () =>
      store.getState().attestations.filter((a) => a.accountId === target.id && a.controlId === 'gov.owner')
        .length
    const earlier = mine()
    const answer = {
      accountIds: [target.id],
      controlId: 'gov.owner',
      note: 'Owner is in the CMDB',
      attestedBy: 'Lead',
      // A minute ago: answers recorded after the scoring time do not count yet.
      attestedAt: new Date(now.getTime() - 60_000).toISOString(),
      expiresAt: '2027-05-28T23:59:59.000Z',
    }
    expect(await store.getState().attest({ ...answer, isMet: true })).toBe(true)
    expect(governance()?.level).toBeGreaterThanOrEqual(1)
    expect(governance()?.controls.find((c) => c.controlId === 'gov.owner')?.status).toBe('attested')

    const later = now.toISOString()
    expect(await store.getState().attest({ ...answer, isMet: false, attestedAt: later })).toBe(true)
    expect(governance()?.level).toBe(0)
    expect(mine()).toBe(earlier + 2)
  })

  it('reports a bad answer and saves nothing', async () => {
    const store = makeStore(true)
    await store.getState().initDesk()
    await store.getState().ensureDeskDetails()
    const count = store.getState().attestations.length
    const isSaved = await store.getState().attest({
      accountIds: [store.getState().accounts[0]?.id ?? ''],
      controlId: 'gov.owner',
      isMet: true,
      attestedBy: '',
      attestedAt: now.toISOString(),
      expiresAt: '2027-05-28T23:59:59.000Z',
    })
    expect(isSaved).toBe(false)
    expect(store.getState().notices.at(-1)?.message).toMatch(
      /Invalid answer: attestedBy: say who is answering/,
    )
    expect(store.getState().attestations).toHaveLength(count)
  })

  it('removing the demo keeps the user’s own accounts', async () => {
    const store = makeStore(true)
    await store.getState().initDesk()
    await store.getState().deps.repos.accounts.putMany([{ id: '999999999999', name: 'mine', origin: 'sso' }])
    await store.getState().removeDemo()
    expect(store.getState().accounts.map((a) => a.name)).toEqual(['mine'])
    expect(store.getState().latestEvidence).toEqual({})
    // The next start with an empty database does not bring the removed demo back.
    await store.getState().deps.repos.accounts.remove(['999999999999'])
    const next = createAppStore({ ...store.getState().deps })
    await next.getState().initDesk()
    expect(next.getState().accounts).toEqual([])
    expect(next.getState().demoOffer).toBe('none')
  })

  it('a corrupt or wrong-version backup is refused with a clear message and nothing changes', async () => {
    const store = makeStore(true)
    await store.getState().initDesk()
    const before = store.getState().accounts
    expect(await store.getState().prepareRestore('bad.json', 'not json at all')).toBe(false)
    expect(store.getState().notices.at(-1)).toMatchObject({
      level: 'error',
      code: 'backup-corrupt',
      message: 'bad.json is not a Ratchet backup: it is not valid JSON.',
    })
    const wrong = JSON.stringify({ format: 'ratchet-backup', version: 99, tables: {} })
    expect(await store.getState().prepareRestore('new.json', wrong)).toBe(false)
    expect(store.getState().notices.at(-1)).toMatchObject({ code: 'backup-wrong-version' })
    expect(store.getState().pendingRestore).toBeUndefined()
    await store.getState().loadDesk()
    expect(store.getState().accounts).toEqual(before)
  })

  it('restores a valid backup after showing the counts it will replace', async () => {
    const source = makeStore(true)
    await source.getState().initDesk()
    const text = JSON.stringify(await source.getState().deps.repos.backup.export({ now }))
    const target = makeStore(false)
    await target.getState().initDesk()
    await target.getState().takeSnapshot({ label: 'Replaced by the backup' })
    await target.getState().loadSnapshotHeads()
    expect(target.getState().snapshotHeads.map((h) => h.label)).toEqual(['Replaced by the backup'])
    expect(await target.getState().prepareRestore('backup.json', text)).toBe(true)
    expect(target.getState().pendingRestore).toMatchObject({
      incoming: { accounts: 12, evidence: 48 },
      current: { accounts: 0, evidence: 0 },
    })
    expect(await target.getState().confirmRestore()).toBe(true)
    expect(target.getState().accounts).toHaveLength(12)
    // The Snapshots list shows what the backup holds (none), not what was there before.
    expect(target.getState().snapshotHeads).toEqual([])
    expect(target.getState().pendingRestore).toBeUndefined()
  })
})

/** A "yes" to the governance owner question for one account. */
const ownerAnswer = (accountId: string) => ({
  accountIds: [accountId],
  controlId: 'gov.owner',
  isMet: true,
  attestedBy: 'Lead',
  attestedAt: now.toISOString(),
  expiresAt: '2027-05-28T23:59:59.000Z',
})

describe('per-account summaries', () => {
  it('are computed for every account, and after an answer only that account is computed again', async () => {
    const store = makeStore(true)
    await store.getState().initDesk()
    await store.getState().refreshSummaries()
    const first = store.getState().summaries
    expect(Object.keys(first)).toHaveLength(12)
    expect(store.getState().latestEvidence).toEqual({})
    const target = store.getState().accounts.find((a) => first[a.id]?.domains.governance?.level === 0)
    if (!target) throw new Error('the demo has an account with governance unanswered')
    expect(first[target.id]?.unknownReasons['gov.owner']).toMatch(/^(not-answered|answer-expired)$/)
    await store.getState().attest(ownerAnswer(target.id))
    await store.getState().refreshSummaries()
    const second = store.getState().summaries
    const last = store.getState().lastSummaryRefresh
    expect((last?.changed ?? 0) + (last?.kept ?? 0)).toBe(12)
    expect(second[target.id]?.domains.governance?.level).toBeGreaterThanOrEqual(1)
    expect(second[target.id]?.counts.attested).toBe((first[target.id]?.counts.attested ?? 0) + 1)
    // Every other account's summary is the very row read before: kept, not recomputed.
    const others = store.getState().accounts.filter((a) => a.id !== target.id)
    expect(others).toHaveLength(11)
    for (const a of others) expect(second[a.id]).toBe(first[a.id])
    // Stored: a new store reads them back without scoring anything.
    const next = createAppStore({ ...store.getState().deps }, { model: testModel() })
    await next.getState().loadSummaries()
    expect(next.getState().summaries[target.id]).toEqual(second[target.id])
  })
})

describe('scoreDesk with a cache', () => {
  it('rescores only the account whose answers changed, and gives the same cards as without a cache', async () => {
    const store = makeStore(true)
    await store.getState().initDesk()
    await store.getState().ensureDeskDetails()
    const createScoreInput = () => scoreInput(store)
    const cache: ScoreCache = new Map()
    const first = scoreDesk(createScoreInput(), cache)
    expect(first).toEqual(scoreDesk(createScoreInput()))
    const target = store.getState().accounts[0]
    const other = store.getState().accounts[1]
    if (!target || !other) throw new Error('demo accounts')
    await store.getState().attest(ownerAnswer(target.id))
    const second = scoreDesk(createScoreInput(), cache)
    expect(second.get(other.id)).toBe(first.get(other.id))
    expect(second.get(target.id)).not.toBe(first.get(target.id))
    expect(second).toEqual(scoreDesk(createScoreInput()))
  })
})
