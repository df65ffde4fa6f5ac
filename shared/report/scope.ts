import { type DomainId, domainIds } from '../domain/types'
import { AppError } from '../errors'
import type { AccountScorecard } from '../scoring/types'
import type { ReportScope, ReportSnapshot } from './types'

/** Counts accounts per domain level, the way OrgScorecard.distribution does. */
export function distributionOf(accounts: AccountScorecard[]): Record<DomainId, number[]> {
  const distribution = Object.fromEntries(domainIds.map((d) => [d, [0, 0, 0, 0, 0, 0]])) as Record<
    DomainId,
    number[]
  >
  for (const account of accounts) {
    for (const domain of account.domains) {
      const row = distribution[domain.domainId]
      row[domain.level] = (row[domain.level] ?? 0) + 1
    }
  }
  return distribution
}

/** The account ids a scope selects, in the snapshot's order. Throws when it names an account not in it. */
export function scopedAccountIds(snapshot: ReportSnapshot, scope: ReportScope): string[] {
  const all = snapshot.scorecard.accounts.map((a) => a.accountId)
  if (scope.kind === 'org') return all
  if (scope.accountIds.length === 0) {
    throw new AppError('export-empty-scope', 'The selection has no accounts.', 'Pick at least one account.')
  }
  const missing = scope.accountIds.filter((id) => !all.includes(id))
  if (missing.length > 0) {
    throw new AppError(
      'export-unknown-account',
      `The snapshot "${snapshot.label}" has no scorecard for ${missing.join(', ')}.`,
      'Choose accounts that are in the snapshot.',
    )
  }
  return all.filter((id) => scope.accountIds.includes(id))
}

/**
 * The snapshot restricted to the accounts in scope: accounts, evidence, attestations, waivers and the
 * scorecard (whose distribution is recounted). The result is still a whole snapshot, so it can be exported
 * as JSON and imported again.
 */
export function applyScope<S extends ReportSnapshot>(snapshot: S, scope: ReportScope): S {
  if (scope.kind === 'org') return snapshot
  const ids = new Set(scopedAccountIds(snapshot, scope))
  const accounts = snapshot.scorecard.accounts.filter((a) => ids.has(a.accountId))
  return {
    ...snapshot,
    accounts: snapshot.accounts.filter((a) => ids.has(a.id)),
    evidence: snapshot.evidence.filter((b) => ids.has(b.accountId)),
    attestations: snapshot.attestations.filter((a) => ids.has(a.accountId)),
    waivers: snapshot.waivers.filter((w) => ids.has(w.accountId)),
    scorecard: { ...snapshot.scorecard, accounts, distribution: distributionOf(accounts) },
  }
}

/**
 * A short description of the scope for the report's cover: "Organization (12 accounts)", "Owner Priya Raman
 * (3 accounts)", "Account payments-prod".
 */
export function describeScope(scope: ReportScope, accountCount: number, firstName = ''): string {
  const accounts = `${accountCount} ${accountCount === 1 ? 'account' : 'accounts'}`
  if (scope.kind === 'org') return `Organization (${accounts})`
  if (accountCount === 1 && !scope.title) return `Account ${firstName}`
  return scope.title ? `${scope.title} (${accounts})` : `Selection (${accounts})`
}
