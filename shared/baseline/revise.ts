import { domainIds } from '../domain/types'
import type { AccountScorecard } from '../scoring/types'
import { type Breach, breachKey, evaluateBaselines } from './breaches'
import type { ScopedAccount } from './scope'
import { type Baseline, type BaselineChangeKind, type BaselineDraft, baselineSchema } from './types'

/** A revision the rules refuse (a lowering without approver, a missing reason). Nothing is saved. */
export class BaselineRuleError extends Error {
  override name = 'BaselineRuleError'
}

/**
 * How `next` differs from `previous`. Lowered: a minimum drops or goes, an invariant goes, or the scope
 * changes (a new scope can release accounts from the bar, so it needs the same approval). Raised: otherwise,
 * a minimum rises or appears, or an invariant is added. Unchanged: only the name changed.
 */
export function classifyChange(previous: BaselineDraft | undefined, next: BaselineDraft): BaselineChangeKind {
  if (!previous) return 'created'
  let isRaised = false
  for (const id of domainIds) {
    const before = previous.minimums[id] ?? 0
    const after = next.minimums[id] ?? 0
    if (after < before) return 'lowered'
    if (after > before) isRaised = true
  }
  if (previous.invariants.some((c) => !next.invariants.includes(c))) return 'lowered'
  if (JSON.stringify(previous.scope) !== JSON.stringify(next.scope)) return 'lowered'
  if (next.invariants.some((c) => !previous.invariants.includes(c))) isRaised = true
  return isRaised ? 'raised' : 'unchanged'
}

/** Who makes a revision, when and why; `approver` is required for a lowering. */
export interface RevisionAuthor {
  by: string
  at: string
  reason: string
  approver?: string
}

/**
 * The next version of a baseline (or its first). A baseline can be raised at any time; lowering needs a
 * reason and an approver. Throws BaselineRuleError, and returns nothing to save, when a rule is broken.
 */
export function reviseBaseline(
  previous: Baseline | undefined,
  draft: BaselineDraft,
  author: RevisionAuthor,
): Baseline {
  if (previous && previous.id !== draft.id)
    throw new BaselineRuleError(`A revision of "${previous.id}" cannot change its id to "${draft.id}".`)
  if (author.reason.trim() === '') throw new BaselineRuleError('Say why the baseline is set or changed.')
  const change = classifyChange(previous, draft)
  const approver = author.approver?.trim()
  if (change === 'lowered' && !approver)
    throw new BaselineRuleError(`Lowering "${draft.name}" needs an approver as well as a reason.`)
  return baselineSchema.parse({
    ...draft,
    invariants: [...new Set(draft.invariants)],
    version: (previous?.version ?? 0) + 1,
    setBy: author.by,
    setAt: author.at,
    reason: author.reason,
    change,
    ...(approver ? { approver } : {}),
  })
}

/** What saving a revision would do, shown before saving. */
export interface RevisionPreview {
  change: BaselineChangeKind
  /** Breaches the revision adds (they did not exist under the version in force). */
  added: Breach[]
  /** Breaches that go away (only a lowering or a scope change can do that). */
  removed: Breach[]
  /** Accounts with no breach today that would breach. */
  newlyBreaching: string[]
}

/**
 * Previews a revision against today's scorecards: `inForce` are the versions in force, `next` replaces (or
 * adds) the one with its id.
 */
export function previewRevision(
  accounts: readonly ScopedAccount[],
  cards: readonly AccountScorecard[],
  inForce: readonly Baseline[],
  next: Baseline,
): RevisionPreview {
  const previous = inForce.find((b) => b.id === next.id)
  const before = evaluateBaselines(accounts, cards, inForce)
  const after = evaluateBaselines(accounts, cards, [...inForce.filter((b) => b.id !== next.id), next])
  const beforeKeys = new Set(before.flatMap((r) => r.breaches.map(breachKey)))
  const afterKeys = new Set(after.flatMap((r) => r.breaches.map(breachKey)))
  const breachedBefore = new Set(before.filter((r) => r.breaches.length > 0).map((r) => r.accountId))
  return {
    change: classifyChange(previous, next),
    added: after.flatMap((r) => r.breaches.filter((b) => !beforeKeys.has(breachKey(b)))),
    removed: before.flatMap((r) => r.breaches.filter((b) => !afterKeys.has(breachKey(b)))),
    newlyBreaching: after
      .filter((r) => r.breaches.length > 0 && !breachedBefore.has(r.accountId))
      .map((r) => r.accountId),
  }
}
