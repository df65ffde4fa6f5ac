import type { StateCreator } from 'zustand'
import type { CompareMode } from '../../shared/compare/types'
import { demoBaselines } from '../../shared/demo/baselines'
import { buildDemoOrganization, demoQuarterDates } from '../../shared/demo/organization'
import { AppError } from '../../shared/errors'
import { buildSnapshot, snapshotsFromQuarters } from '../../shared/snapshot/build'
import type { Snapshot, SnapshotEdit } from '../../shared/snapshot/schema'
import type { SnapshotRow } from '../db/snapshot-codec'
import type { AppState } from './app-store'

/**
 * A saved snapshot as the store keeps it: everything but its evidence, which lists, trends and comparisons
 * under one model never read (a quarter of 1,000 accounts is ~1,000 gzipped bundles). `fullSnapshot` reads
 * one with its evidence, for an export or a comparison that re-scores it under another model.
 */
export type SavedSnapshot = Omit<Snapshot, 'evidence'>

/**
 * A saved snapshot as the Snapshots area lists it: its stored row alone (label, time, model, account count and
 * the level distribution), read without expanding any part, so the list opens at once however large.
 */
export type SnapshotHead = Pick<
  SnapshotRow,
  'id' | 'label' | 'notes' | 'createdAt' | 'modelVersion' | 'modelName' | 'accountCount' | 'distribution'
>

/** A side of a comparison: a saved snapshot by id, or the current state. */
export type CompareSideId = string | 'now'
export const NOW = 'now'

export interface SnapshotsSlice {
  isSnapshotsLoaded: boolean
  isSnapshotHeadsLoaded: boolean
  isSnapshotBusy: boolean
  /** Every saved snapshot's row, oldest first: what the Snapshots area lists. */
  snapshotHeads: SnapshotHead[]
  /** Every saved snapshot, oldest first, without its evidence. */
  snapshots: SavedSnapshot[]
  compareA: CompareSideId | null
  compareB: CompareSideId | null
  compareMode: CompareMode
  /** Reads the snapshots once per store (later calls return the same promise); `force` reads again. */
  loadSnapshots(force?: boolean): Promise<void>
  /** Reads the snapshots' rows once per store (no part is read); `force` reads again. */
  loadSnapshotHeads(force?: boolean): Promise<void>
  /** After the stored snapshots changed under the store (demo removed, backup restored): reads again what was read. */
  reloadSnapshotLists(): Promise<void>
  /** One saved snapshot with its evidence (undefined, and reported, when it can't be read). */
  fullSnapshot(id: string): Promise<Snapshot | undefined>
  /** Freezes the current state (the desk's accounts, latest evidence, answers and model) as a snapshot. */
  takeSnapshot(input: { label?: string; notes?: string }): Promise<Snapshot | undefined>
  /** Rename and/or annotate; returns false (and reports) when the edit is refused. */
  editSnapshot(id: string, edit: SnapshotEdit): Promise<boolean>
  deleteSnapshot(id: string): Promise<boolean>
  /** Saves the demo organization's four quarters as snapshots, so the demo has a history to compare. */
  snapshotDemoQuarters(): Promise<void>
  setCompare(patch: { a?: CompareSideId | null; b?: CompareSideId | null; mode?: CompareMode }): void
}

const DAY = 86_400_000

/** A stored row as the list shows it. */
function headOf(row: SnapshotRow): SnapshotHead {
  const { id, label, notes, createdAt, modelVersion, modelName, accountCount, distribution } = row
  return { id, label, notes, createdAt, modelVersion, modelName, accountCount, distribution }
}

/** A snapshot as the store keeps it. */
function withoutEvidence({ evidence: _evidence, ...rest }: Snapshot): SavedSnapshot {
  return rest
}

/** The id prefix of the demo's quarterly snapshots. */
export const DEMO_SNAPSHOT_PREFIX = 'demo-snapshot'

/** The current state, built like a snapshot but never saved: the "now" side of a comparison. */
export function currentState(
  state: Pick<AppState, 'accounts' | 'latestEvidence' | 'attestations' | 'waivers' | 'deskModel'>,
  now: Date,
  label = 'Now',
): Snapshot {
  const model = state.deskModel
  return buildSnapshot({
    id: NOW,
    label,
    createdAt: now,
    model: model.compiled.model,
    compiled: model.compiled,
    accounts: state.accounts,
    evidence: Object.values(state.latestEvidence),
    attestations: state.attestations,
    waivers: state.waivers,
  })
}

/**
 * The `now` the demo was loaded with: its latest quarter was collected 3 days before it. Rebuilding the demo
 * with the same `now` gives exactly the quarters that were loaded, so the snapshots match the desk's data.
 */
function demoNow(state: AppState, fallback: Date): Date {
  const demoIds = new Set(state.accounts.filter((a) => a.origin === 'demo').map((a) => a.id))
  let latest = 0
  for (const bundle of Object.values(state.latestEvidence)) {
    if (demoIds.has(bundle.accountId)) latest = Math.max(latest, Date.parse(bundle.collectedAt))
  }
  if (latest === 0) return fallback
  const candidate = new Date(latest + 3 * DAY)
  return demoQuarterDates(candidate).at(-1)?.getTime() === latest ? candidate : fallback
}

