import { useMemo, useState } from 'react'
import { classifyChange, previewRevision, type RevisionPreview } from '../../../shared/baseline/revise'
import type { Baseline, BaselineDraft } from '../../../shared/baseline/types'
import { domainIds, environmentSchema } from '../../../shared/domain/types'
import { accountSelectors } from '../../store/accounts-slice'
import { useAppStore } from '../../store/app-store'
import { useDeskModel } from '../../store/desk-model'
import { type BaselineForm, draftFrom, formFrom } from './baseline-form'
import { BreachLine } from './breaches-panel'
import { useBaselineView } from './use-baselines'

const environments = environmentSchema.options

/** A labelled text input. */
function TextField(props: {
  label: string
  value: string
  onChange(value: string): void
  size?: number
  isDisabled?: boolean
}) {
  return (
    <label>
      {props.label}
      <input
        value={props.value}
        size={props.size}
        disabled={props.isDisabled}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  )
}

/** The version a draft would become, for the preview only (nothing is saved). */
function candidate(
  previous: Baseline | undefined,
  draft: BaselineDraft,
  form: BaselineForm,
  at: string,
): Baseline {
  return {
    ...draft,
    version: (previous?.version ?? 0) + 1,
    change: classifyChange(previous, draft),
    setBy: form.setBy || 'preview',
    setAt: at,
    reason: form.reason || 'preview',
  }
}

function Preview({ preview, names }: { preview: RevisionPreview; names: ReadonlyMap<string, string> }) {
  return (
    <div className="baseline-preview" data-testid="baseline-preview" aria-live="polite">
      <p>
        This is a <strong data-testid="preview-change">{preview.change}</strong> of the bar.{' '}
        {preview.newlyBreaching.length} account(s) that meet the bar today would breach it;{' '}
        {preview.added.length} new breach(es), {preview.removed.length} breach(es) would go.
      </p>
      {preview.change === 'lowered' ? (
        <p>
          Lowering the bar needs a reason and an approver, and is shown as a lowering wherever the baseline
          appears.
        </p>
      ) : null}
      <ul>
        {preview.added.map((b) => (
          <li key={`${b.accountId}:${b.kind}:${b.domainId ?? ''}:${b.controlId ?? ''}`}>
            {names.get(b.accountId) ?? b.accountId}
            <ul>
              <BreachLine breach={b} />
            </ul>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** Defines a baseline or revises one: preview first (who would breach, and why), then save a new version. */
export function BaselineEditor({ previous, onDone }: { previous: Baseline | undefined; onDone(): void }) {
  const [form, setForm] = useState<BaselineForm>(() => formFrom(previous))
  const [previewed, setPreviewed] = useState<{ key: string; preview: RevisionPreview } | undefined>()
  const [error, setError] = useState<string | undefined>()
  const { inForce, cards } = useBaselineView()
  const accounts = useAppStore(accountSelectors.accounts)
  const saveBaseline = useAppStore((s) => s.saveBaseline)
  const now = useAppStore((s) => s.deps.now)
  const model = useDeskModel()
  const controlIds = useMemo(() => new Set(model.controls.keys()), [model])
  const names = useMemo(() => new Map(accounts.map((a) => [a.id, a.name])), [accounts])
  const key = JSON.stringify(form)
  const patch = (change: Partial<BaselineForm>) => setForm((f) => ({ ...f, ...change }))

  const onPreview = () => {
    const result = draftFrom(form, controlIds)
    if ('error' in result) return setError(result.error)
    setError(undefined)
    const next = candidate(previous, result.draft, form, now().toISOString())
    setPreviewed({ key, preview: previewRevision(accounts, [...cards.values()], inForce, next) })
  }
  const onSave = async () => {
    const result = draftFrom(form, controlIds)
    if ('error' in result) return setError(result.error)
    if (form.setBy.trim() === '') return setError('Your name: say who sets the baseline')
    const saved = await saveBaseline(previous, result.draft, {
      by: form.setBy.trim(),
      reason: form.reason,
      ...(form.approver.trim() ? { approver: form.approver.trim() } : {}),
    })
    if (saved) onDone()
  }
  const isPreviewCurrent = previewed?.key === key

  return (
    <form
      className="baseline-editor"
      aria-label={previous ? `Change ${previous.name}` : 'New baseline'}
      onSubmit={(e) => e.preventDefault()}
    >
      <fieldset>
        <legend>Baseline</legend>
        <TextField
          label="Id"
          value={form.id}
          isDisabled={previous !== undefined}
          onChange={(v) => patch({ id: v })}
        />
        <TextField label="Name" value={form.name} onChange={(v) => patch({ name: v })} />
        <label>
          Scope
          <select
            aria-label="Scope"
            value={form.scopeKind}
            onChange={(e) => patch({ scopeKind: e.target.value as BaselineForm['scopeKind'] })}
          >
            <option value="environment">Environments</option>
            <option value="owner">Owner</option>
            <option value="tag">Tag</option>
            <option value="accounts">Accounts</option>
          </select>
        </label>
        {form.scopeKind === 'environment' ? (
          <fieldset aria-label="Environments">
            {environments.map((env) => (
              <label key={env} className="inline">
                <input
                  type="checkbox"
                  checked={form.environments.includes(env)}
                  onChange={(e) =>
                    patch({
                      environments: e.target.checked
                        ? [...form.environments, env]
                        : form.environments.filter((x) => x !== env),
                    })
                  }
                />
                {env}
              </label>
            ))}
          </fieldset>
        ) : null}
        {form.scopeKind === 'owner' ? (
          <TextField label="Owner" value={form.owner} onChange={(v) => patch({ owner: v })} />
        ) : null}
        {form.scopeKind === 'tag' ? (
          <TextField label="Tag" value={form.tag} onChange={(v) => patch({ tag: v })} />
        ) : null}
        {form.scopeKind === 'accounts' ? (
          <TextField label="Account ids" value={form.accountIds} onChange={(v) => patch({ accountIds: v })} />
        ) : null}
      </fieldset>
      <fieldset>
        <legend>Minimum assessed level per domain (0: none)</legend>
        {domainIds.map((d) => (
          <label key={d}>
            {model.domainTitles[d]}
            <select
              aria-label={`Minimum for ${model.domainTitles[d]}`}
              value={form.minimums[d]}
              onChange={(e) => patch({ minimums: { ...form.minimums, [d]: Number(e.target.value) } })}
            >
              {[0, 1, 2, 3, 4, 5].map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Invariants and who sets them</legend>
        <TextField
          label="Invariants (control ids, comma-separated; they must pass on evidence)"
          value={form.invariants}
          onChange={(v) => patch({ invariants: v })}
          size={60}
        />
        <TextField label="Your name" value={form.setBy} onChange={(v) => patch({ setBy: v })} />
        <TextField label="Reason" value={form.reason} onChange={(v) => patch({ reason: v })} size={50} />
        <TextField
          label="Approver (required to lower the bar)"
          value={form.approver}
          onChange={(v) => patch({ approver: v })}
        />
      </fieldset>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <div className="inline-form">
        <button type="button" onClick={onPreview}>
          Preview
        </button>
        <button
          type="button"
          onClick={onSave}
          disabled={!isPreviewCurrent}
          title={isPreviewCurrent ? undefined : 'Preview the change first'}
        >
          Save version {(previous?.version ?? 0) + 1}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {isPreviewCurrent && previewed ? <Preview preview={previewed.preview} names={names} /> : null}
    </form>
  )
}
