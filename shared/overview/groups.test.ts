import { describe, expect, it } from 'vitest'
import { account as card } from '../compare/fixtures.test-support'
import type { Account } from '../domain/types'
import { groupAccounts } from './groups'
import { accountStateOfCard } from './state'

function account(id: string, owner: string, tags: string[]): Account {
  return {
    id,
    name: `acct-${id}`,
    owner,
    environment: 'production',
    criticality: 'medium',
    tags,
    targets: {},
    origin: 'demo',
  }
}

const accounts = [account('1', 'Priya', ['pci']), account('2', 'Priya', ['pci', 'eu']), account('3', '', [])]
const cards = new Map(
  [
    card('1', { iam: { level: 2, controls: [] } }),
    { ...card('2', { iam: { level: 1, controls: [] } }), belowTarget: ['iam' as const] },
    card('3', { iam: { level: 4, controls: [] } }),
  ].map((c) => [c.accountId, accountStateOfCard(c)]),
)

describe('groupAccounts', () => {
  it('makes a row per owner, "(none)" last, with levels, below-target count and the weakest level', () => {
    const groups = groupAccounts(accounts, cards, 'owner')
    expect(groups.map((g) => [g.value, g.accountIds])).toEqual([
      ['Priya', ['1', '2']],
      ['(none)', ['3']],
    ])
    expect(groups[0]?.byLevel).toEqual([0, 1, 1, 0, 0, 0])
    expect(groups[0]?.belowTarget).toBe(1)
    expect(groups[0]?.lowest.iam).toBe(1)
    expect(groups[0]?.lowest.network).toBeNull()
  })

  it('puts an account with several tags in each of their groups', () => {
    const groups = groupAccounts(accounts, cards, 'tag')
    expect(groups.map((g) => [g.value, g.accountIds.length])).toEqual([
      ['eu', 1],
      ['pci', 2],
      ['(none)', 1],
    ])
  })
})
