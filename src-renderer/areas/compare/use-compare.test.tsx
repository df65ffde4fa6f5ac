import { renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { compareStates } from '../../../shared/compare/compare'
import { buildSnapshot } from '../../../shared/snapshot/build'
import type { Snapshot } from '../../../shared/snapshot/schema'
import { AppStoreContext } from '../../store/app-store'
import { testModel, testStore } from '../../store/test-support'
import { useComparison } from './use-compare'

const now = new Date('2026-11-28T12:00:00.000Z')

/** The demo's quarters frozen under the test model, and one more snapshot under a revised model. */
async function storeAcrossModels() {
  const { store } = testStore('compare', { isDemoDefault: true, model: testModel(), now })
  await store.getState().initDesk()
  await store.getState().loadSnapshots()
  await store.getState().snapshotDemoQuarters()
  const last = store.getState().snapshots.at(-1)
  const older = await store.getState().fullSnapshot(last?.id ?? '')
  if (!older) throw new Error('the demo has four quarters')
  const revised = { ...testModel(), name: 'Test model, revised' }
  const newer = buildSnapshot({
    id: 'revised',
    label: 'Revised',
    createdAt: now,
    model: revised,
    accounts: older.accounts,
    evidence: older.evidence,
    attestations: older.attestations,
    waivers: older.waivers,
  })
  await store.getState().deps.repos.snapshots.addMany([newer])
  await store.getState().loadSnapshots(true)
  store.getState().setCompare({ a: older.id, b: newer.id })
  return { store, older, newer }
}

const asSide = (s: Snapshot) => ({ ...s, kind: 'snapshot' as const })

describe('comparing saved snapshots', () => {
  it('reads the older one whole when the models differ, and re-scores its evidence', async () => {
    const { store, older, newer } = await storeAcrossModels()
    expect(older.modelVersion).not.toBe(newer.modelVersion)
    expect(store.getState().snapshots.every((s) => !('evidence' in s))).toBe(true)
    const wrapper = ({ children }: { children: ReactNode }) => (
      <AppStoreContext.Provider value={store}>{children}</AppStoreContext.Provider>
    )
    const { result } = renderHook(() => useComparison(), { wrapper })
    expect(result.current).toMatchObject({ comparison: undefined, isReading: true })
    await waitFor(() => expect(result.current.comparison).toBeDefined())
    const expected = compareStates(asSide(older), asSide(newer))
    expect(expected.isRescored).toBe(true)
    expect(result.current.comparison).toEqual(expected)
    // Without the evidence the re-scored side would differ: the read is what makes it right.
    expect(compareStates(asSide({ ...older, evidence: [] }), asSide(newer))).not.toEqual(expected)
  })

  it('compares snapshots under one model without reading any evidence', async () => {
    const { store, older } = await storeAcrossModels()
    const previous = store.getState().snapshots.at(-3)
    store.getState().setCompare({ a: previous?.id ?? '', b: older.id })
    const wrapper = ({ children }: { children: ReactNode }) => (
      <AppStoreContext.Provider value={store}>{children}</AppStoreContext.Provider>
    )
    const get = vi.spyOn(store.getState().deps.repos.snapshots, 'get')
    const { result } = renderHook(() => useComparison(), { wrapper })
    expect(result.current.isReading).toBeUndefined()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(get).not.toHaveBeenCalled()
    const full = await store.getState().fullSnapshot(previous?.id ?? '')
    if (!full) throw new Error('the demo has four quarters')
    expect(result.current.comparison).toEqual(compareStates(asSide(full), asSide(older)))
  })

  it('says so when the older snapshot can no longer be read, and compares nothing', async () => {
    const { store, older } = await storeAcrossModels()
    await store.getState().deps.repos.snapshots.remove(older.id)
    const wrapper = ({ children }: { children: ReactNode }) => (
      <AppStoreContext.Provider value={store}>{children}</AppStoreContext.Provider>
    )
    const { result } = renderHook(() => useComparison(), { wrapper })
    await waitFor(() => expect(result.current.error).toBeDefined())
    expect(result.current.comparison).toBeUndefined()
    expect(result.current.error).toBe(
      `the evidence of snapshot "${older.label}" could not be read to re-score it under the newer model`,
    )
    expect(store.getState().notices.at(-1)?.message).toBe(`Snapshot ${older.id} does not exist`)
  })
})
