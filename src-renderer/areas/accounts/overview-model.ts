import { type Account, type DomainId, domainIds } from '../../../shared/domain/types'
import { isUnassessed } from '../../../shared/overview/state'
import { cellState } from '../../components/level'
import type { AccountSummary } from '../../workers/summary'

export interface OverviewFilters {
  owner: string
  environment: string
  tag: string
  /** '' for any, a headline level '0'…'5', or 'unassessed' (no usable evidence: no level at all). */
  level: string
  /** '' for any, or an unknown category: accounts with at least one control unknown for that reason. */
  unknown?: string
  isBelowTargetOnly: boolean
  text: string
}
export const emptyFilters: OverviewFilters = {
  owner: '',
  environment: '',
  tag: '',
  level: '',
  unknown: '',
  isBelowTargetOnly: false,
  text: '',
}

export type SortKey = 'name' | 'owner' | 'environment' | 'level' | DomainId
export interface Sort {
  key: SortKey
  isDescending: boolean
}

/** One heatmap row: the account and its stored summary (undefined until the first one is computed). */
export interface OverviewRow {
  account: Account
  summary: AccountSummary | undefined
}

/** Natural order for names: "-15" before "-147", case ignored ("a-2" < "A-10"). */
export const naturalCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** The values the filter menus offer, from the accounts present. */
export function filterOptions(accounts: Account[]) {
  const uniq = (values: string[]) =>
    [...new Set(values.filter((v) => v !== ''))].sort(naturalCollator.compare)
  return {
    owners: uniq(accounts.map((a) => a.owner)),
    environments: uniq(accounts.map((a) => a.environment)),
    tags: uniq(accounts.flatMap((a) => a.tags)),
  }
}

/** The headline level as the level filter reads it: 'unassessed' never counts as level 0. */
function levelValue(summary: AccountSummary | undefined): string {
  return summary && isUnassessed(summary) ? 'unassessed' : String(summary?.level ?? 0)
}

function matches(row: OverviewRow, f: OverviewFilters): boolean {
  const { account, summary: card } = row
  if (f.owner && account.owner !== f.owner) return false
  if (f.environment && account.environment !== f.environment) return false
  if (f.tag && !account.tags.includes(f.tag)) return false
  if (f.level && levelValue(card) !== f.level) return false
  if (f.unknown && (card?.unknownCounts[f.unknown] ?? 0) === 0) return false
  if (f.isBelowTargetOnly && (card?.belowTarget.length ?? 0) === 0) return false
  if (f.text) {
    const needle = f.text.toLowerCase()
    if (!account.name.toLowerCase().includes(needle) && !account.id.includes(needle)) return false
  }
  return true
}

function sortValue(row: OverviewRow, key: SortKey): string | number {
  if (key === 'name' || key === 'owner' || key === 'environment') return row.account[key]
  // Unassessed sorts below level 0: nothing could be read, which is not a level.
  if (key === 'level') return row.summary && !isUnassessed(row.summary) ? row.summary.level : -1
  return row.summary?.domains[key]?.level ?? -1
}

/** Filters and sorts the heatmap rows (ties broken by name, so the order is stable). */
export function visibleRows(rows: OverviewRow[], filters: OverviewFilters, sort: Sort): OverviewRow[] {
  const direction = sort.isDescending ? -1 : 1
  return rows
    .filter((row) => matches(row, filters))
    .sort((a, b) => {
      const x = sortValue(a, sort.key)
      const y = sortValue(b, sort.key)
      const order =
        typeof x === 'string' && typeof y === 'string'
          ? naturalCollator.compare(x, y)
          : x < y
            ? -1
            : x > y
              ? 1
              : 0
      if (order !== 0) return order * direction
      return naturalCollator.compare(a.account.name, b.account.name)
    })
}

/** The counts shown above the heatmap (unassessed accounts are counted apart, never as level 0). */
export function overviewCounts(rows: OverviewRow[]) {
  const byLevel = [0, 0, 0, 0, 0, 0]
  let belowTarget = 0
  let withUnknowns = 0
  let unassessed = 0
  const byUnknown: Record<string, number> = {}
  for (const { summary } of rows) {
    if (!summary) continue
    for (const [category, n] of Object.entries(summary.unknownCounts))
      if (n > 0) byUnknown[category] = (byUnknown[category] ?? 0) + 1
    if (isUnassessed(summary)) {
      unassessed++
      continue
    }
    byLevel[summary.level] = (byLevel[summary.level] ?? 0) + 1
    if (summary.belowTarget.length > 0) belowTarget++
    if (Object.values(summary.domains).some((d) => cellState(d).isHeldByUnknown)) withUnknowns++
  }
  return { total: rows.length, byLevel, belowTarget, withUnknowns, unassessed, byUnknown }
}

/** The heatmap's navigable columns: the account name, then the eight domains. */
export const gridColumns = ['name', ...domainIds] as const
