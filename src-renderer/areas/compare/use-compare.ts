import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { compareStates } from '../../../shared/compare/compare'
import type { Comparison } from '../../../shared/compare/types'
import type { Snapshot } from '../../../shared/snapshot/schema'
import { useAppStore } from '../../store/app-store'
import { type CompareSideId, currentState, NOW } from '../../store/snapshots-slice'

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

/** Resolves a side id to its state: a saved snapshot, or the current state for "now". */
export function resolveSide(
  id: CompareSideId | null,
  snapshots: Snapshot[],
  current: Snapshot | undefined,
): Snapshot | undefined {
  if (id === null) return undefined
  if (id === NOW) return current ? { ...current, id: NOW } : undefined
  return snapshots.find((s) => s.id === id)
}

export interface CompareView {
  a: CompareSideId | null
  b: CompareSideId | null
  comparison: Comparison | undefined
  error: string | undefined
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
  return useMemo(() => {
    const before = resolveSide(a, snapshots, current)
    const after = resolveSide(b, snapshots, current)
    if (!before || !after) return { a, b, comparison: undefined, error: undefined }
    try {
      const comparison = compareStates(
        { ...before, kind: a === NOW ? 'now' : 'snapshot' },
        { ...after, kind: b === NOW ? 'now' : 'snapshot' },
        { mode },
      )
      return { a, b, comparison, error: undefined }
    } catch (error) {
      return { a, b, comparison: undefined, error: error instanceof Error ? error.message : String(error) }
    }
  }, [a, b, mode, snapshots, current])
}
