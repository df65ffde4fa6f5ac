import { type FormEvent, useEffect, useState } from 'react'
import type { MaturityModel } from '../../../shared/model/schema'
import type { ParamOverrides } from '../../../shared/scoring/types'
import { TableHead } from '../../components/table-head'
import { useAppStore } from '../../store/app-store'

/** Problems with one typed value, or undefined when it is a number within the parameter's bounds. */
export function paramProblem(text: string, min: number, max: number): string | undefined {
  if (text.trim() === '') return 'enter a number'
  const value = Number(text)
  if (!Number.isFinite(value)) return 'enter a number'
  if (value < min || value > max) return `must be between ${min} and ${max}`
  return undefined
}

/** Edits the model's parameters within the bounds it sets; values equal to the default are not stored. */
export function ParamsEditor({ model, params }: { model: MaturityModel; params: ParamOverrides }) {
  const setParams = useAppStore((s) => s.setParams)
  const entries = Object.entries(model.params)
  const initial = () => Object.fromEntries(entries.map(([id, p]) => [id, String(params[id] ?? p.default)]))
  const [draft, setDraft] = useState<Record<string, string>>(initial)
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the draft when the stored values change
  useEffect(() => setDraft(initial()), [model, params])
  const problems = Object.fromEntries(
    entries.map(([id, p]) => [id, paramProblem(draft[id] ?? '', p.min, p.max)]),
  )
  const hasProblems = Object.values(problems).some((p) => p !== undefined)
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (hasProblems) return
    const next: ParamOverrides = {}
    for (const [id, p] of entries) {
      const value = Number(draft[id])
      if (value !== p.default) next[id] = value
    }
    await setParams(next)
  }
  if (entries.length === 0) return <p className="muted">This model has no parameters.</p>
  return (
    <form aria-labelledby="params-title" onSubmit={onSubmit} data-testid="params-editor">
      <h3 id="params-title">Parameters</h3>
      <table className="table">
        <TableHead columns={['Parameter', 'Value', 'Default', 'Allowed']} />
        <tbody>
          {entries.map(([id, p]) => (
            <tr key={id}>
              <th scope="row">
                <label htmlFor={`param-${id}`}>{p.title}</label>
                <div className="muted">{p.description}</div>
              </th>
              <td>
                <input
                  id={`param-${id}`}
                  type="number"
                  min={p.min}
                  max={p.max}
                  value={draft[id] ?? ''}
                  aria-invalid={problems[id] !== undefined}
                  aria-describedby={problems[id] ? `param-${id}-problem` : undefined}
                  onChange={(e) => setDraft({ ...draft, [id]: e.target.value })}
                />{' '}
                {p.unit}
                {problems[id] ? (
                  <div id={`param-${id}-problem`} role="alert" className="notice-error">
                    {problems[id]}
                  </div>
                ) : null}
              </td>
              <td>{p.default}</td>
              <td>
                {p.min}–{p.max}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit" disabled={hasProblems}>
        Save parameters
      </button>{' '}
      <button type="button" onClick={() => setParams({})}>
        Reset to defaults
      </button>
    </form>
  )
}
