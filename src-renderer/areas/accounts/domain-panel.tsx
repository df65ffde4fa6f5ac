import { useState } from 'react'
import type { Account, Level } from '../../../shared/domain/types'
import type { DomainResult } from '../../../shared/scoring/types'
import {
  evidenceLevelText,
  type UnknownReason,
  unknownCounts,
  unknownReasons,
  unknownReasonText,
} from '../../../shared/scoring/unknown-reasons'
import { useDeskModel } from '../../store/use-desk-model'
import { ControlItem } from './control-item'
import { OptionSelect } from './option-select'

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
  const [shown, setShown] = useState<'all' | UnknownReason>('all')
  const counts = unknownCounts(domain.controls)
  const isShown = (c: DomainResult['controls'][number]) =>
    shown === 'all' || (c.status === 'unknown' && c.unknownReason === shown)
  return (
    <section className="domain-panel" aria-labelledby="domain-title" data-testid="domain-panel">
      <h3 id="domain-title">
        {model.domainTitles[domain.domainId]}: level {domain.level}
        {names[domain.level - 1] ? ` (${names[domain.level - 1]})` : ''}
      </h3>
      <p className="evidence-level" data-testid="evidence-level">
        Evidence-verified: {evidenceLevelText(domain.evidenceLevel)}
        <span className="muted"> (automated controls only; the level above also counts current answers)</span>
      </p>
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
        <OptionSelect
          label="Target"
          ariaLabel="Target level"
          value={target === undefined ? '' : String(target)}
          values={targetLevels.map(String)}
          emptyLabel="none"
          onChange={(v) => onTargetChange(v === '' ? undefined : (Number(v) as Level))}
        />
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
      {Object.keys(counts).length > 0 ? (
        <label className="unknown-filter">
          Show{' '}
          <select
            value={shown}
            aria-label="Show controls"
            onChange={(e) => setShown(e.target.value as 'all' | UnknownReason)}
          >
            <option value="all">all controls</option>
            {unknownReasons
              .filter((r) => counts[r] !== undefined)
              .map((r) => (
                <option key={r} value={r}>
                  unknown: {unknownReasonText[r]} ({counts[r]})
                </option>
              ))}
          </select>
        </label>
      ) : null}
      {levels.map((level) => {
        const controls = domain.controls.filter((c) => c.level === level && isShown(c))
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
