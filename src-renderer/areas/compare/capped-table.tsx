import type { ReactNode } from 'react'
import { TableHead } from '../../components/table-head'

/** The most rows a comparison table draws, so a large organization stays responsive. */
export const MAX_ROWS = 200

/**
 * One section of a comparison: a heading with the count, a table of at most MAX_ROWS rows (or a line saying
 * there are none) and "… and N more" when rows were left out.
 */
export function CappedTable<T>({
  title,
  testId,
  headingId = `cmp-${testId}`,
  columns,
  rows,
  empty,
  row,
}: {
  title: ReactNode
  testId: string
  headingId?: string
  columns: readonly string[]
  rows: readonly T[]
  empty: string
  row: (item: T) => ReactNode
}) {
  return (
    <section aria-labelledby={headingId} data-testid={testId}>
      <h3 id={headingId}>
        {title} ({rows.length})
      </h3>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="compare-table">
          <TableHead columns={columns} />
          <tbody>{rows.slice(0, MAX_ROWS).map(row)}</tbody>
        </table>
      )}
      {rows.length > MAX_ROWS ? <p className="muted">… and {rows.length - MAX_ROWS} more</p> : null}
    </section>
  )
}
