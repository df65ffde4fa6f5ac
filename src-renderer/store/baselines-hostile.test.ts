import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testModel, testStore } from './test-support'

const corpus = join(import.meta.dirname, '../../test/fixtures/hostile/baselines')
const now = new Date('2026-11-28T12:00:00.000Z')

/** A store on the demo organization, with its baselines, so "nothing changed" has something to lose. */
async function demoStore() {
  const { store, db } = testStore('baselines-hostile', { isDemoDefault: true, model: testModel(), now })
  await store.getState().initDesk()
  await store.getState().loadBaselines()
  return { store, db }
}

describe('importing a hostile baselines file in the app', () => {
  it.each([
    'truncated.json',
    'truncated.yaml',
    'wrong-shape.json',
    'wrong-version.json',
    'unknown-key.json',
    'traversal-id.json',
    'alias-bomb.yaml',
  ])('refuses %s, names it, and changes nothing', async (name) => {
    const { store, db } = await demoStore()
    const before = await db.baselines.toArray()
    expect(before.length).toBeGreaterThan(0)
    const isImported = await store.getState().importBaselines(name, readFileSync(join(corpus, name), 'utf8'))
    expect(isImported).toBe(false)
    expect(await db.baselines.toArray()).toEqual(before)
    const notice = store.getState().notices.at(-1)
    expect(notice?.level).toBe('error')
    expect(notice?.message).toContain(name)
  })

  it('imports the valid one (the corpus can pass)', async () => {
    const { store, db } = await demoStore()
    const before = await db.baselines.count()
    const text = readFileSync(join(corpus, 'valid.json'), 'utf8')
    expect(await store.getState().importBaselines('valid.json', text)).toBe(true)
    expect(await db.baselines.count()).toBe(before + 1)
  })
})
