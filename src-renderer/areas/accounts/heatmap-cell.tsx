import type { CellChange } from '../../../shared/overview/cell-changes'
import type { DomainState } from '../../../shared/overview/state'
import { evidenceLevelText } from '../../../shared/scoring/unknown-reasons'
import { cellState, describeCell, LevelBadge } from '../../components/level'
import { unknownMarks } from './unknown-markers'

/** "▲" or "▼" beside a cell that moved; the cell's accessible name says it in words. */
function ChangeMark({ change }: { change: CellChange | undefined }) {
  if (!change) return null
  return (
    <span className={`cell-delta delta-${change.direction}`} aria-hidden="true">
      {change.direction === 'up' ? '▲' : '▼'}
    </span>
  )
}

const describeChange = (change: CellChange | undefined) =>
  change ? `, ${change.direction} from ${change.from} since the last snapshot` : ''

/** What one heatmap cell shows about one domain of one account. */
export interface DomainCellProps {
  accountName: string
  title: string
  domain: DomainState | undefined
  /** Nothing could be read for the account: the cell says so rather than showing 0. */
  isUnassessed: boolean
  isBelowTarget: boolean
  change: CellChange | undefined
  /** The domain's unknown controls by category. */
  unknowns: Readonly<Record<string, number>> | undefined
}

/**
 * The accessible name of a cell. It starts with what the cell shows, in its order ("level 3, 1
 * evidence-verified": WCAG 2.5.3, label in name), then the target, blockers, unknown categories and change.
 */
function cellLabel(p: DomainCellProps, marks: ReturnType<typeof unknownMarks>): string {
  if (p.isUnassessed) return `${p.accountName}, ${p.title}: unassessed, no usable evidence`
  if (!p.domain) return `${p.accountName}, ${p.title}: not scored yet`
  const { level, evidenceLevel } = p.domain
  const evidence = evidenceLevel === null ? 'no automated evidence' : `${evidenceLevel} evidence-verified`
  // describeCell says "<title>: level <n>" and then the rest: keep the rest after the levels.
  const rest = describeCell(p.domain, p.title).slice(`${p.title}: level ${level}`.length)
  const unknown = marks.length > 0 ? `, unknown: ${marks.map((m) => `${m.count} ${m.words}`).join(', ')}` : ''
  return `${p.accountName}, ${p.title}: level ${level}, ${evidence}${rest}${p.isBelowTarget ? ', below target' : ''}${unknown}${describeChange(p.change)}`
}

/**
 * The cell's content: the assessed level (the headline), and beside it the evidence-verified level ("–" for
 * no automated evidence, never 0), a marker per unknown category, and ▲/▼ since the last snapshot.
 */
export function DomainCellContent(props: DomainCellProps) {
  const { domain, isUnassessed, isBelowTarget, change } = props
  const marks = unknownMarks(props.unknowns)
  if (isUnassessed || !domain) {
    // Unassessed, or not scored yet: no level is shown, since none is known (never a 0).
    return (
      <span className="hm-unassessed" title={cellLabel(props, marks)}>
        {isUnassessed ? '–' : '…'}
      </span>
    )
  }
  const state = cellState(domain)
  const evidenceLevel = domain?.evidenceLevel
  return (
    <>
      <span className="hm-levels">
        <LevelBadge
          level={state.level}
          isHeldByUnknown={state.isHeldByUnknown}
          isBelowTarget={isBelowTarget}
        />{' '}
        <span
          className="hm-evidence"
          data-testid="evidence-level"
          title={`Evidence-verified: ${evidenceLevelText(evidenceLevel)}`}
        >
          {evidenceLevel === null || evidenceLevel === undefined ? '–' : evidenceLevel}
        </span>
      </span>
      {marks.length > 0 ? (
        <span
          className="hm-unknowns"
          aria-hidden="true"
          data-unknown={marks.map((m) => m.category).join(' ')}
        >
          {marks.map((m) => (
            <span
              key={m.category}
              className={`hm-unknown unknown-${m.category}`}
              title={`${m.count} ${m.words}`}
            >
              {m.marker}
            </span>
          ))}
        </span>
      ) : null}
      <ChangeMark change={change} />
    </>
  )
}

/** The accessible name of a domain cell (for the button that holds it). */
export function domainCellLabel(props: DomainCellProps): string {
  return cellLabel(props, unknownMarks(props.unknowns))
}
