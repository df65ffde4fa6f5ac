import {
  type Comparison,
  type ControlChange,
  type LevelChange,
  reasonTitles,
} from '../../../shared/compare/types'
import type { DomainId } from '../../../shared/domain/types'
import { LevelBadge } from '../../components/level'
import { useAppStore } from '../../store/app-store'
import { BaselineShifts } from '../baselines/baseline-shifts'
import { CappedTable, MAX_ROWS } from './capped-table'
import { ResourceTable } from './resource-table'
import { resolveSide, useCurrentState } from './use-compare'

type DomainTitle = (id: DomainId) => string
/** What a section of the comparison reads. */
type SectionProps = { comparison: Comparison; domainTitle: DomainTitle }

/**
 * The comparison as a report: the newer side exported with the older as "last quarter", so the report's
 * trend, regressions and breaches are exactly this comparison's.
 */
function ExportComparison({ comparison }: { comparison: Comparison }) {
  const snapshots = useAppStore((s) => s.snapshots)
  const openExport = useAppStore((s) => s.openExport)
  const current = useCurrentState()
  const { before, after } = comparison
  const open = () => {
    const older = resolveSide(before.id, snapshots, current)
    const newer = resolveSide(after.id, snapshots, current)
    if (!older || !newer) return
    openExport({ snapshot: newer, previous: older, title: `Comparison ${before.label} → ${after.label}` })
  }
  return (
    <button type="button" data-testid="export-comparison" onClick={open}>
      Export this comparison…
    </button>
  )
}

/** Everything one comparison says, regressions first. */
export function ComparisonView({
  comparison,
  domainTitle,
}: {
  comparison: Comparison
  domainTitle: (id: DomainId) => string
}) {
  const { summary, before, after } = comparison
  return (
    <div className="comparison" data-testid="comparison">
      <p className="comparison-sides">
        <strong>{before.label}</strong> ({new Date(before.createdAt).toLocaleDateString()}) →{' '}
        <strong>{after.label}</strong> (
        {after.kind === 'now' ? 'current state' : new Date(after.createdAt).toLocaleDateString()})
        {comparison.isSwapped ? <span className="muted"> · shown older first</span> : null}
      </p>
      <ExportComparison comparison={comparison} />
      <ModelNote comparison={comparison} />
      <ul className="comparison-summary" aria-label="Summary">
        <li className={summary.regressions > 0 ? 'is-bad' : 'is-good'}>
          <strong>{summary.regressions}</strong> regressions
        </li>
        <li>
          <strong>{summary.levelsUp}</strong> levels up
        </li>
        <li>
          <strong>{summary.levelsDown}</strong> levels down
        </li>
        <li>
          <strong>{summary.resourcesAdded}</strong> new / <strong>{summary.resourcesResolved}</strong>{' '}
          resolved resources
        </li>
        <li>
          <strong>{summary.accountsAdded}</strong> accounts added / <strong>{summary.accountsRemoved}</strong>{' '}
          removed
        </li>
        <li>
          <strong>{summary.gaps}</strong> gaps to target
        </li>
      </ul>
      <BaselineShifts before={before} after={after} />
      <Regressions comparison={comparison} domainTitle={domainTitle} />
      <LevelChanges
        title="Level changes"
        testId="level-changes"
        changes={comparison.levelChanges}
        domainTitle={domainTitle}
        empty="No level changed."
      />
      {comparison.modelEffects.length > 0 ? (
        <LevelChanges
          title="Model effects (not counted above)"
          testId="model-effects"
          changes={comparison.modelEffects}
          domainTitle={domainTitle}
          empty=""
        />
      ) : null}
      <section aria-labelledby="cmp-accounts">
        <h3 id="cmp-accounts">Accounts</h3>
        <p data-testid="accounts-added">Added: {comparison.accounts.added.join(', ') || 'none'}</p>
        <p data-testid="accounts-removed">Removed: {comparison.accounts.removed.join(', ') || 'none'}</p>
      </section>
      <ResourceTable
        title="New violating resources"
        testId="resources-added"
        rows={comparison.resources.added}
      />
      <ResourceTable
        title="Resolved violating resources"
        testId="resources-resolved"
        rows={comparison.resources.resolved}
      />
      <Gaps comparison={comparison} domainTitle={domainTitle} />
    </div>
  )
}

