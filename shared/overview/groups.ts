import { type Account, type DomainId, domainIds } from '../domain/types'
import type { AccountState } from './state'

export type GroupKey = 'owner' | 'environment' | 'tag'

/** One row of the grouped overview: a group of accounts and how mature it is. */
export interface AccountGroup {
  /** The owner, environment or tag; "(none)" for accounts without one. */
  value: string
  accountIds: string[]
  /** Accounts per headline level 0…5. */
  byLevel: number[]
  belowTarget: number
  /** The lowest level of each domain in the group: the group is as mature as its weakest account. */
  lowest: Record<DomainId, number | null>
}

export const noGroupValue = '(none)'
const natural = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

function valuesOf(account: Account, key: GroupKey): string[] {
  if (key === 'tag') return account.tags.length > 0 ? account.tags : [noGroupValue]
  return [account[key] || noGroupValue]
}

/**
 * Groups the accounts by owner, environment or tag (an account with several tags is in each of their groups),
 * with a row per group, in natural order, "(none)" last. Accounts without a state count in no level.
 */
export function groupAccounts(
  accounts: readonly Account[],
  states: ReadonlyMap<string, Pick<AccountState, 'level' | 'belowTarget' | 'domains'>>,
  key: GroupKey,
): AccountGroup[] {
  const groups = new Map<string, AccountGroup>()
  for (const account of accounts) {
    const state = states.get(account.id)
    for (const value of valuesOf(account, key)) {
      const group = groups.get(value) ?? {
        value,
        accountIds: [],
        byLevel: [0, 0, 0, 0, 0, 0],
        belowTarget: 0,
        lowest: Object.fromEntries(domainIds.map((d) => [d, null])) as Record<DomainId, number | null>,
      }
      group.accountIds.push(account.id)
      if (state) {
        group.byLevel[state.level] = (group.byLevel[state.level] ?? 0) + 1
        if (state.belowTarget.length > 0) group.belowTarget++
        for (const [domainId, domain] of Object.entries(state.domains) as Array<
          [DomainId, { level: number }]
        >) {
          const was = group.lowest[domainId]
          group.lowest[domainId] = was === null ? domain.level : Math.min(was, domain.level)
        }
      }
      groups.set(value, group)
    }
  }
  return [...groups.values()].sort((a, b) =>
    a.value === noGroupValue ? 1 : b.value === noGroupValue ? -1 : natural.compare(a.value, b.value),
  )
}
