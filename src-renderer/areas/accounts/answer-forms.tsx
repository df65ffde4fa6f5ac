import { type FormEvent, useId, useState } from 'react'
import { useAppStore } from '../../store/app-store'

const DAY = 86_400_000

/** A date input value (YYYY-MM-DD) some days from now. */
export function dateInDays(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY).toISOString().slice(0, 10)
}

/** The end of the chosen day in UTC, so an answer is valid through the whole expiry date. */
export function endOfDay(date: string): string {
  return `${date}T23:59:59.000Z`
}

/** A form's save and cancel buttons. */
function FormActions({
  isDisabled,
  label,
  onCancel,
}: {
  isDisabled: boolean
  label: string
  onCancel(): void
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={isDisabled}>
        {label}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  )
}

/**
 * A form's submit: runs `save` (undefined when the form is not complete), says it is saving meanwhile, and
 * calls `onDone` once saved (a refused save keeps the form, and the store says why).
 */
function useSubmit(save: () => Promise<boolean> | undefined, onDone: () => void) {
  const [isSaving, setSaving] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const saving = save()
    if (!saving) return
    setSaving(true)
    const isSaved = await saving
    setSaving(false)
    if (isSaved) onDone()
  }
  return { isSaving, submit }
}

/**
 * Records a manual answer for one or more accounts: met or not, expiry, note and evidence link. A person's
 * word is never assumed: there is no default answer and "Answered by" starts empty. Answering many accounts
 * at once needs a note saying what was checked.
 */
export function AnswerForm({
  accountIds,
  controlId,
  question,
  validityDays = 180,
  onDone,
}: {
  accountIds: string[]
  controlId: string
  question: string
  /** The model's default validity for this question's answers. */
  validityDays?: number | undefined
  onDone(): void
}) {
  const id = useId()
  const now = useAppStore((s) => s.deps.now)
  const attest = useAppStore((s) => s.attest)
  const [isMet, setMet] = useState<boolean | undefined>(undefined)
  const [expires, setExpires] = useState(() => dateInDays(now(), validityDays))
  const [note, setNote] = useState('')
  const [url, setUrl] = useState('')
  const [by, setBy] = useState('')
  const { isSaving, submit } = useSubmit(
    () =>
      isMet === undefined
        ? undefined
        : attest({
            accountIds,
            controlId,
            isMet,
            note,
            evidenceUrl: url,
            attestedBy: by,
            attestedAt: now().toISOString(),
            expiresAt: endOfDay(expires),
          }),
    onDone,
  )
  return (
    <form className="answer-form" aria-label={`Answer ${controlId}`} onSubmit={submit}>
      <p className="question">{question}</p>
      <fieldset>
        <legend>Answer</legend>
        <label>
          <input
            type="radio"
            name={`${id}-met`}
            checked={isMet === true}
            onChange={() => setMet(true)}
            required
          />{' '}
          Yes, it is in place
        </label>
        <label>
          <input type="radio" name={`${id}-met`} checked={isMet === false} onChange={() => setMet(false)} />{' '}
          No
        </label>
      </fieldset>
      <label>
        Answered by <input value={by} onChange={(e) => setBy(e.target.value)} required />
      </label>
      <label>
        Expires <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} required />
      </label>
      <label>
        Note{accountIds.length > 1 ? ' (required: what was checked, for every account)' : ''}{' '}
        <textarea
          value={note}
          rows={2}
          onChange={(e) => setNote(e.target.value)}
          required={accountIds.length > 1}
        />
      </label>
      <label>
        Evidence link{' '}
        <input type="url" value={url} placeholder="https://…" onChange={(e) => setUrl(e.target.value)} />
      </label>
      <FormActions
        isDisabled={isSaving || isMet === undefined || (accountIds.length > 1 && note.trim() === '')}
        label={accountIds.length > 1 ? `Save answer for ${accountIds.length} accounts` : 'Save answer'}
        onCancel={onDone}
      />
    </form>
  )
}

/** Records an accepted risk: reason, approver and expiry. */
export function WaiverForm({
  accountIds,
  controlId,
  onDone,
}: {
  accountIds: string[]
  controlId: string
  onDone(): void
}) {
  const now = useAppStore((s) => s.deps.now)
  const waive = useAppStore((s) => s.waive)
  const [reason, setReason] = useState('')
  const [approver, setApprover] = useState('')
  const [expires, setExpires] = useState(() => dateInDays(now(), 90))
  const { isSaving, submit } = useSubmit(
    () =>
      waive({
        accountIds,
        controlId,
        reason,
        approver,
        createdAt: now().toISOString(),
        expiresAt: endOfDay(expires),
      }),
    onDone,
  )
  return (
    <form className="answer-form" aria-label={`Waive ${controlId}`} onSubmit={submit}>
      <label>
        Reason <textarea value={reason} rows={2} onChange={(e) => setReason(e.target.value)} required />
      </label>
      <label>
        Approver <input value={approver} onChange={(e) => setApprover(e.target.value)} required />
      </label>
      <label>
        Expires <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} required />
      </label>
      <FormActions isDisabled={isSaving} label="Save waiver" onCancel={onDone} />
    </form>
  )
}