function ModelNote({ comparison }: { comparison: Comparison }) {
  if (!comparison.isModelChanged) return null
  return (
    <p className="comparison-model-note" role="note" data-testid="model-note">
      {comparison.isRescored
        ? 'The model changed between these states. The older state was re-scored under the newer model, so the changes below are real progress or backsliding, not the model. The model’s own effect is listed apart.'
        : 'The model changed between these states and they are compared as recorded: some changes below come from the model (marked “Model change”).'}
    </p>
  )
}

function Regressions({ comparison, domainTitle }: SectionProps) {
  const list = comparison.regressions
  return (
    <section
      className={list.length > 0 ? 'regressions has-regressions' : 'regressions'}
      aria-labelledby="cmp-regressions"
      data-testid="regressions"
    >
      <h3 id="cmp-regressions">
        {list.length > 0
          ? `⚠ ${list.length} regression${list.length === 1 ? '' : 's'}: the ratchet slipped`
          : 'No regressions'}
      </h3>
      {list.length === 0 ? (
        <p className="muted">No level dropped and no control that passed now fails.</p>
      ) : (
        <ul>
          {list.slice(0, MAX_ROWS).map((r) =>
            r.kind === 'level-drop' ? (
              <li key={`l:${r.accountId}:${r.domainId}`} data-testid="regression">
                <strong>{r.accountName}</strong> · {domainTitle(r.domainId)}: level {r.from} → {r.to}
              </li>
            ) : (
              <li key={`c:${r.accountId}:${r.change.controlId}`} data-testid="regression">
                <strong>{r.accountName}</strong> · {r.change.controlTitle}: {r.change.from} → {r.change.to} —{' '}
                {r.change.detail}
              </li>
            ),
          )}
          {list.length > MAX_ROWS ? <li className="muted">… and {list.length - MAX_ROWS} more</li> : null}
        </ul>
      )}
    </section>
  )
}

function ChangeReason({ change }: { change: ControlChange }) {
  return (
    <li data-testid="control-change" data-reason={change.reason}>
      <span className={`reason-tag reason-${change.reason}`}>{reasonTitles[change.reason]}</span>{' '}
      <span className="control-title">{change.controlTitle}</span>{' '}
      <span className="muted">(L{change.level})</span>: {change.detail}
    </li>
  )
}

function LevelChanges({
  title,
  testId,
  changes,
  domainTitle,
  empty,
}: {
  title: string
  testId: string
  changes: LevelChange[]
  domainTitle: DomainTitle
  empty: string
}) {
  return (
    <CappedTable
      title={title}
      testId={testId}
      columns={['Account', 'Domain', 'Level', 'Target', 'Why']}
      rows={changes}
      empty={empty}
      row={(c) => (
        <tr
          key={`${c.accountId}:${c.domainId}`}
          data-testid="level-change"
          className={c.to < c.from ? 'is-down' : 'is-up'}
        >
          <th scope="row">{c.accountName}</th>
          <td>{domainTitle(c.domainId)}</td>
          <td className="level-move">
            <LevelBadge level={c.from} label={`was level ${c.from}`} /> →{' '}
            <LevelBadge level={c.to} label={`now level ${c.to}`} />{' '}
            <span className="visually-hidden">{c.to < c.from ? 'down' : 'up'}</span>
            <span aria-hidden="true">{c.to < c.from ? '▼' : '▲'}</span>
          </td>
          <td>{c.target ?? '–'}</td>
          <td>
            {c.changes.length === 0 ? (
              <span className="muted">No control changed status</span>
            ) : (
              <ul className="change-reasons">
                {c.changes.map((change) => (
                  <ChangeReason key={change.controlId} change={change} />
                ))}
              </ul>
            )}
          </td>
        </tr>
      )}
    />
  )
}

function Gaps({ comparison, domainTitle }: SectionProps) {
  return (
    <CappedTable
      title={`Gaps to target in ${comparison.after.label}`}
      testId="gaps"
      columns={['Account', 'Domain', 'Level', 'Target', 'Gap']}
      rows={comparison.gaps}
      empty="Every domain with a target meets it."
      row={(g) => (
        <tr key={`${g.accountId}:${g.domainId}`}>
          <th scope="row">{g.accountName}</th>
          <td>{domainTitle(g.domainId)}</td>
          <td>{g.level}</td>
          <td>{g.target}</td>
          <td>{g.gap}</td>
        </tr>
      )}
    />
  )
}
