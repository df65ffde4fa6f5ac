import { useEffect, useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { compareStates } from '../../../shared/compare/compare'
import type { Comparison } from '../../../shared/compare/types'
import type { Snapshot } from '../../../shared/snapshot/schema'
import { useAppStore } from '../../store/app-store'
import { type CompareSideId, currentState, NOW, type SavedSnapshot } from '../../store/snapshots-slice'

/** The current state built like a snapshot (never saved), recomputed only when the desk's data changes. */
export function useCurrentState(): Snapshot | undefined {
  const data = useAppStore(
    useShallow((s) => ({
      accounts: s.accounts,
      latestEvidence: s.latestEvidence,
      attestations: s.attestations,
      waivers: s.waivers,
      now: s.deps.now,
      // The desk model follows the Model area's choice: recompute when it changes.
      deskModel: s.deskModel,
    })),
  )
  return useMemo(() => {
    if (data.accounts.length === 0) return undefined
    return currentState(data, data.now())
  }, [data])
}

/** Resolves a side id to its state: a saved snapshot (without its evidence), or the current state for "now". */
export function resolveSide(
  id: CompareSideId | null,
  snapshots: SavedSnapshot[],
  current: Snapshot | undefined,
): SavedSnapshot | Snapshot | undefined {
  if (id === null) return undefined
  if (id === NOW) return current ? { ...current, id: NOW } : undefined
  return snapshots.find((s) => s.id === id)
}

export interface CompareView {
  a: CompareSideId | null
  b: CompareSideId | null
  comparison: Comparison | undefined
  error: string | undefined
  /** True while the older side's evidence is read, to re-score it under the newer model. */
  isReading?: boolean
}

/**
 * The saved snapshot to read whole before comparing: saved snapshots are held without their evidence, and
 * only a comparison across models needs it (the older side is re-scored under the newer model).
 */
function sideToRead(
  sides: readonly [SavedSnapshot | Snapshot, SavedSnapshot | Snapshot] | undefined,
  full: Snapshot | undefined,
): SavedSnapshot | undefined {
  if (!sides || sides[0].modelVersion === sides[1].modelVersion) return undefined
  const [a, b] = sides
  const older = Date.parse(a.createdAt) > Date.parse(b.createdAt) ? b : a
  return 'evidence' in older || older.id === full?.id ? undefined : older
}

/**
 * The comparison the Compare area shows. With nothing picked yet it compares the latest snapshot with now
 * (or the two latest snapshots when there is no current data).
 */
export function useComparison(): CompareView {
  const { pickedA, pickedB, mode, snapshots } = useAppStore(
    useShallow((s) => ({
      pickedA: s.compareA,
      pickedB: s.compareB,
      mode: s.compareMode,
      snapshots: s.snapshots,
    })),
  )
  const current = useCurrentState()
  const latest = snapshots.at(-1)?.id ?? null
  const a = pickedA ?? (current ? latest : (snapshots.at(-2)?.id ?? null))
  const b = pickedB ?? (current ? NOW : latest)
  const fullSnapshot = useAppStore((s) => s.fullSnapshot)
  // The one saved snapshot read whole, or the id of one that could not be read (reported by the store).
  const [full, setFull] = useState<Snapshot | { failedId: string } | undefined>(undefined)
  const sides = useMemo(() => {
    const sideA = resolveSide(a, snapshots, current)
    const sideB = resolveSide(b, snapshots, current)
    return sideA && sideB ? ([sideA, sideB] as const) : undefined
  }, [a, b, snapshots, current])
  const read = full && 'id' in full ? full : undefined
  const missing = sideToRead(sides, read)
  const hasFailed =
    missing !== undefined && full !== undefined && 'failedId' in full && full.failedId === missing.id
  useEffect(() => {
    if (!missing) return
    let isCurrent = true
    void fullSnapshot(missing.id).then((snapshot) => {
      if (isCurrent) setFull(snapshot ?? { failedId: missing.id })
    })
    return () => {
      isCurrent = false
    }
  }, [missing, fullSnapshot])
  return useMemo(() => {
    if (!sides) return { a, b, comparison: undefined, error: undefined }
    if (hasFailed) {
      const error = `the evidence of snapshot "${missing.label}" could not be read to re-score it under the newer model`
      return { a, b, comparison: undefined, error }
    }
    if (missing) return { a, b, comparison: undefined, error: undefined, isReading: true }
    // compareStates reads a side's evidence only to re-score the older side under another model.
    const [sideA, sideB] = sides.map((side) =>
      'evidence' in side ? side : read?.id === side.id ? read : { ...side, evidence: [] },
    ) as [Snapshot, Snapshot]
    try {
      const comparison = compareStates(
        { ...sideA, kind: a === NOW ? 'now' : 'snapshot' },
        { ...sideB, kind: b === NOW ? 'now' : 'snapshot' },
        { mode },
      )
      return { a, b, comparison, error: undefined }
    } catch (error) {
      return { a, b, comparison: undefined, error: error instanceof Error ? error.message : String(error) }
    }
  }, [a, b, mode, sides, missing, hasFailed, read])
}
