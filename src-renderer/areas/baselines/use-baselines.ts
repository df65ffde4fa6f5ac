import { useEffect, useMemo } from 'react'
import { type AccountBaselineResult, evaluateBaselines } from '../../../shared/baseline/breaches'
import type { Baseline } from '../../../shared/baseline/types'
import type { AccountScorecard } from '../../../shared/scoring/types'
import { accountSelectors } from '../../store/accounts-slice'
import { useAppStore } from '../../store/app-store'
import { baselineSelectors } from '../../store/baselines-slice'
import { useScorecards } from '../../store/scorecards'

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

/** The baselines in force and every account's standing against the one that holds it, from the live scores. */
export function useBaselineView(): BaselineView {
  useLoadBaselines()
  const inForce = useAppStore(baselineSelectors.inForce)
  const accounts = useAppStore(accountSelectors.accounts)
  const cards = useScorecards()
  const results = useMemo(
    () => evaluateBaselines(accounts, [...cards.values()], inForce),
    [accounts, cards, inForce],
  )
  return { inForce, results, cards }
}
