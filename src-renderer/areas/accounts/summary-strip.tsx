import { useId, useState } from 'react'
import type { DomainId } from '../../../shared/domain/types'
import type { OverviewSummary, RegressionGroup } from '../../../shared/overview/summary'
import { LinkButton } from './link-button'

const levels = [0, 1, 2, 3, 4, 5] as const

export interface SummaryStripProps {
  summary: OverviewSummary
  controlTitle(controlId: string): string
  /** Opens one account at a control, with its evidence. */
  onOpenControl(accountId: string, domainId: DomainId, controlId: string): void
  onOpenAccount(accountId: string): void
  onShowBelowTarget(): void
}

/** "▲2" / "▼1" next to a count that changed since the last snapshot; nothing when it did not. */
function Delta({ now, before }: { now: number; before: number | undefined }) {
  if (before === undefined || now === before) return null
  const isUp = now > before
  return (
    // Neutral colour: fewer accounts at level 0 is good news, fewer at level 5 is not.
    <span className="delta">
      <span aria-hidden="true">{isUp ? '▲' : '▼'}</span>
      {Math.abs(now - before)}
      <span className="visually-hidden"> {isUp ? 'more' : 'fewer'} than at the last snapshot</span>
    </span>
  )
}

function RegressionList({
  groups,
  controlTitle,
  onOpenControl,
}: {
  groups: RegressionGroup[]
  controlTitle(controlId: string): string
  onOpenControl: SummaryStripProps['onOpenControl']
}) {
  return (
    <ul className="regression-groups" data-testid="regression-groups">
      {groups.map((group) => (
        <li key={group.controlId} data-testid="regression-group" data-control-id={group.controlId}>
          <details>
            <summary>
              <strong>{controlTitle(group.controlId)}</strong>: {group.from} → {group.to} in{' '}
              {group.accounts.length} account{group.accounts.length === 1 ? '' : 's'}
            </summary>
            <ul className="regression-accounts">
              {group.accounts.map((account) => (
                <li key={account.id}>
                  <LinkButton onClick={() => onOpenControl(account.id, group.domainId, group.controlId)}>
                    {account.name}
                  </LinkButton>
                </li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ul>
  )
}

/**
 * The ratchet at a glance, above the heatmap: the level distribution now and at the last snapshot, levels up
 * and down, regressions grouped by control (a count that opens them), accounts below target, the oldest
 * evidence and the accounts whose last collection failed. Presentational: it shows what it is given.
 */
export function SummaryStrip({
  summary,
  controlTitle,
  onOpenControl,
  onOpenAccount,
  onShowBelowTarget,
}: SummaryStripProps) {
  const [isRegressionsOpen, setRegressionsOpen] = useState(false)
  const listId = useId()
  const { distribution, changes, regressions, belowTarget, oldestEvidence, failedCollections } = summary
  const regressionCount = regressions.reduce((n, g) => n + g.accounts.length, 0)
  const since = distribution.previousLabel
  return (
    <section className="summary-strip" aria-label="Summary" data-testid="summary-strip">
      <div className="summary-tile" data-testid="summary-levels">
        <span className="summary-label">Accounts by level{since ? ` (vs ${since})` : ''}</span>
        <span className="summary-levels">
          {levels.map((level) => (
            <span key={level} className="summary-level">
              L{level} <strong>{distribution.now[level]}</strong>
              <Delta now={distribution.now[level] ?? 0} before={distribution.previous?.[level]} />
            </span>
          ))}
          {distribution.unassessed > 0 ? (
            <span className="summary-level" data-testid="summary-unassessed">
              unassessed <strong>{distribution.unassessed}</strong>
            </span>
          ) : null}
        </span>
      </div>
      <div className="summary-tile" data-testid="summary-changes">
        <span className="summary-label">{since ? `Since ${since}` : 'No snapshot yet'}</span>
        {since ? (
          <span>
            <span className="delta delta-up">▲ {changes.domainLevelsUp}</span> levels up ·{' '}
            <span className="delta delta-down">▼ {changes.domainLevelsDown}</span> down
          </span>
        ) : (
          <span className="muted">Take a snapshot to see changes</span>
        )}
      </div>
      <div className="summary-tile" data-testid="summary-regressions">
        <span className="summary-label">Regressions (pass → fail)</span>
        {regressionCount === 0 ? (
          <span>None</span>
        ) : (
          <button
            type="button"
            className="summary-count"
            aria-expanded={isRegressionsOpen}
            aria-controls={listId}
            onClick={() => setRegressionsOpen(!isRegressionsOpen)}
          >
            {regressionCount} in {regressions.length} control{regressions.length === 1 ? '' : 's'}
          </button>
        )}
      </div>
      <div className="summary-tile" data-testid="summary-below-target">
        <span className="summary-label">Below target</span>
        {belowTarget.length === 0 ? (
          <span>None</span>
        ) : (
          <button type="button" className="summary-count" onClick={onShowBelowTarget}>
            {belowTarget.length} account{belowTarget.length === 1 ? '' : 's'}
          </button>
        )}
      </div>
      <div className="summary-tile" data-testid="summary-oldest">
        <span className="summary-label">Oldest evidence</span>
        {oldestEvidence ? (
          <LinkButton
            title={`Collected ${oldestEvidence.collectedAt.slice(0, 10)}`}
            onClick={() => onOpenAccount(oldestEvidence.id)}
          >
            {oldestEvidence.ageDays} days · {oldestEvidence.name}
          </LinkButton>
        ) : (
          <span>None collected</span>
        )}
      </div>
      <div className="summary-tile" data-testid="summary-failed">
        <span className="summary-label">Last collection failed</span>
        {failedCollections.length === 0 ? (
          <span>None</span>
        ) : (
          <span title={failedCollections.map((a) => a.name).join(', ')}>
            {failedCollections.length} account{failedCollections.length === 1 ? '' : 's'}
          </span>
        )}
      </div>
      {isRegressionsOpen && regressionCount > 0 ? (
        <div id={listId} className="summary-detail">
          <RegressionList groups={regressions} controlTitle={controlTitle} onOpenControl={onOpenControl} />
        </div>
      ) : null}
    </section>
  )
}
