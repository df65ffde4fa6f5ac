import { useMemo } from 'react'
import type { Account, DomainId } from '../../../shared/domain/types'
import { goalsFromBaselines } from '../../../shared/plan/goals'
import { describeItem } from '../../../shared/plan/markdown'
import { type PlanItem, planActions } from '../../../shared/plan/planner'
import { useAppStore } from '../../store/app-store'
import type { AreaId } from '../../store/ui-slice'
import { useDeskModel } from '../../store/use-desk-model'
import { useBaselineCounts } from '../baselines/use-baselines'
import { LinkButton } from './link-button'

/** How many actions the overview lists: the first ones are the ones that raise the most for the least effort. */
const SHOWN = 7

export interface TodoListProps {
  items: readonly PlanItem[]
  titles: ReadonlyMap<string, string>
  /** Opens what an item needs: the first account at the control, or the area that does it. */
  onOpen(item: PlanItem): void
}

/** The to-do list: the shared planner's first actions, each with what it completes. Presentational. */
export function TodoList({ items, titles, onOpen }: TodoListProps) {
  if (items.length === 0) {
    return (
      <p className="muted" data-testid="todo-empty">
        Nothing to do: every account meets its baseline and is at level 5.
      </p>
    )
  }
  return (
    <ol className="todo-list" data-testid="todo-list">
      {items.map((item) => (
        <li key={item.id} data-testid="todo-item" data-kind={item.kind}>
          <LinkButton onClick={() => onOpen(item)}>{describeItem(item, titles)}</LinkButton>
          <span className="muted">
            {' '}
            · by day {item.phase} · effort {item.effort}
            {item.completes > 0
              ? ` · completes ${item.completes} goal${item.completes === 1 ? '' : 's'}`
              : ''}
          </span>
        </li>
      ))}
    </ol>
  )
}

/** Where an item is done: at a control in an account, in Collect, or in Settings (access, sources). */
function destination(item: PlanItem): { area: AreaId } | { accountId: string; controlId: string } {
  const accountId = item.accountIds[0]
  if (item.controlId && accountId) return { accountId, controlId: item.controlId }
  if (item.kind === 'recollect' || item.kind === 'scan-regions') return { area: 'collect' }
  return { area: 'settings' }
}

/**
 * The overview's to-do list over every account, with each account's baseline as its goal: the planner reads
 * only statuses and unknown categories, so the stored summaries suffice.
 */
export function OverviewTodo({ accounts }: { accounts: readonly Account[] }) {
  const { inForce, cards } = useBaselineCounts()
  const openAccount = useAppStore((s) => s.openAccount)
  const setArea = useAppStore((s) => s.setArea)
  const model = useDeskModel()
  const titles = useMemo(() => new Map([...model.controls.values()].map((c) => [c.id, c.title])), [model])
  const items = useMemo(
    () =>
      planActions({
        cards: accounts.flatMap((a) => cards.get(a.id) ?? []),
        goals: goalsFromBaselines(accounts, inForce),
      }).slice(0, SHOWN),
    [accounts, cards, inForce],
  )
  const onOpen = (item: PlanItem) => {
    const to = destination(item)
    if ('area' in to) setArea(to.area)
    else
      openAccount(
        to.accountId,
        model.controls.get(to.controlId)?.domainId as DomainId | undefined,
        to.controlId,
      )
  }
  return (
    <section className="overview-todo" aria-labelledby="todo-title">
      <h3 id="todo-title">To do next</h3>
      <TodoList items={items} titles={titles} onOpen={onOpen} />
    </section>
  )
}
