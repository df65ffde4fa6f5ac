import { useState } from 'react'
import { serializeBaselines } from '../../../shared/baseline/io'
import { describeScope } from '../../../shared/baseline/scope'
import type { Baseline } from '../../../shared/baseline/types'
import { domainIds } from '../../../shared/domain/types'
import { ExportAsButtons } from '../../components/export-as-buttons'
import { TextFileInput } from '../../components/text-file-input'
import { useAppStore } from '../../store/app-store'
import { baselineSelectors } from '../../store/baselines-slice'
import { useDeskModel } from '../../store/use-desk-model'
import { AccountDetailsImport } from './account-details-import'
import { BaselineEditor } from './baseline-editor'
import { BreachesPanel, baselineLabel } from './breaches-panel'
import { PlanPanel } from './plan-panel'
import { useBaselineView } from './use-baselines'

const columns = ['Baseline', 'Scope', 'Minimums', 'Invariants', 'Accounts', '']

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'change'; baseline: Baseline }

function History({ id }: { id: string }) {
  const versions = useAppStore(baselineSelectors.versions).filter((b) => b.id === id)
  return (
    <details>
      <summary>History ({versions.length} versions)</summary>
      <ol>
        {versions.map((v) => (
          <li key={v.version}>
            v{v.version}{' '}
            <span className={v.change === 'lowered' ? 'badge-lowered' : undefined}>{v.change}</span> by{' '}
            {v.setBy} on {new Date(v.setAt).toLocaleDateString()}: {v.reason}
            {v.approver ? ` (approved by ${v.approver})` : ''}
          </li>
        ))}
      </ol>
    </details>
  )
}

/** Baselines: the bar per scope, its breaches, raising it with a preview, and the plan to meet it. */
export function BaselinesArea() {
  const { inForce, results } = useBaselineView()
  const versions = useAppStore(baselineSelectors.versions)
  const importBaselines = useAppStore((s) => s.importBaselines)
  const model = useDeskModel()
  const [editing, setEditing] = useState<Editing>({ kind: 'none' })

  return (
    <div className="baselines-area" data-testid="area-baselines">
      <h2>Baselines</h2>
      <p className="muted">
        A baseline holds the accounts in its scope to a minimum assessed level per domain and to invariants
        that must pass on evidence. The most specific scope wins: explicit accounts, then tag, then owner,
        then environment.
      </p>
      {editing.kind === 'none' ? (
        <div className="inline-form">
          <button type="button" onClick={() => setEditing({ kind: 'new' })}>
            New baseline
          </button>
          <label htmlFor="baselines-import">Import baselines (JSON or YAML)</label>
          <TextFileInput
            id="baselines-import"
            accept=".json,.yaml,.yml"
            what="a baselines file"
            onText={importBaselines}
          />
          <ExportAsButtons
            isDisabled={versions.length === 0}
            file={(format) => ({
              fileName: `ratchet-baselines.${format}`,
              text: serializeBaselines(versions, format),
            })}
          />
        </div>
      ) : (
        <BaselineEditor
          key={editing.kind === 'change' ? `${editing.baseline.id}@${editing.baseline.version}` : 'new'}
          previous={editing.kind === 'change' ? editing.baseline : undefined}
          onDone={() => setEditing({ kind: 'none' })}
        />
      )}
      <table className="baselines-table" data-testid="baselines-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c || <span className="visually-hidden">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {inForce.map((b) => {
            const held = results.filter((r) => r.baselineId === b.id)
            const breaching = held.filter((r) => r.breaches.length > 0).length
            return (
              <tr key={b.id} data-testid={`baseline-${b.id}`}>
                <th scope="row">
                  {baselineLabel(b)}
                  <History id={b.id} />
                </th>
                <td>{describeScope(b.scope)}</td>
                <td>
                  {domainIds
                    .flatMap((d) => (b.minimums[d] ? [`${model.domainTitles[d]} ${b.minimums[d]}`] : []))
                    .join(', ') || 'none'}
                </td>
                <td>{b.invariants.join(', ') || 'none'}</td>
                <td>
                  {held.length} held, {breaching} breaching
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => setEditing({ kind: 'change', baseline: b })}
                    aria-label={`Raise or change ${b.name}`}
                  >
                    Raise or change…
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {inForce.length === 0 ? <p className="muted">No baseline yet.</p> : null}
      <BreachesPanel />
      <AccountDetailsImport />
      <PlanPanel />
    </div>
  )
}
