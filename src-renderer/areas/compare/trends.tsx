import { useId, useMemo, useState } from 'react'
import { Bar, Radar } from 'react-chartjs-2'
import { accountRadar, domainTrend, levelCounts, type TrendPoint } from '../../../shared/compare/trends'
import { type DomainId, domainIds } from '../../../shared/domain/types'
import type { Snapshot } from '../../../shared/snapshot/schema'
import { useAppTheme } from '../../app/use-theme'
import { TableHead } from '../../components/table-head'
import { useAppStore } from '../../store/app-store'
import type { SavedSnapshot } from '../../store/snapshots-slice'
import { chartOptions, chartPalettes, registerCharts, themedScale } from './chart-setup'
import { DomainProgress } from './domain-progress'
import { useCurrentState } from './use-compare'

registerCharts()

const levelScale = { min: 0, max: 5, ticks: { stepSize: 1 } }

/**
 * Trends across every snapshot (and now): progress per domain (small multiples of the share of accounts at
 * each level, regressions marked), the mean level per domain as a table, accounts per level, and one
 * account's radar of current vs previous vs target. Each chart has the same numbers in a table beside it.
 */
export function Trends({ domainTitle }: { domainTitle: (id: DomainId) => string }) {
  const snapshots = useAppStore((s) => s.snapshots)
  const current = useCurrentState()
  const [isNowIncluded, setNowIncluded] = useState(true)
  const points: TrendPoint[] = useMemo(
    () => [...snapshots, ...(isNowIncluded && current ? [{ ...current, label: 'Now' }] : [])],
    [snapshots, current, isNowIncluded],
  )
  if (snapshots.length === 0) {
    return (
      <p className="muted" data-testid="trends-empty">
        Take snapshots (one per quarter) to see the trend.
      </p>
    )
  }
  return (
    <div className="trends" data-testid="trends">
      <label className="filter-check">
        <input type="checkbox" checked={isNowIncluded} onChange={(e) => setNowIncluded(e.target.checked)} />{' '}
        Include the current state as “Now”
      </label>
      <DomainProgress points={points} domainTitle={domainTitle} />
      <DomainTrend points={points} domainTitle={domainTitle} />
      <LevelCounts points={points} />
      <AccountRadarPanel snapshots={snapshots} current={current} domainTitle={domainTitle} />
    </div>
  )
}

