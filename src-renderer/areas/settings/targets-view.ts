import type { StoredTarget } from '../../db/targets-repo'
import { matchesTargetSearch } from '../../store/aws-slice'

export const targetFilters = ['all', 'included', 'excluded', 'no-role'] as const
export type TargetFilter = (typeof targetFilters)[number]

export const targetFilterLabels: Record<TargetFilter, string> = {
  all: 'All accounts',
  included: 'Included',
  excluded: 'Excluded',
  'no-role': 'Without a role',
}

/** Rows per page: the table stays fast with hundreds of accounts because it only ever renders one page. */
export const targetsPageSize = 50

/** The targets that match the search and the filter, sorted by account name. One pass, no copies per keystroke. */
export function filterTargets(
  targets: readonly StoredTarget[],
  query: string,
  filter: TargetFilter,
): StoredTarget[] {
  return targets
    .filter((t) => {
      if (filter === 'included' && !t.isIncluded) return false
      if (filter === 'excluded' && t.isIncluded) return false
      if (filter === 'no-role' && (t.kind !== 'sso' || t.roleName)) return false
      return matchesTargetSearch(t, query)
    })
    .sort((a, b) => a.accountName.localeCompare(b.accountName) || a.id.localeCompare(b.id))
}

/** One page of rows, with the page clamped to the range. */
export function pageOf<T>(rows: readonly T[], page: number): { rows: T[]; page: number; pageCount: number } {
  const pageCount = Math.max(1, Math.ceil(rows.length / targetsPageSize))
  const current = Math.min(Math.max(0, page), pageCount - 1)
  return {
    rows: rows.slice(current * targetsPageSize, (current + 1) * targetsPageSize),
    page: current,
    pageCount,
  }
}
