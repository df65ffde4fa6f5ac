import { BreachLine, baselineLabel } from './breaches-panel'
import { useBaselineView } from './use-baselines'

/** In the account: which baseline holds it (and how it matched), and its breaches. */
export function HeldBy({ accountId }: { accountId: string }) {
  const { inForce, results } = useBaselineView()
  const result = results.find((r) => r.accountId === accountId)
  const held = inForce.find((b) => b.id === result?.baselineId)
  if (!result || !held)
    return (
      <p className="muted" data-testid="held-by">
        No baseline holds this account.
      </p>
    )
  return (
    <div data-testid="held-by">
      <p>
        Held by <strong>{baselineLabel(held)}</strong> (by {result.matchedBy}
        {result.shadowed.length > 0 ? `; also in scope of ${result.shadowed.join(', ')}` : ''}):{' '}
        {result.breaches.length === 0 ? 'meets it.' : `${result.breaches.length} breach(es).`}
      </p>
      {result.breaches.length > 0 ? (
        <ul>
          {result.breaches.map((b) => (
            <BreachLine key={`${b.kind}:${b.domainId ?? ''}:${b.controlId ?? ''}`} breach={b} />
          ))}
        </ul>
      ) : null}
    </div>
  )
}
