import { type FormEvent, useState } from 'react'
import { type Account, criticalitySchema, environmentSchema } from '../../../shared/domain/types'
import { useAppStore } from '../../store/app-store'

/** A labelled menu over a zod enum's values; a value outside it is refused by the schema. */
function EnumSelect<T extends string>({
  label,
  value,
  schema,
  onChange,
}: {
  label: string
  value: T
  schema: { options: readonly T[]; parse(value: unknown): T }
  onChange(value: T): void
}) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(schema.parse(e.target.value))}>
        {schema.options.map((v) => (
          <option key={v}>{v}</option>
        ))}
      </select>
    </label>
  )
}

/** Owner, environment, criticality and tags, edited together and validated before saving. */
export function AccountContext({ account }: { account: Account }) {
  const updateAccount = useAppStore((s) => s.updateAccount)
  const [isEditing, setEditing] = useState(false)
  const [owner, setOwner] = useState(account.owner)
  const [environment, setEnvironment] = useState(account.environment)
  const [criticality, setCriticality] = useState(account.criticality)
  const [tags, setTags] = useState(account.tags.join(', '))
  const start = () => {
    setOwner(account.owner)
    setEnvironment(account.environment)
    setCriticality(account.criticality)
    setTags(account.tags.join(', '))
    setEditing(true)
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const isSaved = await updateAccount(account.id, {
      owner: owner.trim(),
      environment,
      criticality,
      tags: tags
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== ''),
    })
    if (isSaved) setEditing(false)
  }
  if (!isEditing) {
    return (
      <dl className="account-context" data-testid="account-context">
        <div>
          <dt>Owner</dt>
          <dd>{account.owner || <span className="muted">not set</span>}</dd>
        </div>
        <div>
          <dt>Environment</dt>
          <dd>{account.environment}</dd>
        </div>
        <div>
          <dt>Criticality</dt>
          <dd>{account.criticality}</dd>
        </div>
        <div>
          <dt>Tags</dt>
          <dd>{account.tags.length > 0 ? account.tags.join(', ') : <span className="muted">none</span>}</dd>
        </div>
        {/* A <dl> may hold only dt/dd groups (axe definition-list): the button sits in a group of its own. */}
        <div>
          <dd>
            <button type="button" onClick={start}>
              Edit details
            </button>
          </dd>
        </div>
      </dl>
    )
  }
  return (
    <form className="account-context editing" aria-label="Account details" onSubmit={submit}>
      <label>
        Owner <input value={owner} onChange={(e) => setOwner(e.target.value)} />
      </label>
      <EnumSelect<Account['environment']>
        label="Environment"
        value={environment}
        schema={environmentSchema}
        onChange={setEnvironment}
      />
      <EnumSelect<Account['criticality']>
        label="Criticality"
        value={criticality}
        schema={criticalitySchema}
        onChange={setCriticality}
      />
      <label>
        Tags <input value={tags} placeholder="comma, separated" onChange={(e) => setTags(e.target.value)} />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary">
          Save details
        </button>
        <button type="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  )
}
