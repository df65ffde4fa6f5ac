import { useMemo, useState } from 'react'
import { goalsFromBaselines } from '../../../shared/plan/goals'
import { describeItem, planToMarkdown } from '../../../shared/plan/markdown'
import { planActions } from '../../../shared/plan/planner'
import { download } from '../../components/download'
import { accountSelectors } from '../../store/accounts-slice'
import { useAppStore } from '../../store/app-store'
import { useDeskModel } from '../../store/use-desk-model'
import { OptionSelect } from '../accounts/option-select'
import { useBaselineView } from './use-baselines'

const ALL = ''
const SHOWN = 25

/** The 30-60-90-day plan for the accounts one baseline holds (or all), made by the shared planner. */
export function PlanPanel() {
  const { inForce, results, cards } = useBaselineView()
  const accounts = useAppStore(accountSelectors.accounts)
  const model = useDeskModel()
  const [scope, setScope] = useState(ALL)
  const [markdown, setMarkdown] = useState<string | undefined>()
  const titles = useMemo(() => new Map([...model.controls.values()].map((c) => [c.id, c.title])), [model])
  const chosen = inForce.find((b) => b.id === scope)
  const items = useMemo(() => {
    const held = new Set(
      results.filter((r) => scope === ALL || r.baselineId === scope).map((r) => r.accountId),
    )
    const inScope = accounts.filter((a) => held.has(a.id))
    return planActions({
      cards: inScope.flatMap((a) => cards.get(a.id) ?? []),
      goals: goalsFromBaselines(inScope, inForce),
    })
  }, [accounts, cards, inForce, results, scope])
  const title = `Plan for ${chosen ? chosen.name : 'all accounts'}`

  return (
    <section aria-labelledby="plan-title" data-testid="plan-panel">
      <h2 id="plan-title">30-60-90-day plan</h2>
      <div className="inline-form">
        <OptionSelect
          label="Scope"
          ariaLabel="Plan scope"
          value={scope}
          values={inForce.map((b) => b.id)}
          emptyLabel="All accounts"
          text={(id) => inForce.find((b) => b.id === id)?.name ?? id}
          onChange={setScope}
        />
        <button
          type="button"
          onClick={() => {
            const text = planToMarkdown(items, { title, titles })
            setMarkdown(text)
            download(`ratchet-plan-${chosen?.id ?? 'all'}.md`, text)
          }}
        >
          Export plan (Markdown)
        </button>
      </div>
      <p className="muted">
        {items.length} action(s): invariants first, then what meets the baseline (most accounts for the least
        effort), then the next level.
      </p>
      <ol data-testid="plan-items">
        {items.slice(0, SHOWN).map((item) => (
          <li key={`${item.tier}:${item.id}`}>
            <span className="muted">Day {item.phase}</span> {describeItem(item, titles)}{' '}
            <span className="muted">
              ({item.tier}, effort {item.effort})
            </span>
          </li>
        ))}
      </ol>
      {markdown ? (
        <pre className="plan-markdown" data-testid="plan-markdown">
          {markdown}
        </pre>
      ) : null}
    </section>
  )
}
