import { describe, expect, it } from 'vitest'
import { account, control } from '../compare/fixtures.test-support'
import { controlPivot, pivotCounts, pivotCsv } from './control-pivot'
import { accountStateOfCard } from './state'

const cards = [
  account('1', { iam: { level: 1, controls: [control('root-mfa', 'pass')] } }),
  account('2', {
    iam: {
      level: 0,
      controls: [
        control('root-mfa', 'fail', {
          resources: [{ id: 'arn:aws:iam::2:root', type: 'root' }],
          evidence: [{ source: 'credentialReport', collectedAt: '2026-11-20T00:00:00.000Z' }],
        }),
      ],
    },
  }),
  account('3', {
    iam: { level: 0, controls: [control('root-mfa', 'unknown', { unknownReason: 'collection-failed' })] },
  }),
  account('4', { iam: { level: 0, controls: [control('other', 'fail')] } }),
]
const accounts = [
  { id: '1', name: 'app-15' },
  { id: '2', name: 'app-147, "legacy"' },
  { id: '3', name: 'app-2' },
]

const order = ['root-mfa', 'other']
const states = cards.map((c) => accountStateOfCard(c, order))
const rootMfa = { id: 'root-mfa', index: 0 }

describe('controlPivot', () => {
  const rows = controlPivot(rootMfa, accounts, states, new Map(cards.map((c) => [c.accountId, c])))

  it('reads the statuses from the states alone, the reasons and resources only from full scorecards', () => {
    const bare = controlPivot(rootMfa, accounts, states)
    expect(bare.map((r) => [r.name, r.status, r.unknownReason, r.isDetailed])).toEqual([
      ['app-147, "legacy"', 'fail', undefined, false],
      ['app-2', 'unknown', 'collection-failed', false],
      ['app-15', 'pass', undefined, false],
    ])
    expect(bare[0]?.resources).toEqual([])
  })

  it('lists every account that has the control, failing first, then unknown, then passing', () => {
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ['app-147, "legacy"', 'fail'],
      ['app-2', 'unknown'],
      ['app-15', 'pass'],
    ])
    expect(rows[0]?.resources).toEqual([{ id: 'arn:aws:iam::2:root', type: 'root' }])
    expect(rows[0]?.collectedAt).toBe('2026-11-20T00:00:00.000Z')
  })

  it('counts the states, unknowns by category', () => {
    expect(pivotCounts(rows)).toEqual({
      byStatus: { fail: 1, unknown: 1, pass: 1 },
      byUnknownReason: { 'collection-failed': 1 },
    })
  })

  it('exports RFC 4180 CSV with quoted fields', () => {
    const csv = pivotCsv('root-mfa', rows)
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe(
      'control_id,account_id,account_name,status,unknown_reason,reason,resources,collected_at',
    )
    expect(lines[1]).toBe(
      'root-mfa,2,"app-147, ""legacy""",fail,,root-mfa is fail,arn:aws:iam::2:root,2026-11-20T00:00:00.000Z',
    )
    expect(lines).toHaveLength(5)
  })
})
