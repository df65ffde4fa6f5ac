import type { ResourceChange } from '../../../shared/compare/types'
import { CappedTable } from './capped-table'

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
  return (
    <CappedTable
      title={title}
      testId={testId}
      columns={['Account', 'Control', 'Resource', 'Region']}
      rows={rows}
      empty="None."
      row={(r) => (
        <tr
          key={`${r.accountId}:${r.controlId}:${r.resource.type}:${r.resource.region ?? ''}:${r.resource.id}`}
        >
          <td>{r.accountId}</td>
          <td>{r.controlId}</td>
          <td className="resource-id">{r.resource.id}</td>
          <td>{r.resource.region ?? ''}</td>
        </tr>
      )}
    />
  )
}
