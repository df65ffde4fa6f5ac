import { z } from 'zod'
import {
  type Baseline,
  type BaselineDraft,
  baselineIdSchema,
  baselineScopeSchema,
} from '../../../shared/baseline/types'
import { type DomainId, domainIds, environmentSchema, levelSchema } from '../../../shared/domain/types'
import { describeZodError } from '../../../shared/errors'

/** The editor's fields, as typed. */
export interface BaselineForm {
  id: string
  name: string
  scopeKind: Baseline['scope']['kind']
  environments: string[]
  tag: string
  owner: string
  accountIds: string
  minimums: Record<DomainId, number>
  invariants: string
  setBy: string
  reason: string
  approver: string
}

const list = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '')

/** A form for a new baseline, or filled from the version in force. */
export function formFrom(b?: Baseline): BaselineForm {
  const scope = b?.scope
  return {
    id: b?.id ?? '',
    name: b?.name ?? '',
    scopeKind: scope?.kind ?? 'environment',
    environments: scope?.kind === 'environment' ? [...scope.environments] : ['production'],
    tag: scope?.kind === 'tag' ? scope.tag : '',
    owner: scope?.kind === 'owner' ? scope.owner : '',
    accountIds: scope?.kind === 'accounts' ? scope.accountIds.join(', ') : '',
    minimums: Object.fromEntries(domainIds.map((d) => [d, b?.minimums[d] ?? 0])) as Record<DomainId, number>,
    invariants: (b?.invariants ?? []).join(', '),
    setBy: '',
    reason: '',
    approver: '',
  }
}

const draftSchema = z.strictObject({
  id: baselineIdSchema,
  name: z.string().trim().min(1, 'a name is required'),
  scope: baselineScopeSchema,
  minimums: z.partialRecord(z.enum(domainIds), levelSchema),
  invariants: z.array(z.string().min(1)),
})

function scopeOf(form: BaselineForm): unknown {
  switch (form.scopeKind) {
    case 'accounts':
      return { kind: 'accounts', accountIds: list(form.accountIds) }
    case 'tag':
      return { kind: 'tag', tag: form.tag }
    case 'owner':
      return { kind: 'owner', owner: form.owner }
    case 'environment':
      return {
        kind: 'environment',
        environments: form.environments.filter((e) => environmentSchema.safeParse(e).success),
      }
  }
}

/**
 * The draft a form describes, or the first problem in words naming the field. Invariants must be controls
 * of the model in use; a minimum of 0 means no minimum.
 */
export function draftFrom(
  form: BaselineForm,
  controlIds: ReadonlySet<string>,
): { draft: BaselineDraft } | { error: string } {
  const minimums = Object.fromEntries(Object.entries(form.minimums).filter(([, level]) => level > 0))
  const parsed = draftSchema.safeParse({
    id: form.id.trim(),
    name: form.name,
    scope: scopeOf(form),
    minimums,
    invariants: [...new Set(list(form.invariants))],
  })
  if (!parsed.success) return { error: describeZodError(parsed.error) }
  const unknown = parsed.data.invariants.filter((c) => !controlIds.has(c))
  if (unknown.length > 0)
    return { error: `invariants: ${unknown.join(', ')} is not a control of the model in use` }
  return { draft: parsed.data }
}
