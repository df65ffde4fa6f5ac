import { useMemo, useState } from 'react'
import type { Account } from '../../../shared/domain/types'
import { useAppStore } from '../../store/app-store'
import { useAccountScorecard } from '../../store/scorecards'
import { useDeskModel } from '../../store/use-desk-model'
import { ControlItem } from './control-item'
import { expiringWithinDays, groupQuestions, type QuestionFilters } from './questionnaire-groups'

/** The questionnaire's two filters, in order. */
const filterChecks: ReadonlyArray<{ key: keyof QuestionFilters; label: string }> = [
  { key: 'isUnansweredOnly', label: 'Unanswered only' },
  { key: 'isExpiringSoonOnly', label: `Expiring in ${expiringWithinDays} days` },
]

/** Every manual question for one account, grouped by domain and level, with its current answer. */
export function Questionnaire({ account }: { account: Account }) {
  const card = useAccountScorecard(account.id)
  const model = useDeskModel()
  const now = useAppStore((s) => s.deps.now)
  const [filters, setFilters] = useState<QuestionFilters>({
    isUnansweredOnly: false,
    isExpiringSoonOnly: false,
  })
  const questions = useMemo(
    () =>
      (card?.domains ?? []).flatMap((d) =>
        d.controls.filter(
          (c) => model.controls.get(c.controlId)?.isManual ?? c.unknownReason === 'not-answered',
        ),
      ),
    [card, model],
  )
  const open = questions.filter((c) => c.status === 'unknown' || c.expired).length
  const groups = useMemo(() => groupQuestions(questions, filters, now()), [questions, filters, now])
  const shown = groups.reduce((n, g) => n + g.levels.reduce((m, l) => m + l.questions.length, 0), 0)
  return (
    <section className="questionnaire" aria-labelledby="questionnaire-title" data-testid="questionnaire">
      <h3 id="questionnaire-title">Questionnaire</h3>
      <p className="muted">
        {questions.length} questions, {open} unanswered or expired. Answers expire, so they are asked again.
      </p>
      <fieldset className="question-filters">
        <legend className="visually-hidden">Filter questions</legend>
        {filterChecks.map(({ key, label }) => (
          <label key={key} className="filter-check">
            <input
              type="checkbox"
              checked={filters[key]}
              onChange={(e) => setFilters((f) => ({ ...f, [key]: e.target.checked }))}
            />{' '}
            {label}
          </label>
        ))}
        <span className="muted" data-testid="questions-shown" aria-live="polite">
          Showing {shown} of {questions.length}
        </span>
      </fieldset>
      {groups.map((group) => (
        <section
          key={group.domainId}
          className="question-domain"
          aria-labelledby={`questions-${group.domainId}`}
          data-testid="question-domain"
        >
          <h4 id={`questions-${group.domainId}`}>{model.domainTitles[group.domainId]}</h4>
          {group.levels.map(({ level, questions: atLevel }) => (
            <section
              key={level}
              aria-label={`${model.domainTitles[group.domainId]}, level ${level} questions`}
            >
              <h5 className="question-level">
                Level {level}
                {model.levelNames[group.domainId]?.[level - 1]
                  ? `: ${model.levelNames[group.domainId]?.[level - 1]}`
                  : ''}
              </h5>
              <ul className="control-list">
                {atLevel.map((c) => (
                  <ControlItem key={c.controlId} accountId={account.id} result={c} isFocused={false} />
                ))}
              </ul>
            </section>
          ))}
        </section>
      ))}
      {shown === 0 ? <p className="muted">No question matches these filters.</p> : null}
    </section>
  )
}