export const createSnapshotsSlice: StateCreator<AppState, [], [], SnapshotsSlice> = (set, get) => {
  let loading: Promise<void> | undefined
  let loadingHeads: Promise<void> | undefined
  const read = async () => {
    const snapshots = await get().attempt(() => get().deps.repos.snapshots.list({ withEvidence: false }))
    set({ ...(snapshots ? { snapshots: snapshots.map(withoutEvidence) } : {}), isSnapshotsLoaded: true })
  }
  const readHeads = async () => {
    const rows = await get().attempt(() => get().deps.repos.snapshots.listRows())
    set({ ...(rows ? { snapshotHeads: rows.map(headOf) } : {}), isSnapshotHeadsLoaded: true })
  }
  const busy = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
    set({ isSnapshotBusy: true })
    try {
      // A change waits for any list being read: one read before it and delivered after would undo it.
      await Promise.all([loading, loadingHeads])
      return await get().attempt(work, fallback)
    } finally {
      // The rows are cheap to read: read again after every change, whatever it did.
      if (loadingHeads) await get().loadSnapshotHeads(true)
      set({ isSnapshotBusy: false })
    }
  }
  return {
    isSnapshotsLoaded: false,
    isSnapshotHeadsLoaded: false,
    isSnapshotBusy: false,
    snapshots: [],
    snapshotHeads: [],
    compareA: null,
    compareB: null,
    compareMode: 'one-model',
    loadSnapshots: (force = false) => {
      if (force || !loading) loading = read()
      return loading
    },
    loadSnapshotHeads: (force = false) => {
      if (force || !loadingHeads) loadingHeads = readHeads()
      return loadingHeads
    },
    reloadSnapshotLists: async () => {
      await Promise.all([
        loading ? get().loadSnapshots(true) : undefined,
        loadingHeads ? get().loadSnapshotHeads(true) : undefined,
      ])
    },
    fullSnapshot: (id) =>
      get().attempt(async () => {
        const snapshot = await get().deps.repos.snapshots.get(id)
        if (!snapshot) throw new AppError('not-found', `Snapshot ${id} does not exist`)
        return snapshot
      }, undefined),
    takeSnapshot: (input) =>
      busy(async () => {
        await get().ensureDeskDetails()
        const state = get()
        const snapshot = buildSnapshot({
          id: crypto.randomUUID(),
          ...(input.label !== undefined ? { label: input.label } : {}),
          notes: input.notes ?? '',
          createdAt: state.deps.now(),
          model: state.deskModel.compiled.model,
          compiled: state.deskModel.compiled,
          accounts: state.accounts,
          evidence: Object.values(state.latestEvidence),
          attestations: state.attestations,
          waivers: state.waivers,
          baselines: state.baselineVersions,
        })
        await state.deps.repos.snapshots.addMany([snapshot])
        set((s) => ({ snapshots: [...s.snapshots, withoutEvidence(snapshot)] }))
        get().notify({ level: 'info', message: `Snapshot "${snapshot.label}" saved` })
        return snapshot
      }, undefined),
    editSnapshot: (id, edit) =>
      busy(async () => {
        const next = await get().deps.repos.snapshots.edit(id, edit)
        set((s) => ({ snapshots: s.snapshots.map((x) => (x.id === id ? { ...x, ...next } : x)) }))
        return true
      }, false),
    deleteSnapshot: (id) =>
      busy(async () => {
        await get().deps.repos.snapshots.remove(id)
        set((s) => ({
          snapshots: s.snapshots.filter((x) => x.id !== id),
          compareA: s.compareA === id ? null : s.compareA,
          compareB: s.compareB === id ? null : s.compareB,
        }))
        return true
      }, false),
    snapshotDemoQuarters: () =>
      busy(async () => {
        await get().ensureDeskDetails()
        const state = get()
        const model = state.deskModel
        const demoAt = demoNow(state, state.deps.now())
        const demo = buildDemoOrganization({ now: demoAt, controls: model.demoControls })
        const snapshots = snapshotsFromQuarters({
          accounts: demo.accounts,
          quarters: demo.quarters,
          model: model.compiled.model,
          idPrefix: DEMO_SNAPSHOT_PREFIX,
          notes: 'Demo organization: the state at the end of the quarter.',
          baselines: demoBaselines(demoAt),
        })
        // What is stored, not what the store holds: the list may not have been read.
        const taken = new Set((await state.deps.repos.snapshots.listRows()).map((s) => s.id))
        const fresh = snapshots.filter((s) => !taken.has(s.id))
        await state.deps.repos.snapshots.addMany(fresh)
        set((s) => ({
          snapshots: [...s.snapshots, ...fresh.map(withoutEvidence)].sort(
            (x, y) => Date.parse(x.createdAt) - Date.parse(y.createdAt),
          ),
        }))
        get().notify({
          level: 'info',
          message: `Saved ${fresh.length} quarterly snapshots of the demo organization`,
        })
      }, undefined),
    setCompare: (patch) =>
      set((s) => ({
        compareA: patch.a !== undefined ? patch.a : s.compareA,
        compareB: patch.b !== undefined ? patch.b : s.compareB,
        compareMode: patch.mode ?? s.compareMode,
      })),
  }
}

export const snapshotSelectors = {
  isBusy: (s: AppState) => s.isSnapshotBusy,
  heads: (s: AppState) => s.snapshotHeads,
  areHeadsLoaded: (s: AppState) => s.isSnapshotHeadsLoaded,
  hasDemoSnapshots: (s: AppState) => s.snapshotHeads.some((x) => x.id.startsWith(DEMO_SNAPSHOT_PREFIX)),
}
