import { describe, expect, it } from 'vitest'
import { stringify as toYaml } from 'yaml'
import { defaultModel, defaultModelInput } from '../../shared/model/default-model'
import { modelVersion } from '../../shared/model/schema'
import { modelFile, modelSelectors } from './model-slice'
import { testStore } from './test-support'

const now = new Date('2026-11-28T12:00:00.000Z')

async function store() {
  const { store: s, db } = testStore('model', { now })
  await s.getState().loadModels()
  return Object.assign(s, { db })
}
const errors = (s: Awaited<ReturnType<typeof store>>) =>
  s.getState().notices.filter((n) => n.level === 'error')

describe('the model store', () => {
  it('starts with the built-in model in use and hands it to the desk', async () => {
    const s = await store()
    expect(s.getState().isModelLoaded).toBe(true)
    expect(modelSelectors.activeModel(s.getState())).toBe(defaultModel)
    expect(modelSelectors.activeVersion(s.getState())).toBe(modelVersion(defaultModel))
    expect(s.getState().deskModel.compiled.version).toBe(modelVersion(defaultModel))
  })

  it('imports a YAML model, stores it once, uses it, and exports it with the same version', async () => {
    const s = await store()
    const text = toYaml({ ...defaultModelInput, id: 'acme', name: 'ACME model' })
    const stored = await s.getState().importModel('acme.yaml', text)
    expect(stored?.modelId).toBe('acme')
    await s.getState().importModel('acme-again.yaml', text)
    expect(s.getState().storedModels).toHaveLength(1)
    expect(await s.getState().selectModel(stored?.hash ?? '')).toBe(true)
    const active = modelSelectors.activeModel(s.getState())
    expect(active.name).toBe('ACME model')
    expect(s.getState().deskModel.compiled.model.id).toBe('acme')
    const file = modelFile(active, 'json')
    expect(file.fileName).toBe(`acme-${stored?.hash}.json`)
    expect(modelVersion(JSON.parse(file.text))).toBe(stored?.hash)
  })

  it('rejects a broken model file with the path in the message, storing nothing', async () => {
    const s = await store()
    const broken = JSON.stringify({
      ...defaultModelInput,
      params: { 'access-key-max-age-days': { title: 'x' } },
    })
    expect(await s.getState().importModel('broken.json', broken)).toBeUndefined()
    const [error] = errors(s)
    expect(error?.message).toContain('broken.json is not a valid Ratchet model:')
    expect(error?.message).toContain('params.access-key-max-age-days.default')
    expect(await s.getState().deps.repos.models.list()).toEqual([])
    expect(s.getState().storedModels).toEqual([])
  })

  it('saves parameter values within bounds, bakes them into the active version, and refuses others', async () => {
    const s = await store()
    expect(await s.getState().setParams({ 'access-key-max-age-days': 60 })).toBe(true)
    const version = modelSelectors.activeVersion(s.getState())
    expect(version).not.toBe(modelVersion(defaultModel))
    expect(modelSelectors.activeModel(s.getState()).params['access-key-max-age-days']?.default).toBe(60)
    expect(s.getState().deskModel.compiled.version).toBe(version)

    expect(await s.getState().setParams({ 'access-key-max-age-days': 5 })).toBe(false)
    expect(errors(s)[0]?.message).toBe(
      'Invalid parameter values: "access-key-max-age-days" must be between 30 and 365 (got 5)',
    )
    // The saved value is untouched.
    expect((await s.getState().deps.repos.models.getChoice()).params).toEqual({
      'access-key-max-age-days': 60,
    })
  })

  it('refuses to delete the model in use', async () => {
    const s = await store()
    const stored = await s
      .getState()
      .importModel('acme.json', JSON.stringify({ ...defaultModelInput, id: 'acme' }))
    await s.getState().selectModel(stored?.hash ?? '')
    expect(await s.getState().removeModel(stored?.hash ?? '')).toBe(false)
    expect(errors(s)[0]?.message).toBe('This model is in use: choose another one first')
    await s.getState().selectModel(null)
    expect(await s.getState().removeModel(stored?.hash ?? '')).toBe(true)
    expect(s.getState().storedModels).toEqual([])
  })

  it('lists the versions saved snapshots were scored with', async () => {
    const s = await store()
    await s.db.table('snapshots').bulkAdd([
      {
        id: 's1',
        label: 'Q1',
        createdAt: '2026-03-31T00:00:00.000Z',
        modelVersion: 'aaaa',
        modelId: 'm',
        modelName: 'Old',
      },
      {
        id: 's2',
        label: 'Q2',
        createdAt: '2026-06-30T00:00:00.000Z',
        modelVersion: 'aaaa',
        modelId: 'm',
        modelName: 'Old',
      },
      {
        id: 's3',
        label: 'Q3',
        createdAt: '2026-09-30T00:00:00.000Z',
        modelVersion: 'bbbb',
        modelId: 'm',
        modelName: 'New',
      },
    ])
    await s.getState().loadModels()
    expect(s.getState().scoredVersions).toEqual([
      { hash: 'bbbb', modelId: 'm', name: 'New', snapshotCount: 1, lastScoredAt: '2026-09-30T00:00:00.000Z' },
      { hash: 'aaaa', modelId: 'm', name: 'Old', snapshotCount: 2, lastScoredAt: '2026-06-30T00:00:00.000Z' },
    ])
  })
})
