import type { Account } from '../domain/types'
import type { Baseline, BaselineScope, ScopeKind } from './types'
import { scopeKinds } from './types'

/** The account fields scopes read. */
export type ScopedAccount = Pick<Account, 'id' | 'owner' | 'environment' | 'tags'>

/** Which baseline holds an account, how it matched, and the other baselines that matched less specifically. */
export interface BaselineMatch {
  baseline: Baseline
  matchedBy: ScopeKind
  /** Ids of other baselines whose scope also contains the account (shadowed by this one). */
  shadowed: string[]
}

/** Whether an account falls in a scope. Owners compare case-insensitively; tags and ids exactly. */
export function isInScope(scope: BaselineScope, account: ScopedAccount): boolean {
  switch (scope.kind) {
    case 'accounts':
      return scope.accountIds.includes(account.id)
    case 'tag':
      return account.tags.includes(scope.tag)
    case 'owner':
      return account.owner.trim().toLowerCase() === scope.owner.trim().toLowerCase()
    case 'environment':
      return scope.environments.includes(account.environment)
  }
}

/** The latest version of each baseline id. */
export function latestVersions(versions: readonly Baseline[]): Baseline[] {
  const latest = new Map<string, Baseline>()
  for (const b of versions) {
    const seen = latest.get(b.id)
    if (!seen || b.version > seen.version) latest.set(b.id, b)
  }
  return [...latest.values()].sort((a, b) => a.id.localeCompare(b.id))
}

/** The versions in force at a time: the latest of each id set at or before it. */
export function inForceAt(versions: readonly Baseline[], at: string): Baseline[] {
  const t = Date.parse(at)
  return latestVersions(versions.filter((b) => Date.parse(b.setAt) <= t))
}

/**
 * The baseline that holds an account: the most specific scope wins (explicit accounts > tag > owner >
 * environment). Two baselines of the same kind that both match are broken by id, so the result never
 * depends on input order; the loser is listed in `shadowed` so the UI can say so.
 * Pass the versions in force (see `latestVersions`).
 */
export function resolveBaseline(
  account: ScopedAccount,
  baselines: readonly Baseline[],
): BaselineMatch | undefined {
  const matching = baselines
    .filter((b) => isInScope(b.scope, account))
    .sort((a, b) => specificity(a) - specificity(b) || a.id.localeCompare(b.id))
  const [winner, ...rest] = matching
  if (!winner) return undefined
  return { baseline: winner, matchedBy: winner.scope.kind, shadowed: rest.map((b) => b.id) }
}

function specificity(b: Baseline): number {
  return scopeKinds.indexOf(b.scope.kind)
}

/** A scope in words: "production", "tag team=payments", "owner Alice", "2 accounts". */
export function describeScope(scope: BaselineScope): string {
  switch (scope.kind) {
    case 'accounts':
      return scope.accountIds.length === 1
        ? `account ${scope.accountIds[0]}`
        : `${scope.accountIds.length} accounts`
    case 'tag':
      return `tag ${scope.tag}`
    case 'owner':
      return `owner ${scope.owner}`
    case 'environment':
      return scope.environments.join(' + ')
  }
}
