import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evidenceBundleSchema } from '../../shared/evidence/schema'
import { runCollection } from '../../src-main/collect/orchestrator'
import { type FakeAws, generateOrganization, startFakeAws } from '../fake-aws/index'
import { fakeOptions } from './collect-support'

let fake: FakeAws
beforeAll(async () => {
  const scenario = generateOrganization({ seed: 99, accounts: 12 })
  scenario.faults = { ...scenario.faults, latency: { fixedMs: 5, jitterMs: 0 } }
  fake = await startFakeAws({ scenario })
})
afterAll(() => fake?.close())

describe('cancelling a collection', () => {
  it('keeps the accounts that finished and reports the rest cancelled', async () => {
    const controller = new AbortController()
    const options = fakeOptions(fake, {
      regions: ['us-east-1', 'eu-west-1'],
      concurrency: { accounts: 2, perAccount: 2 },
      signal: controller.signal,
    })
    const store = options.onBundle
    options.onBundle = async (bundle, target) => {
      await store?.(bundle, target)
      if (options.stored.length === 3) controller.abort()
    }
    const { summary, bundles } = await runCollection(options)

    expect(summary.isCancelled).toBe(true)
    const finished = summary.accounts.filter((a) => a.state !== 'cancelled')
    expect(finished.length).toBeGreaterThanOrEqual(3)
    expect(finished.length).toBeLessThanOrEqual(4)
    expect(summary.totals.cancelled).toBe(12 - finished.length)
    expect(finished.every((a) => a.state === 'ok')).toBe(true)

    // What finished was handed over before the run ended, and is complete; an account cut short hands over
    // the sources it finished, the rest recorded as cancelled attempts (never as evidence).
    const storedIds = options.stored.map((b) => b.accountId)
    for (const a of finished) expect(storedIds).toContain(a.accountId)
    for (const bundle of options.stored) {
      evidenceBundleSchema.parse(bundle)
      for (const source of ['identity', 'credentialReport', 'trustedAdvisor', 'accessAnalyzer'] as const) {
        const status = bundle[source].status
        if (status.state === 'error') expect(status.code).toBe('collection-cancelled')
      }
    }
    for (const a of finished) expect(bundles.has(a.targetKey)).toBe(true)

    const cancelled = summary.accounts.filter((a) => a.state === 'cancelled')
    for (const account of cancelled) {
      const unfinished = Object.values(account.sources).filter((s) => s.state === 'cancelled')
      if (!storedIds.includes(account.accountId ?? '')) expect(unfinished).toHaveLength(4)
      const last = options.progress
        .filter((p) => p.targetKey === account.targetKey && p.source === 'account')
        .at(-1)
      expect(last?.state).toBe('cancelled')
    }
    // Accounts that never started made no calls at all.
    const untouched = cancelled.filter((a) => fake.counts.total({ accountId: a.accountId ?? '' }) === 0)
    expect(untouched.length).toBeGreaterThanOrEqual(12 - finished.length - 2)
  })

  it('stops at once when cancelled before the start', async () => {
    fake.resetCounts()
    const controller = new AbortController()
    controller.abort()
    const options = fakeOptions(fake, { signal: controller.signal, regions: ['us-east-1'] })
    const { summary } = await runCollection(options)
    expect(summary.totals).toEqual({ accounts: 12, ok: 0, partial: 0, failed: 0, cancelled: 12 })
    expect(fake.counts.total()).toBe(0)
    expect(options.stored).toEqual([])
  })
})
