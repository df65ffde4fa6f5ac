import { useMemo, useState } from 'react'
import { useAppStore } from '../../store/app-store'
import { useDeskModel } from '../../store/use-desk-model'
import { AnswerForm } from './answer-forms'

/** Answers one manual control for every selected account at once. */
export function BulkQuestionnaire({ accountIds, onClose }: { accountIds: string[]; onClose(): void }) {
  const desk = useDeskModel()
  const names = useAppStore((s) => s.accounts)
  const manual = useMemo(
    () =>
      [...desk.controls.values()]
        .filter((c) => c.isManual)
        .sort((a, b) => a.domainId.localeCompare(b.domainId) || a.level - b.level),
    [desk],
  )
  const [controlId, setControlId] = useState(manual[0]?.id ?? '')
  const control = desk.controls.get(controlId)
  const chosen = names.filter((a) => accountIds.includes(a.id)).map((a) => a.name)
  return (
    <section className="panel bulk-questionnaire" aria-label="Bulk answer">
      <h3>Answer for {accountIds.length} selected accounts</h3>
      <p className="muted">{chosen.join(', ')}</p>
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
          <AnswerForm
            key={controlId}
            accountIds={accountIds}
            controlId={controlId}
            question={control?.question ?? control?.title ?? controlId}
            validityDays={control?.validityDays}
            onDone={onClose}
          />
        </>
      )}
    </section>
  )
}
