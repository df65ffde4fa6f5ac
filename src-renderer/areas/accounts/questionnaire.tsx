import type { Account } from '../../../shared/domain/types'
import { useAccountScorecard } from '../../store/scorecards'
import { useDeskModel } from '../../store/use-desk-model'
import { ControlItem } from './control-item'

/** Every manual question for one account, across all domains, with its current answer. */
export function Questionnaire({ account }: { account: Account }) {
  const card = useAccountScorecard(account.id)
  const model = useDeskModel()
  const questions = (card?.domains ?? []).flatMap((d) =>
    d.controls.filter((c) => model.controls.get(c.controlId)?.isManual ?? c.unknownReason === 'not-answered'),
  )
  const open = questions.filter((c) => c.status === 'unknown' || c.expired).length
  return (
    <section className="questionnaire" aria-labelledby="questionnaire-title" data-testid="questionnaire">
      <h3 id="questionnaire-title">Questionnaire</h3>
      <p className="muted">
        {questions.length} questions, {open} unanswered or expired. Answers expire, so they are asked again.
      </p>
      <ul className="control-list">
        {questions.map((c) => (
          <ControlItem key={c.controlId} accountId={account.id} result={c} isFocused={false} />
        ))}
      </ul>
    </section>
  )
}
