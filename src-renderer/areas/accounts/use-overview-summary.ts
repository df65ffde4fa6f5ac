import { useEffect, useMemo, useState } from 'react'
import type { Account } from '../../../shared/domain/types'
import { type CellChanges, cellChanges } from '../../../shared/overview/cell-changes'
import { type AccountState, accountStateOfCard, type ControlRef } from '../../../shared/overview/state'
import {
  baselineSnapshot,
  newestEvidenceTime,
  type OverviewSummary,
  overviewSummary,
} from '../../../shared/overview/summary'
import { whenIdle } from '../../app/when-idle'
import { useAppStore } from '../../store/app-store'

/** The snapshot compared with, as overview states in the current model's control order. */
interface PreviousStates {
  id: string
  label: string
  accounts: AccountState[]
}

/**
 * The states of the snapshot the overview compares with, read after the first paint: the snapshot rows (no
 * part) pick it, and only its body is read (never its evidence). Undefined until read, or without snapshots.
 */
function usePreviousStates(
  states: readonly AccountState[],
  controls: readonly ControlRef[],
): PreviousStates | undefined {
  const repo = useAppStore((s) => s.deps.repos.snapshots)
  // A snapshot saved or deleted in this session changes the list: read the rows again then.
  const saved = useAppStore((s) => s.snapshots)
  const newest = useMemo(() => newestEvidenceTime(states), [states])
  const [previous, setPrevious] = useState<PreviousStates>()
  // biome-ignore lint/correctness/useExhaustiveDependencies: `saved` only says when to read the rows again
  useEffect(() => {
    let isCurrent = true
    // When the page is idle: the heatmap is drawn and answering before the snapshot is expanded.
    const timer = whenIdle(() => {
      void (async () => {
        const baseline = baselineSnapshot(await repo.listRows(), newest)
        const snapshot = baseline ? await repo.get(baseline.id, { withEvidence: false }) : undefined
        if (!isCurrent) return
        if (!snapshot) return setPrevious(undefined)
        const order = controls.map((c) => c.id)
        setPrevious({
          id: snapshot.id,
          label: snapshot.label,
          accounts: snapshot.scorecard.accounts.map((card) => accountStateOfCard(card, order)),
        })
      })().catch(() => {
        // No comparison is better than a wrong one: the strip then shows no change.
        if (isCurrent) setPrevious(undefined)
      })
    }, 500)
    return () => {
      isCurrent = false
      timer.cancel()
    }
  }, [repo, newest, controls, saved])
  return previous
}

/**
 * The summary strip's data and the heatmap's ▲/▼ marks: the current accounts' stored summaries against the
 * last snapshot before the current evidence. The computation is shared/overview's pure function; this hook
 * only gathers its inputs.
 */
export function useOverviewSummary(
  accounts: readonly Account[],
  states: readonly AccountState[],
  controls: readonly ControlRef[],
): { summary: OverviewSummary; changes: CellChanges } {
  const now = useAppStore((s) => s.deps.now)
  const previous = usePreviousStates(states, controls)
  return useMemo(() => {
    const summary = overviewSummary({
      accounts,
      current: states,
      ...(previous ? { previous: { label: previous.label, accounts: previous.accounts } } : {}),
      controls,
      now: now(),
    })
    return { summary, changes: cellChanges(states, previous?.accounts) }
  }, [accounts, states, controls, previous, now])
}