function DomainTrend({
  points,
  domainTitle,
}: {
  points: TrendPoint[]
  domainTitle: (id: DomainId) => string
}) {
  const rows = useMemo(() => domainTrend(points), [points])
  const titleId = useId()
  // The eight overlapping mean lines hid progress; the small multiples above show it, the means stay here.
  return (
    <figure className="trend-figure" aria-labelledby={titleId}>
      <figcaption id={titleId}>Organization maturity per domain (mean level of all accounts)</figcaption>
      <div className="trend-body">
        <table className="trend-table" data-testid="trend-domain-table">
          <caption className="visually-hidden">Mean level per domain, per snapshot</caption>
          <TableHead columns={['Snapshot', ...domainIds.map(domainTitle)]} />
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.label}</th>
                {domainIds.map((id) => (
                  <td key={id}>{r.means[id]?.toFixed(1) ?? '–'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}

function LevelCounts({ points }: { points: TrendPoint[] }) {
  const rows = useMemo(() => levelCounts(points), [points])
  const titleId = useId()
  const palette = chartPalettes[useAppTheme()]
  const data = {
    labels: rows.map((r) => r.label),
    datasets: [0, 1, 2, 3, 4, 5].map((level) => ({
      label: `Level ${level}`,
      data: rows.map((r) => r.counts[level] ?? 0),
      backgroundColor: palette.levels[level],
    })),
  }
  return (
    <figure className="trend-figure" aria-labelledby={titleId}>
      <figcaption id={titleId}>Accounts at each level (headline level: the lowest domain)</figcaption>
      <div className="trend-body">
        <div className="trend-chart">
          <Bar
            data={data}
            options={{
              ...chartOptions(palette),
              scales: {
                x: { stacked: true, ...themedScale(palette) },
                y: {
                  stacked: true,
                  beginAtZero: true,
                  ...themedScale(palette),
                  ticks: { precision: 0, color: palette.muted },
                },
              },
            }}
            role="img"
            aria-label="Stacked bar chart of how many accounts sit at each level per snapshot; the table beside it has the numbers"
            data-testid="trend-level-chart"
          />
        </div>
        <table className="trend-table" data-testid="trend-level-table">
          <caption className="visually-hidden">Accounts per headline level, per snapshot</caption>
          <TableHead columns={['Snapshot', ...[0, 1, 2, 3, 4, 5].map((l) => `L${l}`)]} />
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.label}</th>
                {r.counts.map((n, l) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the index is the level, a stable key
                  <td key={l}>{n}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}

function AccountRadarPanel({
  snapshots,
  current,
  domainTitle,
}: {
  snapshots: SavedSnapshot[]
  current: Snapshot | undefined
  domainTitle: (id: DomainId) => string
}) {
  // Current is now (or the latest snapshot without current data); previous is the snapshot before it.
  const currentPoint = current ?? snapshots.at(-1)
  const previousPoint = current ? snapshots.at(-1) : snapshots.at(-2)
  const accounts = currentPoint?.accounts ?? []
  const [picked, setPicked] = useState<string | undefined>()
  const accountId = picked ?? accounts[0]?.id
  const selectId = useId()
  const titleId = useId()
  const palette = chartPalettes[useAppTheme()]
  const [currentColor, previousColor, targetColor] = palette.series
  const radar = useMemo(
    () => (currentPoint && accountId ? accountRadar(accountId, currentPoint, previousPoint) : undefined),
    [accountId, currentPoint, previousPoint],
  )
  if (!currentPoint || !radar) return null
  const previousLabel = previousPoint?.label ?? 'Previous'
  const currentLabel = current ? 'Now' : currentPoint.label
  const data = {
    labels: radar.rows.map((r) => domainTitle(r.domainId)),
    datasets: [
      {
        label: currentLabel,
        data: radar.rows.map((r) => r.current),
        borderColor: currentColor,
        backgroundColor: `${currentColor}33`,
      },
      {
        label: previousLabel,
        data: radar.rows.map((r) => r.previous),
        borderColor: previousColor,
        backgroundColor: `${previousColor}1a`,
      },
      {
        label: 'Target',
        data: radar.rows.map((r) => r.target),
        borderColor: targetColor,
        borderDash: [4, 4],
        fill: false,
      },
    ],
  }
  return (
    <figure className="trend-figure" aria-labelledby={titleId}>
      <figcaption id={titleId}>
        One account: {currentLabel} vs {previousLabel} vs target{' '}
        <label htmlFor={selectId} className="visually-hidden">
          Account
        </label>
        <select
          id={selectId}
          value={accountId}
          onChange={(e) => setPicked(e.target.value)}
          data-testid="radar-account"
        >
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.id})
            </option>
          ))}
        </select>
      </figcaption>
      <div className="trend-body">
        <div className="trend-chart">
          <Radar
            data={data}
            options={{
              ...chartOptions(palette),
              scales: {
                r: {
                  ...levelScale,
                  ticks: { stepSize: 1, color: palette.muted, backdropColor: palette.background },
                  grid: { color: palette.grid },
                  angleLines: { color: palette.grid },
                  pointLabels: { color: palette.text },
                },
              },
            }}
            role="img"
            aria-label="Radar chart of the account's level per domain now, before and its target; the table beside it has the numbers"
            data-testid="trend-radar-chart"
          />
        </div>
        <table className="trend-table" data-testid="trend-radar-table">
          <caption className="visually-hidden">The account's level per domain</caption>
          <thead>
            <tr>
              <th scope="col">Domain</th>
              <th scope="col">{currentLabel}</th>
              <th scope="col">{previousLabel}</th>
              <th scope="col">Target</th>
            </tr>
          </thead>
          <tbody>
            {radar.rows.map((r) => (
              <tr key={r.domainId}>
                <th scope="row">{domainTitle(r.domainId)}</th>
                <td>{r.current ?? '–'}</td>
                <td>{r.previous ?? '–'}</td>
                <td>{r.target ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}
