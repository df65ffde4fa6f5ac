import { useEffect, useMemo } from 'react'
import type { Account } from '../../../shared/domain/types'
import { type CellChanges, cellChanges } from '../../../shared/overview/cell-changes'
import {
  baselineSnapshot,
  newestEvidenceTime,
  type OverviewSummary,
  overviewSummary,
} from '../../../shared/overview/summary'
import type { AccountScorecard } from '../../../shared/scoring/types'
import { useAppStore } from '../../store/app-store'

/**
 * The summary strip's data and the heatmap's ▲/▼ marks: the current scorecards against the last snapshot
 * before the current evidence.
 * The computation is shared/overview's pure function; this hook only gathers its inputs from the store.
 */
export function useOverviewSummary(
  accounts: readonly Account[],
  cards: ReadonlyMap<string, AccountScorecard>,
): { summary: OverviewSummary; changes: CellChanges } {
  const snapshots = useAppStore((s) => s.snapshots)
  const loadSnapshots = useAppStore((s) => s.loadSnapshots)
  const now = useAppStore((s) => s.deps.now)
  useEffect(() => {
    void loadSnapshots()
  }, [loadSnapshots])
  return useMemo(() => {
    const current = [...cards.values()]
    const baseline = baselineSnapshot(snapshots, newestEvidenceTime(current))
    const summary = overviewSummary({
      accounts,
      current,
      ...(baseline ? { previous: { label: baseline.label, accounts: baseline.scorecard.accounts } } : {}),
      now: now(),
    })
    return { summary, changes: cellChanges(current, baseline?.scorecard.accounts) }
  }, [accounts, cards, snapshots, now])
}
