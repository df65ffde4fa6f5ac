import { type Account, accountSchema } from '../domain/types'
import type { AccountDetails } from './parse'

/**
 * Merges account details into accounts: a field the details give replaces the stored one, a field they leave
 * out is kept. Details for an account not yet known add it (origin `import`, named by its id unless named).
 * Returns every account, known ones first in their order.
 */
export function applyAccountDetails(
  accounts: readonly Account[],
  details: readonly AccountDetails[],
): Account[] {
  const byId = new Map(details.map((d) => [d.id, d]))
  const merged = accounts.map((a) => {
    const d = byId.get(a.id)
    return d ? accountSchema.parse({ ...a, ...d }) : a
  })
  const known = new Set(accounts.map((a) => a.id))
  const added = details
    .filter((d) => !known.has(d.id))
    .map((d) => accountSchema.parse({ name: d.id, ...d, origin: 'import' }))
  return [...merged, ...added]
}
