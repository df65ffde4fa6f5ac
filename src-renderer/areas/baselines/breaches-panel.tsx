import { useState } from 'react'
import type { AccountBaselineResult, Breach } from '../../../shared/baseline/breaches'
import type { Baseline } from '../../../shared/baseline/types'
import { accountSelectors } from '../../store/accounts-slice'
import { useAppStore } from '../../store/app-store'
import { baselineSelectors } from '../../store/baselines-slice'
import { useBaselineCounts, useBaselineView, useLoadBaselines } from './use-baselines'
import './baselines.css'

const stateLabel = { failing: 'Failing', unknown: 'Unknown: to resolve', waived: 'Waived' } as const
const MAX_ACCOUNTS = 50

/** One breach: its state in words (never colour alone) and its reason. */
export function BreachLine({ breach }: { breach: Breach }) {
  return (
    <li className={`breach is-${breach.state}`} data-state={breach.state}>
      <span className="breach-state">{stateLabel[breach.state]}</span>{' '}
      <span>{breach.kind === 'level' ? 'Level' : 'Invariant'}:</span> {breach.reason}
    </li>
  )
}

function count(results: readonly AccountBaselineResult[], state: Breach['state']): number {
  return results.filter((r) => r.breaches.some((b) => b.state === state)).length
}

/** "production v2 (raised)" or "… (lowered)", so a lowering shows wherever the baseline appears. */
export function baselineLabel(b: Baseline): string {
  return `${b.name} v${b.version}${b.change === 'lowered' ? ' (lowered)' : ''}`
}

/** Each breaching account with its breaches, read from the full scorecards (shown when asked for). */
function BreachList() {
  const { inForce, results } = useBaselineView()
  const accounts = useAppStore(accountSelectors.accounts)
  const openAccount = useAppStore((s) => s.openAccount)
  const names = new Map(accounts.map((a) => [a.id, a.name]))
  const byId = new Map(inForce.map((b) => [b.id, b]))
  const breaching = results.filter((r) => r.breaches.length > 0)
  if (results.length === 0) return <p className="muted">Reading the evidence…</p>
  return (
    <>
      <ul className="breach-accounts">
        {breaching.slice(0, MAX_ACCOUNTS).map((r) => {
          const held = r.baselineId ? byId.get(r.baselineId) : undefined
          return (
            <li key={r.accountId} data-testid={`breaches-${r.accountId}`}>
              <button type="button" className="link" onClick={() => openAccount(r.accountId)}>
                {names.get(r.accountId) ?? r.accountId}
              </button>{' '}
              <span className="muted">held by {held ? baselineLabel(held) : r.baselineId}</span>
              <ul>
                {r.breaches.map((b) => (
                  <BreachLine key={`${b.kind}:${b.domainId ?? ''}:${b.controlId ?? ''}`} breach={b} />
                ))}
              </ul>
            </li>
          )
        })}
      </ul>
      {breaching.length > MAX_ACCOUNTS ? (
        <p className="muted">… and {breaching.length - MAX_ACCOUNTS} more accounts (see Baselines).</p>
      ) : null}
    </>
  )
}

/**
 * The overview's baseline breaches: how many accounts breach (from the stored summaries), and, once opened,
 * each breach with its account and reason (from the full scorecards, read then). Nothing is computed while
 * no baseline is in force.
 */
export function BreachesPanel() {
  useLoadBaselines()
  const hasBaselines = useAppStore((s) => baselineSelectors.inForce(s).length > 0)
  return hasBaselines ? <BreachCounts /> : null
}

function BreachCounts() {
  const { results } = useBaselineCounts()
  const [isOpen, setOpen] = useState(false)
  // Nothing to say until the summaries of the model in use are computed.
  if (results.length === 0) return null
  const breaching = results.filter((r) => r.breaches.length > 0)
  return (
    <section
      className="baseline-breaches"
      aria-labelledby="baseline-breaches-title"
      data-testid="baseline-breaches"
    >
      <h2 id="baseline-breaches-title">Baseline breaches</h2>
      <p data-testid="baseline-breach-summary">
        {breaching.length} of {results.length} accounts breach their baseline: {count(results, 'failing')}{' '}
        failing, {count(results, 'unknown')} with unknowns to resolve, {count(results, 'waived')} with waived
        breaches.
      </p>
      {/* The list reads every account's full scorecard: only once asked for. */}
      <button type="button" className="link" aria-expanded={isOpen} onClick={() => setOpen(!isOpen)}>
        {isOpen ? 'Hide the breaches' : 'Show the breaches'}
      </button>
      {isOpen ? <BreachList /> : null}
    </section>
  )
}
