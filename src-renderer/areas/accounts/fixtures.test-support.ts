import type { Account } from '../../../shared/domain/types'

/** An imported account for the overview's tests: no owner, no tags, no targets unless given. */
export function testAccount(id: string, name: string, extra: Partial<Account> = {}): Account {
  return {
    id,
    name,
    owner: '',
    environment: 'unknown',
    criticality: 'medium',
    tags: [],
    targets: {},
    origin: 'import',
    ...extra,
  }
}
