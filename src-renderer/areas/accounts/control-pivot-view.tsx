import { useMemo, useState } from 'react'
import type { DomainId } from '../../../shared/domain/types'
import { controlPivot, type PivotRow, pivotCounts, pivotCsv } from '../../../shared/overview/control-pivot'
import type { AccountState, ControlRef } from '../../../shared/overview/state'
import type { ControlStatus } from '../../../shared/scoring/types'
import { download } from '../../components/download'
import { StatusPill } from '../../components/status-pill'
import type { ControlMeta } from '../../store/desk-model'
import { useAccountScorecards } from '../../store/scorecards'
import { LinkButton } from './link-button'
import { OptionSelect } from './option-select'
import { naturalCollator } from './overview-model'

export interface ControlPivotTableProps {
  control: ControlMeta
  rows: PivotRow[]
  onOpen(accountId: string, domainId: DomainId, controlId: string): void
}

/** The accounts for one control, with their status, reason and resources; filterable and sortable. */
export function ControlPivotTable({ control, rows, onOpen }: ControlPivotTableProps) {
  const [status, setStatus] = useState<ControlStatus | ''>('')
  const [isByName, setByName] = useState(false)
  const counts = pivotCounts(rows)
  const shown = useMemo(() => {
    const filtered = status === '' ? rows : rows.filter((r) => r.status === status)
    return isByName ? [...filtered].sort((a, b) => naturalCollator.compare(a.name, b.name)) : filtered
  }, [rows, status, isByName])
  const statuses = Object.keys(counts.byStatus) as ControlStatus[]
  return (
    <div className="pivot" data-testid="control-pivot">
      <p className="counts" data-testid="pivot-counts">
        {statuses.map((s) => `${counts.byStatus[s]} ${s}`).join(' · ')}
        {Object.entries(counts.byUnknownReason).length > 0
          ? ` (unknown: ${Object.entries(counts.byUnknownReason)
              .map(([reason, n]) => `${n} ${reason}`)
              .join(', ')})`
          : ''}
      </p>
      <div className="inline-form">
        <OptionSelect
          className="filter"
          label="Status"
          value={status}
          values={statuses}
          emptyLabel="Any"
          onChange={(v) => setStatus(v as ControlStatus | '')}
        />
        <button
          type="button"
          onClick={() => download(`ratchet-${control.id}.csv`, pivotCsv(control.id, shown))}
        >
          Export CSV
        </button>
      </div>
      <table className="table pivot-table" aria-label={`Accounts for ${control.title}`}>
        <thead>
          <tr>
            <th scope="col" aria-sort={isByName ? 'ascending' : 'none'}>
              <button type="button" className="sort-button" onClick={() => setByName(true)}>
                Account
              </button>
            </th>
            <th scope="col" aria-sort={isByName ? 'none' : 'ascending'}>
              <button type="button" className="sort-button" onClick={() => setByName(false)}>
                Status
              </button>
            </th>
            <th scope="col">Why</th>
            <th scope="col">Resources</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.accountId} data-testid="pivot-row" data-status={row.status}>
              <th scope="row">
                <LinkButton onClick={() => onOpen(row.accountId, control.domainId, control.id)}>
                  {row.name}
                </LinkButton>
              </th>
              <td>
                <StatusPill status={row.status} />
                {row.unknownReason ? <span className="muted"> {row.unknownReason}</span> : null}
              </td>
              <td>{row.isDetailed ? row.reason : '…'}</td>
              <td className="pivot-resources">
                {row.isDetailed ? row.resources.map((r) => r.id).join(', ') || '—' : '…'}
              </td>
              <td>{row.collectedAt?.slice(0, 10) ?? (row.isDetailed ? '—' : '…')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Pivot by control: pick any control, see every account's state for it. */
export function ControlPivotPanel({
  controls,
  controlOrder,
  accounts,
  states,
  initialControlId,
  onOpen,
}: {
  controls: readonly ControlMeta[]
  /** The model's controls in the order of the states' statuses. */
  controlOrder: readonly ControlRef[]
  accounts: ReadonlyArray<{ id: string; name: string }>
  states: readonly AccountState[]
  initialControlId: string | undefined
  onOpen: ControlPivotTableProps['onOpen']
}) {
  const [picked, setPicked] = useState(initialControlId ?? controls[0]?.id)
  const [isDetailed, setDetailed] = useState(false)
  const control = controls.find((c) => c.id === picked)
  const ids = useMemo(() => (isDetailed ? states.map((s) => s.accountId) : []), [isDetailed, states])
  // The reasons and resources need every bundle and answer: read only when asked for.
  const details = useAccountScorecards(ids)
  const rows = useMemo(() => {
    const index = controlOrder.findIndex((c) => c.id === picked)
    return picked && index >= 0 ? controlPivot({ id: picked, index }, accounts, states, details) : []
  }, [picked, controlOrder, accounts, states, details])
  return (
    <section className="pivot-panel" aria-label="Pivot by control">
      <OptionSelect
        label="Control"
        testId="pivot-control"
        value={picked ?? ''}
        values={controls.map((c) => c.id)}
        text={(id) => `${controls.find((c) => c.id === id)?.title ?? id} (${id})`}
        onChange={setPicked}
      />
      {isDetailed ? null : (
        <button type="button" data-testid="pivot-details" onClick={() => setDetailed(true)}>
          Show reasons and resources
        </button>
      )}
      {control ? <ControlPivotTable control={control} rows={rows} onOpen={onOpen} /> : null}
    </section>
  )
}
