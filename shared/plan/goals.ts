import { resolveBaseline, type ScopedAccount } from '../baseline/scope'
import type { Baseline } from '../baseline/types'
import type { AccountGoal } from './planner'

/** Each account's goal from the baseline that holds it (most specific scope); accounts no baseline holds have none. */
export function goalsFromBaselines(
  accounts: readonly ScopedAccount[],
  baselines: readonly Baseline[],
): Map<string, AccountGoal> {
  const goals = new Map<string, AccountGoal>()
  for (const account of accounts) {
    const held = resolveBaseline(account, baselines)?.baseline
    if (held)
      goals.set(account.id, {
        minimums: held.minimums,
        invariants: held.invariants,
      })
  }
  return goals
}
