import { useVirtualizer } from '@tanstack/react-virtual'
import { type KeyboardEvent, useEffect, useRef, useState } from 'react'
import { type DomainId, domainIds } from '../../../shared/domain/types'
import type { CellChanges } from '../../../shared/overview/cell-changes'
import { domainUnknowns, isUnassessed as isUnassessedState } from '../../../shared/overview/state'
import { evidenceLevelText } from '../../../shared/scoring/unknown-reasons'
import { LevelBadge } from '../../components/level'
import { domainAbbreviations } from './domain-abbreviations'
import { DomainCellContent, domainCellLabel } from './heatmap-cell'
import { gridColumns, type OverviewRow, type Sort, type SortKey } from './overview-model'

const ROW_HEIGHT = 40

interface HeatmapProps {
  rows: OverviewRow[]
  sort: Sort
  selected: ReadonlySet<string>
  /** ▲/▼ marks: the cells whose level changed since the last snapshot. */
  changes?: CellChanges
  onSort(key: SortKey): void
  onToggle(accountId: string): void
  onOpen(accountId: string, domainId?: DomainId): void
  /** The domains' column titles, from the model in use. */
  titles: Record<DomainId, string>
  /** The domain of each control of the model in use (to place unknowns in their cells). */
  domainOf(controlId: string): DomainId | undefined
  /** The unknown category the overview is filtered by ('' for none): its cells are highlighted. */
  unknownFilter?: string
}

interface Cell {
  row: number
  col: number
}

/** Where a navigation key moves the active cell, or undefined for other keys. */
export function moveCell(key: string, at: Cell, last: Cell, page: number, isCtrl: boolean): Cell | undefined {
  switch (key) {
    case 'ArrowDown':
      return { row: Math.min(at.row + 1, last.row), col: at.col }
    case 'ArrowUp':
      return { row: Math.max(at.row - 1, 0), col: at.col }
    case 'ArrowRight':
      return { row: at.row, col: Math.min(at.col + 1, last.col) }
    case 'ArrowLeft':
      return { row: at.row, col: Math.max(at.col - 1, 0) }
    case 'Home':
      return isCtrl ? { row: 0, col: 0 } : { row: at.row, col: 0 }
    case 'End':
      return isCtrl ? last : { row: at.row, col: last.col }
    case 'PageDown':
      return { row: Math.min(at.row + page, last.row), col: at.col }
    case 'PageUp':
      return { row: Math.max(at.row - page, 0), col: at.col }
    default:
      return undefined
  }
}

/**
 * Accounts × domains as a table, virtualized (only the visible rows are rendered, between two spacer rows,
 * so 1,000 accounts scroll smoothly). It has one tab stop (roving tabindex): arrow keys, Home/End and
 * PageUp/PageDown move between cells, Enter opens the account at that domain, Space ticks it for bulk answers.
 */
