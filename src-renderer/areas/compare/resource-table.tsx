import type { ResourceChange } from '../../../shared/compare/types'
import { TableHead } from '../../components/table-head'

const MAX_ROWS = 200

/** New or resolved violating resources, capped so a large organization stays responsive. */
export function ResourceTable({
  title,
  testId,
  rows,
}: {
  title: string
  testId: string
  rows: ResourceChange[]
}) {
  const headingId = `cmp-${testId}`
  return (
    <section aria-labelledby={headingId} data-testid={testId}>
      <h3 id={headingId}>
        {title} ({rows.length})
      </h3>
      {rows.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="compare-table">
          <TableHead columns={['Account', 'Control', 'Resource', 'Region']} />
          <tbody>
            {rows.slice(0, MAX_ROWS).map((r) => (
              <tr
                key={`${r.accountId}:${r.controlId}:${r.resource.type}:${r.resource.region ?? ''}:${r.resource.id}`}
              >
                <td>{r.accountId}</td>
                <td>{r.controlId}</td>
                <td className="resource-id">{r.resource.id}</td>
                <td>{r.resource.region ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > MAX_ROWS ? <p className="muted">… and {rows.length - MAX_ROWS} more</p> : null}
    </section>
  )
}
