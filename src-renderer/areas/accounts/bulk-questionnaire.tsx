import { useMemo, useState } from 'react'
import { useAppStore } from '../../store/app-store'
import { useAccountScorecards } from '../../store/scorecards'
import { useDeskModel } from '../../store/use-desk-model'
import { AnswerForm } from './answer-forms'

/**
 * Answers one manual control for the selected accounts at once. An answer cannot accept a failing automated
 * check (only a waiver can), so accounts where the control's rule fails are skipped and listed.
 */
export function BulkQuestionnaire({ accountIds, onClose }: { accountIds: string[]; onClose(): void }) {
  const desk = useDeskModel()
  const accounts = useAppStore((s) => s.accounts)
  const cards = useAccountScorecards(accountIds)
  const manual = useMemo(
    () =>
      [...desk.controls.values()]
        .filter((c) => c.isManual)
        .sort((a, b) => a.domainId.localeCompare(b.domainId) || a.level - b.level),
    [desk],
  )
  const [controlId, setControlId] = useState(manual[0]?.id ?? '')
  const control = desk.controls.get(controlId)
  const nameOf = (id: string) => accounts.find((a) => a.id === id)?.name ?? id
  const ruleFails = (id: string) =>
    cards
      .get(id)
      ?.domains.flatMap((d) => d.controls)
      .find((c) => c.controlId === controlId)?.ruleStatus === 'fail'
  // Until every selected account's evidence is scored, nothing may be answered: a failing check could slip in.
  const isChecked = accountIds.every((id) => cards.has(id))
  const skipped = accountIds.filter(ruleFails)
  const eligible = accountIds.filter((id) => !ruleFails(id))
  return (
    <section className="panel bulk-questionnaire" aria-label="Bulk answer">
      <h3>Answer for {accountIds.length} selected accounts</h3>
      <p className="muted">{accountIds.map(nameOf).join(', ')}</p>
      {manual.length === 0 ? (
        <p className="muted">The model has no manual questions.</p>
      ) : (
        <>
          <label>
            Question{' '}
            <select value={controlId} onChange={(e) => setControlId(e.target.value)}>
              {manual.map((c) => (
                <option key={c.id} value={c.id}>
                  {desk.domainTitles[c.domainId]} L{c.level}: {c.title}
                </option>
              ))}
            </select>
          </label>
          {skipped.length > 0 ? (
            <p className="bulk-skipped" data-testid="bulk-skipped">
              Skipped {skipped.length}: the automated check fails in {skipped.map(nameOf).join(', ')}. An
              answer cannot accept a failing check; add a waiver (approver, reason, expiry) there instead.
            </p>
          ) : null}
          {!isChecked ? (
            <p className="muted" data-testid="bulk-checking">
              Checking the selected accounts' evidence…
            </p>
          ) : eligible.length === 0 ? (
            <p className="muted">No selected account can be answered for this question.</p>
          ) : (
            <AnswerForm
              key={`${controlId}-${eligible.join(',')}`}
              accountIds={eligible}
              controlId={controlId}
              question={control?.question ?? control?.title ?? controlId}
              validityDays={control?.validityDays}
              onDone={onClose}
            />
          )}
        </>
      )}
    </section>
  )
}
