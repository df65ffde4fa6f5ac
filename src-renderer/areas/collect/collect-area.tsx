import { type FormEvent, useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { sourceIds } from '../../../shared/evidence/schema'
import { useAppStore } from '../../store/app-store'
import { awsSelectors } from '../../store/aws-slice'
import {
  type CellState,
  type CollectRow,
  collectSelectors,
  defaultCollectRegions,
} from '../../store/collect-slice'
import './collect.css'

const sourceLabels = {
  identity: 'Identity',
  credentialReport: 'Credential report',
  trustedAdvisor: 'Trusted Advisor',
  accessAnalyzer: 'Access Analyzer',
} as const

/** The Collect area: choose what to collect, watch it arrive, and move evidence in and out as folders. */
export function CollectArea() {
  return (
    <section className="area" data-testid="area-collect">
      <h2>Collect</h2>
      <CollectForm />
      <CollectProgressTable />
      <OfflinePanel />
    </section>
  )
}

function CollectForm() {
  const included = useAppStore(useShallow(awsSelectors.includedTargets))
  const profiles = useAppStore(useShallow(awsSelectors.profiles))
  const loadTargets = useAppStore((s) => s.loadTargets)
  const loadProfiles = useAppStore((s) => s.loadProfiles)
  const regions = useAppStore(useShallow(collectSelectors.regions))
  const setRegions = useAppStore((s) => s.setCollectRegions)
  const isRunning = useAppStore(collectSelectors.isRunning)
  const summary = useAppStore(collectSelectors.summary)
  const start = useAppStore((s) => s.startCollect)
  const cancel = useAppStore((s) => s.cancelCollect)
  const retry = useAppStore((s) => s.retryFailedCollect)
  const [source, setSource] = useState('targets')
  const loadCollectState = useAppStore((s) => s.loadCollectState)
  const [regionText, setRegionText] = useState(regions.join(', '))
  useEffect(() => {
    void loadTargets()
    void loadProfiles()
    void loadCollectState()
  }, [loadTargets, loadProfiles, loadCollectState])
  // The saved Regions arrive after the first render: show them once loaded.
  const savedRegions = regions.join(', ')
  useEffect(() => setRegionText(savedRegions), [savedRegions])
  const hasFailures = summary !== undefined && summary.totals.ok < summary.totals.accounts

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const list = regionText
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean)
    void setRegions(list.length > 0 ? list : defaultCollectRegions)
    void start(
      source === 'targets'
        ? { kind: 'targets', targets: included }
        : { kind: 'profile', profile: source.slice('profile:'.length) },
    )
  }

  return (
    <form className="collect-form" aria-label="Collect evidence" onSubmit={onSubmit}>
      <label htmlFor="collect-source">Collect from</label>
      <select id="collect-source" value={source} onChange={(e) => setSource(e.target.value)}>
        <option value="targets">Included accounts ({included.length})</option>
        {profiles.map((p) => (
          <option key={p.name} value={`profile:${p.name}`}>
            Profile {p.name}
          </option>
        ))}
      </select>
      <label htmlFor="collect-regions">Access Analyzer Regions</label>
      <input
        id="collect-regions"
        value={regionText}
        onChange={(e) => setRegionText(e.target.value)}
        placeholder="us-east-1, eu-west-1"
      />
      <div className="collect-actions">
        <button type="submit" disabled={isRunning || (source === 'targets' && included.length === 0)}>
          Start collecting
        </button>
        <button type="button" disabled={!isRunning} onClick={() => void cancel()}>
          Cancel
        </button>
        <button type="button" disabled={isRunning || !hasFailures} onClick={() => void retry()}>
          Retry failed
        </button>
      </div>
    </form>
  )
}

function Cell({ cell, testId }: { cell: CellState; testId: string }) {
  const text = cell.records === undefined ? cell.state : `${cell.state} · ${cell.records}`
  return (
    <td
      data-testid={testId}
      data-state={cell.state}
      title={cell.detail}
      className={`collect-cell state-${cell.state}`}
    >
      {text}
    </td>
  )
}

function CollectProgressTable() {
  const rows = useAppStore(collectSelectors.rows)
  const summary = useAppStore(collectSelectors.summary)
  if (rows.length === 0) return <p className="muted">No collection yet in this session.</p>
  return (
    <>
      <p data-testid="collect-summary" aria-live="polite">
        {summary
          ? `${summary.totals.accounts} account${summary.totals.accounts === 1 ? '' : 's'}: ${summary.totals.ok} ok, ${summary.totals.partial} partial, ${summary.totals.failed} failed, ${summary.totals.cancelled} cancelled`
          : `Collecting… ${rows.filter((r) => ['done', 'failed', 'cancelled'].includes(r.account.state)).length} of ${rows.length} accounts finished`}
      </p>
      <div className="collect-table-wrap">
        <table className="table" aria-label="Collection progress">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">State</th>
              {sourceIds.map((id) => (
                <th key={id} scope="col">
                  {sourceLabels[id]}
                </th>
              ))}
              <th scope="col">Calls</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row: CollectRow) => (
              <tr key={row.targetKey} data-testid={`collect-row-${row.accountId ?? row.targetKey}`}>
                <th scope="row">
                  {row.label}
                  {row.accountId ? <span className="muted"> {row.accountId}</span> : null}
                </th>
                <Cell cell={row.account} testId="cell-account" />
                {sourceIds.map((id) => (
                  <Cell key={id} cell={row.sources[id]} testId={`cell-${id}`} />
                ))}
                <td>{row.calls}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

function OfflinePanel() {
  const importFolder = useAppStore((s) => s.importEvidenceFolder)
  const exportFolder = useAppStore((s) => s.exportEvidenceFolder)
  // Each button opens a folder picker in main: the app reads and writes only folders chosen there.
  return (
    <section aria-labelledby="offline-title" className="collect-offline">
      <h3 id="offline-title">Offline evidence</h3>
      <p className="muted">
        One folder per account, holding AWS CLI outputs (see the README). An import is all or nothing.
      </p>
      <div className="inline-form">
        <button type="button" onClick={() => void importFolder()}>
          Import evidence folder…
        </button>
        <button type="button" onClick={() => void exportFolder()}>
          Export the latest evidence…
        </button>
      </div>
    </section>
  )
}
