/** Compare bench (Node): `compareStates` over the two newest snapshots of 1,000 accounts. */
import { compareStates } from '../shared/compare/compare'
import type { Snapshot } from '../shared/snapshot/schema'
import { type Timing, time } from './timing'

export interface CompareResult {
  accounts: number
  levelChanges: number
  compare: Timing
}

/** Times comparing the last two snapshots (same model: the recorded scorecards are diffed). */
export function benchCompare(snapshots: Snapshot[]): CompareResult {
  const before = snapshots.at(-2)
  const after = snapshots.at(-1)
  if (!before || !after) throw new Error('compare needs two snapshots')
  const result = compareStates(before, after)
  return {
    accounts: after.accounts.length,
    levelChanges: result.levelChanges.length,
    compare: time(() => compareStates(before, after), 7, 2),
  }
}
