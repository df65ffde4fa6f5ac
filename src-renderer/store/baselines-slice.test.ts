import { describe, expect, it } from 'vitest'
import { baselineSelectors } from './baselines-slice'
import { testModel, testStore } from './test-support'

const now = new Date('2026-11-28T12:00:00.000Z')

async function demoStore() {
  const { store } = testStore('baselines', { isDemoDefault: true, model: testModel(), now })
  await store.getState().initDesk()
  return store
}

const draft = {
  id: 'web',
  name: 'Web',
  scope: { kind: 'tag' as const, tag: 'web' },
  minimums: { iam: 2 as const },
  invariants: [],
}

describe('the baselines store', () => {
  it('loads the demo baselines with the demo and removes them with it', async () => {
    const store = await demoStore()
    expect(baselineSelectors.inForce(store.getState()).map((b) => `${b.id}@${b.version}`)).toEqual([
      'demo-non-production@1',
      'demo-production@2',
    ])
    await store.getState().removeDemo()
    expect(store.getState().baselineVersions).toEqual([])
  })

  it('saves versions by the revision rules, and reports a lowering without an approver without saving it', async () => {
    const store = await demoStore()
    const first = await store.getState().saveBaseline(undefined, draft, { by: 'lead', reason: 'new bar' })
    expect(first).toMatchObject({ version: 1, change: 'created', setAt: now.toISOString() })
    const refused = await store
      .getState()
      .saveBaseline(first, { ...draft, minimums: { iam: 1 } }, { by: 'lead', reason: 'lower' })
    expect(refused).toBeUndefined()
    expect(store.getState().notices.at(-1)).toMatchObject({
      level: 'error',
      message: expect.stringContaining('approver'),
    })
    expect(store.getState().baselineVersions.filter((b) => b.id === 'web')).toHaveLength(1)
  })

  it('applies an accounts file to known accounts, all or nothing, and names the bad field', async () => {
    const store = await demoStore()
    const [first] = store.getState().accounts
    if (!first) throw new Error('the demo has accounts')
    const csv = `id,owner,tags\n${first.id},Platform Team,team=platform;tier-1\n999999999999,Nobody,\n`
    expect(await store.getState().importAccountDetails('cmdb.csv', csv)).toBe(true)
    const updated = store.getState().accounts.find((a) => a.id === first.id)
    expect(updated).toMatchObject({
      owner: 'Platform Team',
      tags: ['team=platform', 'tier-1'],
      name: first.name,
    })
    expect(store.getState().accounts.some((a) => a.id === '999999999999')).toBe(false)
    expect(store.getState().notices.at(-1)?.message).toContain(
      '1 account(s) updated, 1 not in Ratchet skipped',
    )

    const bad = `id,environment\n${first.id},staging\n${first.id.slice(1)},prod\n`
    expect(await store.getState().importAccountDetails('cmdb.csv', bad)).toBe(false)
    expect(store.getState().notices.at(-1)?.message).toContain('cmdb.csv: row 2, id')
    expect(store.getState().accounts.find((a) => a.id === first.id)?.environment).toBe(first.environment)
  })
})