export function Heatmap({
  rows,
  sort,
  selected,
  changes,
  onSort,
  onToggle,
  onOpen,
  titles,
  domainOf,
  unknownFilter = '',
}: HeatmapProps) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const [active, setActive] = useState<Cell>({ row: 0, col: 0 })
  const isKeyboardMove = useRef(false)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 1000, height: 480 },
  })
  const row = Math.min(active.row, Math.max(rows.length - 1, 0))
  const items = virtualizer.getVirtualItems()
  const padTop = items[0]?.start ?? 0
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0)

  useEffect(() => {
    if (!isKeyboardMove.current) return
    isKeyboardMove.current = false
    virtualizer.scrollToIndex(row)
    // The row may only exist after the virtualizer renders it: focus on the next frame.
    const frame = requestAnimationFrame(() => {
      scrollRef.current?.querySelector<HTMLElement>(`[data-cell="${row}:${active.col}"]`)?.focus()
    })
    return () => cancelAnimationFrame(frame)
  }, [row, active.col, virtualizer])

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    // The cell the key was pressed on (it has focus), falling back to the remembered active cell.
    const [r, c] = (event.target instanceof HTMLElement
      ? event.target.closest<HTMLElement>('[data-cell]')?.dataset.cell
      : undefined
    )
      ?.split(':')
      .map(Number) ?? [row, active.col]
    const at = { row: r ?? row, col: c ?? active.col }
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 480) / ROW_HEIGHT) - 1)
    const last = { row: rows.length - 1, col: gridColumns.length - 1 }
    const next = moveCell(event.key, at, last, page, event.ctrlKey)
    const current = rows[at.row]
    if (next) {
      event.preventDefault()
      // Focus at once when the cell is rendered, so fast key repeats never start from a stale cell;
      // otherwise the effect scrolls the row into view and focuses it once rendered.
      const cell = scrollRef.current?.querySelector<HTMLElement>(`[data-cell="${next.row}:${next.col}"]`)
      cell?.focus()
      if (cell) cell.scrollIntoView?.({ block: 'nearest' })
      else isKeyboardMove.current = true
      setActive(next)
    } else if (event.key === 'Enter' && current) {
      // Handled here (not by the button's click) so a keyboard user always opens the active cell.
      event.preventDefault()
      const column = gridColumns[at.col]
      onOpen(current.account.id, column === 'name' || column === undefined ? undefined : column)
    } else if (event.key === ' ' && current) {
      event.preventDefault()
      onToggle(current.account.id)
    }
  }

  const header = (key: SortKey, label: string, short = label) => (
    <th
      key={key}
      scope="col"
      className={key === 'name' ? 'hm-name' : key === 'level' ? 'hm-level' : 'hm-domain'}
      aria-sort={sort.key === key ? (sort.isDescending ? 'descending' : 'ascending') : 'none'}
    >
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort(key)}
        title={`${label}: sort`}
        // The name starts with what is shown (WCAG 2.5.3, label in name), then says it in full.
        aria-label={short === label ? undefined : `${short} (${label})`}
      >
        {short}
        {sort.key === key ? <span aria-hidden="true">{sort.isDescending ? ' ▼' : ' ▲'}</span> : null}
      </button>
    </th>
  )

  return (
    <div ref={scrollRef} className="heatmap-scroll">
      <table
        aria-label="Accounts by domain"
        aria-rowcount={rows.length + 1}
        className="heatmap"
        data-testid="heatmap"
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="hm-select">
              <span className="visually-hidden">Selected</span>
            </th>
            {header('name', 'Account')}
            {header('level', 'Level')}
            {domainIds.map((d) => header(d, titles[d], domainAbbreviations[d]))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? (
            <tr className="spacer">
              <td style={{ height: padTop }} colSpan={11} />
            </tr>
          ) : null}
          {items.map((item) => {
            const entry = rows[item.index]
            if (!entry) return null
            const { account, summary: card } = entry
            const isUnassessed = card ? isUnassessedState(card) : false
            const unknowns = card ? domainUnknowns(card, domainOf) : {}
            const isSelected = selected.has(account.id)
            const cellButton = (col: number) => ({
              'data-cell': `${item.index}:${col}`,
              tabIndex: item.index === row && col === active.col ? 0 : -1,
              onFocus: () => setActive({ row: item.index, col }),
            })
            return (
              <tr
                key={account.id}
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                className={isSelected ? 'is-selected' : undefined}
                data-testid="heatmap-row"
                data-account-id={account.id}
                style={{ height: ROW_HEIGHT }}
              >
                <td className="hm-select">
                  <input
                    type="checkbox"
                    tabIndex={-1}
                    checked={isSelected}
                    aria-label={`Select ${account.name}`}
                    onChange={() => onToggle(account.id)}
                  />
                </td>
                <th scope="row" className="hm-name">
                  <button
                    type="button"
                    className="cell-button"
                    {...cellButton(0)}
                    onClick={() => onOpen(account.id)}
                  >
                    <span className="hm-account-name">{account.name}</span>
                    <span className="muted hm-account-meta">
                      {account.owner || 'no owner'} · {account.environment}
                      {account.origin === 'demo' ? ' · demo' : ''}
                    </span>
                  </button>
                </th>
                <td className="hm-level">
                  {isUnassessed ? (
                    <span className="hm-unassessed" data-testid="unassessed">
                      unassessed
                    </span>
                  ) : (
                    <>
                      <LevelBadge
                        level={card?.level ?? 0}
                        isBelowTarget={(card?.belowTarget.length ?? 0) > 0}
                        label={`Headline level ${card?.level ?? 0}, grade ${card?.grade ?? '–'}, evidence-verified ${evidenceLevelText(card?.evidenceLevel)}`}
                      />{' '}
                      <span className="hm-grade">{card?.grade}</span>
                    </>
                  )}
                </td>
                {domainIds.map((domainId, i) => {
                  const cell = {
                    accountName: account.name,
                    title: titles[domainId],
                    domain: card?.domains[domainId],
                    isUnassessed,
                    isBelowTarget: card?.belowTarget.includes(domainId) ?? false,
                    change: changes?.get(account.id)?.[domainId],
                    unknowns: unknowns[domainId],
                  }
                  const isMatch = unknownFilter !== '' && (cell.unknowns?.[unknownFilter] ?? 0) > 0
                  return (
                    <td key={domainId} className={isMatch ? 'hm-domain is-unknown-match' : 'hm-domain'}>
                      <button
                        type="button"
                        className="cell-button"
                        aria-label={domainCellLabel(cell)}
                        data-change={cell.change?.direction}
                        data-testid={`cell-${domainId}`}
                        {...cellButton(i + 1)}
                        onClick={() => onOpen(account.id, domainId)}
                      >
                        <DomainCellContent {...cell} />
                      </button>
                    </td>
                  )
                })}
              </tr>
            )
          })}
          {padBottom > 0 ? (
            <tr className="spacer">
              <td style={{ height: padBottom }} colSpan={11} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  )
}
