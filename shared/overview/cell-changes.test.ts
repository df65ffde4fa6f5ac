import { describe, expect, it } from 'vitest'
import { account } from '../compare/fixtures.test-support'
import { cellChanges } from './cell-changes'
import { accountStateOfCard } from './state'

describe('cellChanges', () => {
  it('marks each domain level that rose or fell since the last snapshot, and nothing else', () => {
    const before = [
      account('1', { iam: { level: 1, controls: [] }, network: { level: 3, controls: [] } }),
      account('2', { iam: { level: 2, controls: [] } }),
    ]
    const now = [
      account('1', { iam: { level: 2, controls: [] }, network: { level: 1, controls: [] } }),
      account('2', { iam: { level: 2, controls: [] } }),
      account('3', { iam: { level: 4, controls: [] } }),
    ]
    const changes = cellChanges(
      now.map((c) => accountStateOfCard(c)),
      before.map((c) => accountStateOfCard(c)),
    )
    expect(changes.get('1')).toEqual({
      iam: { direction: 'up', from: 1, to: 2 },
      network: { direction: 'down', from: 3, to: 1 },
    })
    expect(changes.has('2')).toBe(false)
    expect(changes.has('3')).toBe(false)
    // An account that could not be read now has no level: never marked as fallen to 0.
    const unread = accountStateOfCard({
      ...account('2', { iam: { level: 0, controls: [] } }),
      grade: 'unassessed',
    })
    expect(
      cellChanges(
        [unread],
        before.map((c) => accountStateOfCard(c)),
      ).size,
    ).toBe(0)
    expect(
      cellChanges(
        now.map((c) => accountStateOfCard(c)),
        undefined,
      ).size,
    ).toBe(0)
  })
})
