import { useEffect, useMemo } from 'react'
import { type AccountBaselineResult, evaluateBaselines } from '../../../shared/baseline/breaches'
import type { Baseline } from '../../../shared/baseline/types'
import type { AccountScorecard } from '../../../shared/scoring/types'
import { accountSelectors } from '../../store/accounts-slice'
import { useAppStore } from '../../store/app-store'
import { baselineSelectors } from '../../store/baselines-slice'
import { useScorecards, useStatusCards } from '../../store/scorecards'

export interface BaselineView {
  inForce: Baseline[]
  results: AccountBaselineResult[]
  cards: Map<string, AccountScorecard>
}

/** Reads the baselines once per store (the first component that needs them asks). */
export function useLoadBaselines(): void {
  const isLoaded = useAppStore(baselineSelectors.isLoaded)
  const loadBaselines = useAppStore((s) => s.loadBaselines)
  useEffect(() => {
    if (!isLoaded) void loadBaselines()
  }, [isLoaded, loadBaselines])
}

/** The baselines in force and each account's standing against the one that holds it, from `cards`. */
function useBaselineResults(cards: Map<string, AccountScorecard>): BaselineView {
  useLoadBaselines()
  const inForce = useAppStore(baselineSelectors.inForce)
  const accounts = useAppStore(accountSelectors.accounts)
  const results = useMemo(
    () => evaluateBaselines(accounts, [...cards.values()], inForce),
    [accounts, cards, inForce],
  )
  return { inForce, results, cards }
}

/** Every account's standing from its full scorecard: breaches with their reasons and resources. */
export function useBaselineView(): BaselineView {
  return useBaselineResults(useScorecards())
}

/**
 * Every account's standing from its stored summary alone: which accounts breach and how (failing, unknown,
 * waived), without reading a bundle. Its breaches carry no reasons or resources: show those from
 * `useBaselineView`.
 */
export function useBaselineCounts(): BaselineView {
  return useBaselineResults(useStatusCards())
}
