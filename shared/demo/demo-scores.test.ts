import { describe, expect, it } from 'vitest'
import { defaultModel } from '../model/default-model'
import { scoreOrganization } from '../scoring/engine'
import { unknownReasons } from '../scoring/unknown-reasons'
import { buildDemoOrganization, demoControlsFromModel } from './organization'

const now = new Date('2026-11-28T12:00:00.000Z')
const controls = demoControlsFromModel(defaultModel)

describe('the demo under the default model', () => {
  const demo = buildDemoOrganization({ now, controls })
  const score = (k: number) => {
    const q = demo.quarters[k]
    if (!q) throw new Error('four quarters')
    return scoreOrganization({
      model: defaultModel,
      now: new Date(Date.parse(q.asOf) + 86_400_000),
      accounts: demo.accounts.map((a) => ({
        accountId: a.id,
        account: a,
        bundle: q.bundles.find((b) => b.accountId === a.id),
        attestations: q.attestations.filter((x) => x.accountId === a.id),
        waivers: q.waivers.filter((x) => x.accountId === a.id),
      })),
    })
  }
  const fails = (k: number, name: string) => {
    const id = demo.accounts.find((a) => a.name === name)?.id
    const card = score(k).accounts.find((a) => a.accountId === id)
    return card?.domains.flatMap((d) => d.controls).filter((c) => c.status === 'fail').length ?? -1
  }

  it('spreads accounts across levels, so the heatmap has something true to show', () => {
    const latest = score(3)
    const domainLevels = new Set(latest.accounts.flatMap((a) => a.domains.map((d) => d.level)))
    expect(domainLevels.size).toBeGreaterThanOrEqual(5)
    const headline = latest.accounts.map((a) => a.level)
    expect(Math.max(...headline)).toBeGreaterThanOrEqual(2)
    expect(Math.min(...headline)).toBe(0)
  })

  it('has improving and regressing accounts', () => {
    expect(fails(3, 'payments-prod')).toBeLessThan(fails(0, 'payments-prod'))
    expect(fails(3, 'data-lake-prod')).toBeGreaterThan(fails(0, 'data-lake-prod'))
  })

  it('shows both headline levels and the unknown categories', () => {
    const latest = score(3)
    const reasons = new Set(
      latest.accounts.flatMap((a) => a.domains.flatMap((d) => d.controls.map((c) => c.unknownReason))),
    )
    for (const reason of unknownReasons) expect(reasons.has(reason), reason).toBe(true)
    expect(latest.accounts.every((a) => a.evidenceLevel !== undefined)).toBe(true)
    expect(latest.accounts.some((a) => a.domains.some((d) => d.evidenceLevel === null))).toBe(true)
    expect(latest.accounts.some((a) => a.domains.some((d) => (d.evidenceLevel ?? 0) > d.level))).toBe(true)
    // The account the quarter's run missed has only stale evidence: unassessed, never F.
    const missed = demo.accounts.find((a) => a.name === 'legacy-erp')?.id
    const card = latest.accounts.find((a) => a.accountId === missed)
    expect(card?.grade).toBe('unassessed')
    const automated = card?.domains.flatMap((d) => d.controls).filter((c) => c.ruleStatus !== undefined)
    expect(automated?.every((c) => c.unknownReason === 'stale')).toBe(true)
    expect(latest.accounts.filter((a) => a.grade === 'unassessed')).toHaveLength(1)
  })

  it('leaves Trusted Advisor controls unknown (not subscribed), never failed, on Basic support', () => {
    const id = demo.accounts.find((a) => a.name === 'marketing-web')?.id
    const card = score(3).accounts.find((a) => a.accountId === id)
    const ta =
      card?.domains.flatMap((d) => d.controls).filter((c) => c.unknownReason === 'not-subscribed') ?? []
    expect(ta.length).toBeGreaterThan(5)
    expect(ta.every((c) => c.status === 'unknown')).toBe(true)
  })
})
