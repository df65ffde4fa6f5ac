import { useMemo } from 'react'
import { baselineShifts, type ShiftSide } from '../../../shared/baseline/compare'
import type { SideInfo } from '../../../shared/compare/types'
import { accountSelectors } from '../../store/accounts-slice'
import { useAppStore } from '../../store/app-store'
import { baselineSelectors } from '../../store/baselines-slice'
import { useStatusCards } from '../../store/scorecards'
import { useLoadBaselines } from './use-baselines'

/** A side of a comparison as baselineShifts reads it: a saved snapshot, or now with the baselines in force. */
function useSide(side: SideInfo): ShiftSide | undefined {
  const snapshots = useAppStore((s) => s.snapshots)
  const accounts = useAppStore(accountSelectors.accounts)
  const inForce = useAppStore(baselineSelectors.inForce)
  // Met or not is all a shift says: the stored summaries' statuses suffice.
  const cards = useStatusCards()
  return useMemo(() => {
    if (side.kind === 'snapshot') return snapshots.find((s) => s.id === side.id)
    return { label: side.label, accounts, baselines: inForce, scorecard: { accounts: [...cards.values()] } }
  }, [side, snapshots, accounts, inForce, cards])
}

/** Compare's baseline section: how the bar moved between the two sides, and how many accounts met it. */
export function BaselineShifts({ before, after }: { before: SideInfo; after: SideInfo }) {
  useLoadBaselines()
  const a = useSide(before)
  const b = useSide(after)
  const shifts = useMemo(() => (a && b ? baselineShifts(a, b) : []), [a, b])
  if (shifts.length === 0) return null
  return (
    <section aria-labelledby="baseline-shifts-title" data-testid="baseline-shifts">
      <h3 id="baseline-shifts-title">Baselines</h3>
      <ul>
        {shifts.map((s) => (
          <li key={s.baselineId} className={s.change === 'lowered' ? 'badge-lowered' : undefined}>
            {s.sentence}
          </li>
        ))}
      </ul>
    </section>
  )
}
