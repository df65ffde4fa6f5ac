import { describe, expect, it } from 'vitest'
import { buildDemoOrganization, demoControlsFromModel } from '../../shared/demo/organization'
import { defaultModel } from '../../shared/model/default-model'
import { compileModel } from '../../shared/scoring/engine'
import { type AccountSummary, summarizeAccount } from '../workers/summary'
import { RatchetDb } from './db'
import { createSummariesRepo } from './summaries-repo'
import { summaryOfRow, summaryRow } from './summary-row'

const now = new Date('2026-11-28T12:00:00.000Z')

/** The demo's newest quarter summarised: every status, unknown categories, targets, unassessed accounts. */
function demoSummaries(): AccountSummary[] {
  const demo = buildDemoOrganization({ now, controls: demoControlsFromModel(defaultModel) })
  const quarter = demo.quarters.at(-1)
  if (!quarter) throw new Error('the demo has four quarters')
  const compiled = compileModel(defaultModel)
  return demo.accounts.map((account) =>
    summarizeAccount(
      compiled,
      {
        account,
        bundle: quarter.bundles.find((b) => b.accountId === account.id),
        attestations: quarter.attestations.filter((a) => a.accountId === account.id),
        waivers: quarter.waivers.filter((w) => w.accountId === account.id),
      },
      `key-${account.id}`,
      now,
    ),
  )
}

describe('stored summary rows', () => {
  const summaries = demoSummaries()

  it('read back exactly as the summary they were written from', () => {
    const categories = new Set(summaries.flatMap((s) => Object.keys(s.unknownCounts)))
    expect(categories.size).toBeGreaterThan(3)
    expect(summaries.some((s) => s.belowTarget.length > 0)).toBe(true)
    for (const summary of summaries) expect(summaryOfRow(summaryRow(summary))).toEqual(summary)
  })

  it('keep a domain without a target without one', () => {
    const [first] = summaries
    if (!first) throw new Error('the demo has accounts')
    const domains = Object.fromEntries(
      Object.entries(first.domains).map(([id, { target: _target, ...d }]) => [id, d]),
    )
    const untargeted = { ...first, domains, belowTarget: [] }
    expect(summaryOfRow(summaryRow(untargeted))).toEqual(untargeted)
  })

  it('are at least a fifth smaller than the summary', () => {
    const size = (value: unknown) => JSON.stringify(value).length
    const whole = summaries.reduce((n, s) => n + size(s), 0)
    const rows = summaries.reduce((n, s) => n + size(summaryRow(s)), 0)
    expect(rows).toBeLessThan(whole * 0.8)
  })

  it('leave a summary stored before rows existed as it is', () => {
    const [first] = summaries
    expect(summaryOfRow(first as AccountSummary)).toBe(first)
  })

  it('are read by the repository alongside older whole summaries', async () => {
    const db = new RatchetDb(`summaries-${crypto.randomUUID()}`)
    try {
      const [older, ...rest] = summaries
      if (!older) throw new Error('the demo has accounts')
      await db.summaries.bulkPut([older, ...rest.map(summaryRow)])
      const listed = await createSummariesRepo(db).list()
      expect(new Map(listed.map((s) => [s.accountId, s]))).toEqual(
        new Map(summaries.map((s) => [s.accountId, s])),
      )
    } finally {
      await db.delete()
    }
  })
})
