import type { Account, Level } from '../../../shared/domain/types'
import type { DomainResult } from '../../../shared/scoring/types'
import { useDeskModel } from '../../store/use-desk-model'
import { ControlItem } from './control-item'

const levels = [1, 2, 3, 4, 5] as const
const targetLevels: Level[] = [0, 1, 2, 3, 4, 5]

/** One domain of one account: level, progress to the next, target, and the controls grouped by level. */
export function DomainPanel({
  account,
  domain,
  focusControlId,
  onTargetChange,
}: {
  account: Account
  domain: DomainResult
  focusControlId: string | undefined
  onTargetChange(level: Level | undefined): void
}) {
  const model = useDeskModel()
  const names = model.levelNames[domain.domainId] ?? []
  const next = domain.level < 5 ? domain.level + 1 : undefined
  const target = account.targets[domain.domainId]
  return (
    <section className="domain-panel" aria-labelledby="domain-title" data-testid="domain-panel">
      <h3 id="domain-title">
        {model.domainTitles[domain.domainId]}: level {domain.level}
        {names[domain.level - 1] ? ` (${names[domain.level - 1]})` : ''}
      </h3>
      <div className="domain-summary">
        {next ? (
          <label>
            Progress to level {next}{' '}
            <progress max={1} value={domain.progress} aria-label={`Progress to level ${next}`} />{' '}
            {Math.round(domain.progress * 100)}%
          </label>
        ) : (
          <span>Top level reached</span>
        )}
        <label>
          Target{' '}
          <select
            value={target ?? ''}
            aria-label="Target level"
            onChange={(e) =>
              onTargetChange(e.target.value === '' ? undefined : (Number(e.target.value) as Level))
            }
          >
            <option value="">none</option>
            {targetLevels.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        {target !== undefined && domain.level < target ? (
          <span className="below-target">Below target</span>
        ) : null}
      </div>
      {next && (domain.blockers.fails.length > 0 || domain.blockers.unknowns.length > 0) ? (
        <p className="blockers">
          Blocking level {next}: {domain.blockers.fails.length} failing, {domain.blockers.unknowns.length}{' '}
          unverified
        </p>
      ) : null}
      {levels.map((level) => {
        const controls = domain.controls.filter((c) => c.level === level)
        if (controls.length === 0) return null
        return (
          <section key={level} className="level-group" aria-label={`Level ${level} controls`}>
            <h4>
              Level {level}
              {names[level - 1] ? `: ${names[level - 1]}` : ''}
            </h4>
            <ul className="control-list">
              {controls.map((control) => (
                <ControlItem
                  key={control.controlId}
                  accountId={account.id}
                  result={control}
                  isFocused={control.controlId === focusControlId}
                />
              ))}
            </ul>
          </section>
        )
      })}
    </section>
  )
}
