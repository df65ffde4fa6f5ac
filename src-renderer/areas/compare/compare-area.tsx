import { useEffect, useId, useState } from 'react'
import type { DomainId } from '../../../shared/domain/types'
import { useAppStore } from '../../store/app-store'
import { type CompareSideId, NOW } from '../../store/snapshots-slice'
import { useDeskModel } from '../../store/use-desk-model'
import { ComparisonView } from './comparison-view'
import { Trends } from './trends'
import { useComparison, useCurrentState } from './use-compare'
import './compare.css'

type Tab = 'compare' | 'trends'

/** The Compare area: any two snapshots (or one and now), with the reasons for each change; and the trends. */
export function CompareArea() {
  const desk = useDeskModel()
  const loadSnapshots = useAppStore((s) => s.loadSnapshots)
  const ensureDeskDetails = useAppStore((s) => s.ensureDeskDetails)
  useEffect(() => {
    // "Now" is built from the bundles and answers: read them when Compare opens, not at start.
    void loadSnapshots()
    void ensureDeskDetails()
  }, [loadSnapshots, ensureDeskDetails])
  const [tab, setTab] = useState<Tab>('compare')
  const tabIds = { compare: useId(), trends: useId() }
  const panelId = useId()
  const titles = desk.domainTitles
  const domainTitle = (id: DomainId) => titles[id]
  return (
    <section className="area compare-area" data-testid="area-compare" aria-labelledby="compare-title">
      <h2 id="compare-title">Compare</h2>
      <div role="tablist" aria-label="Compare or trends" className="compare-tabs">
        {(['compare', 'trends'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={tabIds[t]}
            aria-selected={tab === t}
            aria-controls={panelId}
            className={tab === t ? 'is-active' : undefined}
            onClick={() => setTab(t)}
          >
            {t === 'compare' ? 'Compare' : 'Trends'}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={tabIds[tab]}>
        {tab === 'compare' ? (
          <ComparePanel domainTitle={domainTitle} />
        ) : (
          <Trends domainTitle={domainTitle} />
        )}
      </div>
    </section>
  )
}

function ComparePanel({ domainTitle }: { domainTitle: (id: DomainId) => string }) {
  const snapshots = useAppStore((s) => s.snapshots)
  const isLoaded = useAppStore((s) => s.isSnapshotsLoaded)
  const mode = useAppStore((s) => s.compareMode)
  const setCompare = useAppStore((s) => s.setCompare)
  const current = useCurrentState()
  const { a, b, comparison, error, isReading } = useComparison()
  const aId = useId()
  const bId = useId()
  const options = [
    ...[...snapshots]
      .reverse()
      .map((s) => ({ id: s.id, label: `${s.label} (${new Date(s.createdAt).toLocaleDateString()})` })),
    ...(current ? [{ id: NOW, label: 'Now (current state)' }] : []),
  ]
  if (isLoaded && options.length < 2) {
    return (
      <p className="muted" data-testid="compare-empty">
        Take a snapshot first: then compare it with now, or with another snapshot.
      </p>
    )
  }
  const picker = (id: string, label: string, value: CompareSideId | null, side: 'a' | 'b') => (
    <span className="compare-pick">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value ?? ''}
        data-testid={`compare-${side}`}
        onChange={(e) => setCompare({ [side]: e.target.value })}
      >
        {value === null ? <option value="">Choose…</option> : null}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  )
  return (
    <div className="compare-panel">
      <fieldset className="compare-controls">
        <legend className="visually-hidden">What to compare</legend>
        {picker(aId, 'From', a, 'a')}
        {picker(bId, 'To', b, 'b')}
        <label className="filter-check">
          <input
            type="checkbox"
            checked={mode === 'as-recorded'}
            data-testid="as-recorded"
            onChange={(e) => setCompare({ mode: e.target.checked ? 'as-recorded' : 'one-model' })}
          />{' '}
          Show as recorded (do not re-score the older state under the newer model)
        </label>
      </fieldset>
      {error ? (
        <p role="alert" className="error">
          Could not compare: {error}
        </p>
      ) : comparison ? (
        <ComparisonView comparison={comparison} domainTitle={domainTitle} />
      ) : isReading ? (
        <p className="muted" role="status" data-testid="compare-reading">
          Reading the older snapshot’s evidence to re-score it under the newer model…
        </p>
      ) : (
        <p className="muted">Choose two states to compare.</p>
      )}
    </div>
  )
}
