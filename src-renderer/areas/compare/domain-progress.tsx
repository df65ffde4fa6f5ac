import { useId, useMemo } from 'react'
import { Bar } from 'react-chartjs-2'
import type { TrendPoint } from '../../../shared/compare/trends'
import { type DomainId, domainIds } from '../../../shared/domain/types'
import { type DomainShareCell, domainLevelShares } from '../../../shared/overview/level-shares'
import { useAppTheme } from '../../app/use-theme'
import { type ChartPalette, chartOptions, chartPalettes, themedScale } from './chart-setup'

const levels = [0, 1, 2, 3, 4, 5] as const

/** "2026-Q4 ▼2" when accounts went down in that state: the mark shows on the chart's axis and in the list. */
function tickLabel(cell: DomainShareCell): string {
  return cell.regressed > 0 ? `${cell.label} ▼${cell.regressed}` : cell.label
}

function DomainMultiple({
  domainId,
  title,
  cells,
  palette,
}: {
  domainId: DomainId
  title: string
  cells: DomainShareCell[]
  palette: ChartPalette
}) {
  const data = {
    labels: cells.map(tickLabel),
    datasets: levels.map((level) => ({
      label: `Level ${level}`,
      data: cells.map((c) => Math.round((c.shares[level] ?? 0) * 1000) / 10),
      backgroundColor: palette.levels[level],
      borderColor: palette.background,
      borderWidth: 1,
    })),
  }
  const regressions = cells.filter((c) => c.regressed > 0)
  const latest = cells.at(-1)
  const atTwoOrMore = latest ? Math.round(latest.shares.slice(2).reduce((a, b) => a + b, 0) * 100) : 0
  return (
    <div className="domain-multiple" data-testid={`domain-progress-${domainId}`}>
      <h4 className="domain-multiple-title">{title}</h4>
      <div className="domain-multiple-chart">
        <Bar
          data={data}
          options={{
            ...chartOptions(palette, { legend: { display: false } }),
            scales: {
              x: { stacked: true, ...themedScale(palette) },
              y: {
                stacked: true,
                min: 0,
                max: 100,
                ...themedScale(palette),
                ticks: { color: palette.muted, stepSize: 50, callback: (v) => `${v}%` },
              },
            },
          }}
          role="img"
          aria-label={`${title}: share of accounts at each level per snapshot; ${atTwoOrMore}% at level 2 or above in ${latest?.label ?? 'the last state'}`}
          data-testid={`trend-domain-chart-${domainId}`}
        />
      </div>
      <p className="domain-multiple-note" data-testid="domain-regressions">
        {regressions.length === 0
          ? 'No account went down.'
          : regressions.map((c) => `▼ ${c.regressed} down in ${c.label}`).join(' · ')}
      </p>
    </div>
  )
}

/**
 * Progress per domain as small multiples: for each domain, the share of accounts at each level per snapshot
 * (stacked to 100%), so the higher bands visibly grow; a ▼ marks the snapshots where accounts went down.
 */
export function DomainProgress({
  points,
  domainTitle,
}: {
  points: TrendPoint[]
  domainTitle: (id: DomainId) => string
}) {
  const palette = chartPalettes[useAppTheme()]
  const titleId = useId()
  const shares = useMemo(
    () =>
      domainLevelShares(
        points.map((p) => ({
          id: p.id,
          label: p.label,
          createdAt: p.createdAt,
          accounts: p.scorecard.accounts,
        })),
      ),
    [points],
  )
  return (
    <figure className="trend-figure" aria-labelledby={titleId} data-testid="domain-progress">
      <figcaption id={titleId}>Progress per domain: share of accounts at each level</figcaption>
      <ul className="level-legend" aria-label="Levels">
        {levels.map((level) => (
          <li key={level}>
            <span className="level-swatch" style={{ background: palette.levels[level] }} aria-hidden="true" />
            Level {level}
          </li>
        ))}
      </ul>
      <div className="domain-multiples">
        {domainIds.map((id) => (
          <DomainMultiple
            key={id}
            domainId={id}
            title={domainTitle(id)}
            cells={shares[id]}
            palette={palette}
          />
        ))}
      </div>
    </figure>
  )
}
