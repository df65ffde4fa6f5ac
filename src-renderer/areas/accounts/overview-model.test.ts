import { describe, expect, it } from 'vitest'
import { type Account, domainIds, type Level } from '../../../shared/domain/types'
import type { AccountScorecard } from '../../../shared/scoring/types'
import { tinyAccount } from '../../../shared/snapshot/fixtures.test-support'
import { cellState, domainCell } from '../../components/level'
import { summaryOfCard } from '../../workers/summary'
import { moveCell } from './heatmap'
import { emptyFilters, filterOptions, type OverviewRow, overviewCounts, visibleRows } from './overview-model'

/** An imported account with no owner, tags or targets unless given. */
const account = (id: string, name: string, extra: Partial<Account> = {}) =>
  tinyAccount(id, name, { environment: 'unknown', criticality: 'medium', targets: {}, ...extra })
function card(
  id: string,
  levels: Level[],
  opts: { unknownIn?: number; below?: boolean } = {},
): AccountScorecard {
  return {
    accountId: id,
    level: Math.min(...levels) as Level,
    grade: 'C',
    domains: domainIds.map((domainId, i) => ({
      domainId,
      level: levels[i] ?? 0,
      progress: 0.5,
      blockers: opts.unknownIn === i ? { fails: [], unknowns: ['x'] } : { fails: ['y'], unknowns: [] },
      controls: [],
    })),
    belowTarget: opts.below ? ['iam'] : [],
  }
}
/** The stored summary of a scorecard, as the overview reads it. */
const summary = (...args: Parameters<typeof card>) => summaryOfCard(card(...args))

const rows: OverviewRow[] = [
  {
    account: account('111111111111', 'payments', {
      owner: 'Priya',
      environment: 'production',
      tags: ['pci'],
    }),
    summary: summary('1', [3, 3, 3, 3, 3, 3, 3, 3]),
  },
  {
    account: account('222222222222', 'sandbox', { owner: 'Tom', environment: 'sandbox' }),
    summary: summary('2', [1, 2, 2, 2, 2, 2, 2, 2], { below: true, unknownIn: 1 }),
  },
  {
    account: account('333333333333', 'identity', {
      owner: 'Priya',
      environment: 'production',
      tags: ['pci', 'idp'],
    }),
    summary: summary('3', [4, 4, 4, 4, 4, 4, 4, 2]),
  },
]

describe('overview filters, sorting and counts', () => {
  it('offers the owners, environments and tags present', () => {
    expect(filterOptions(rows.map((r) => r.account))).toEqual({
      owners: ['Priya', 'Tom'],
      environments: ['production', 'sandbox'],
      tags: ['idp', 'pci'],
    })
  })

  it('filters by owner, environment, tag, headline level, below-target and text', () => {
    const names = (f: Partial<typeof emptyFilters>) =>
      visibleRows(rows, { ...emptyFilters, ...f }, { key: 'name', isDescending: false }).map(
        (r) => r.account.name,
      )
    expect(names({})).toEqual(['identity', 'payments', 'sandbox'])
    expect(names({ owner: 'Priya' })).toEqual(['identity', 'payments'])
    expect(names({ environment: 'sandbox' })).toEqual(['sandbox'])
    expect(names({ tag: 'idp' })).toEqual(['identity'])
    expect(names({ level: '2' })).toEqual(['identity'])
    expect(names({ isBelowTargetOnly: true })).toEqual(['sandbox'])
    expect(names({ text: '3333' })).toEqual(['identity'])
  })

  it('sorts by a domain level, ties by name', () => {
    const sorted = visibleRows(rows, emptyFilters, { key: 'resilience', isDescending: true })
    expect(sorted.map((r) => r.account.name)).toEqual(['payments', 'identity', 'sandbox'])
    const byIam = visibleRows(rows, emptyFilters, { key: 'iam', isDescending: false })
    expect(byIam.map((r) => r.account.name)).toEqual(['sandbox', 'payments', 'identity'])
  })

  it('sorts names naturally: "-15" before "-147", case ignored', () => {
    const named = ['app-147', 'app-15', 'App-2', 'app-1'].map((name, i) => ({
      account: account(String(100000000000 + i), name),
      summary: undefined,
    }))
    const sorted = visibleRows(named, emptyFilters, { key: 'name', isDescending: false })
    expect(sorted.map((r) => r.account.name)).toEqual(['app-1', 'App-2', 'app-15', 'app-147'])
  })

  it('counts levels, below-target accounts and accounts with unverified domains', () => {
    expect(overviewCounts(rows)).toEqual({
      total: 3,
      byLevel: [0, 1, 1, 1, 0, 0],
      belowTarget: 1,
      withUnknowns: 1,
      unassessed: 0,
      byUnknown: {},
    })
  })

  it('filters by unknown category, and counts an account with no usable evidence as unassessed, not level 0', () => {
    const base = summary('4', [0, 0, 0, 0, 0, 0, 0, 0])
    const more: OverviewRow[] = [
      ...rows,
      {
        account: account('444444444444', 'empty'),
        summary: { ...base, grade: 'unassessed', unknownCounts: { 'not-collected': 40 } },
      },
      {
        account: account('555555555555', 'denied'),
        summary: { ...summary('5', [1, 1, 1, 1, 1, 1, 1, 1]), unknownCounts: { 'access-denied': 2 } },
      },
    ]
    const names = (f: Partial<typeof emptyFilters>) =>
      visibleRows(more, { ...emptyFilters, ...f }, { key: 'name', isDescending: false }).map(
        (r) => r.account.name,
      )
    expect(names({ unknown: 'access-denied' })).toEqual(['denied'])
    expect(names({ unknown: 'not-collected' })).toEqual(['empty'])
    expect(names({ unknown: 'stale' })).toEqual([])
    expect(names({ level: 'unassessed' })).toEqual(['empty'])
    expect(names({ level: '0' })).toEqual([])
    const counts = overviewCounts(more)
    expect(counts.unassessed).toBe(1)
    expect(counts.byLevel[0]).toBe(0)
    expect(counts.byUnknown).toEqual({ 'not-collected': 1, 'access-denied': 1 })
  })
})

describe('heatmap cells', () => {
  it('marks a level held down only by unknowns, never one with a failure', () => {
    const c = card('2', [1, 2, 2, 2, 2, 2, 2, 2], { unknownIn: 1 })
    expect(cellState(domainCell(c.domains[1]))).toEqual({ level: 2, isHeldByUnknown: true })
    expect(cellState(domainCell(c.domains[0]))).toEqual({ level: 1, isHeldByUnknown: false })
  })

  it('moves the active cell with arrow keys, Home/End and pages, within bounds', () => {
    const last = { row: 9, col: 8 }
    expect(moveCell('ArrowDown', { row: 9, col: 2 }, last, 5, false)).toEqual({ row: 9, col: 2 })
    expect(moveCell('ArrowRight', { row: 0, col: 8 }, last, 5, false)).toEqual({ row: 0, col: 8 })
    expect(moveCell('ArrowLeft', { row: 3, col: 2 }, last, 5, false)).toEqual({ row: 3, col: 1 })
    expect(moveCell('End', { row: 3, col: 2 }, last, 5, true)).toEqual(last)
    expect(moveCell('PageDown', { row: 3, col: 2 }, last, 5, false)).toEqual({ row: 8, col: 2 })
    expect(moveCell('x', { row: 3, col: 2 }, last, 5, false)).toBeUndefined()
  })
})
