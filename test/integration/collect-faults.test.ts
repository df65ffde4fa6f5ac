import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type EvidenceBundle, evidenceBundleSchema, sourceIds } from '../../shared/evidence/schema'
import { isComplete, selectEvidence } from '../../shared/evidence/select'
import { readEvidenceFolder } from '../../src-main/collect/offline'
import { writeEvidenceFolder } from '../../src-main/collect/offline-write'
import { type FakeAws, generateOrganization, type Scenario, startFakeAws } from '../fake-aws/index'
import { fakeOptions, run, tempDirs } from './collect-support'

/**
 * One test per fault, against the fake AWS. Each asserts that nothing collected earlier or in the same run
 * is lost, and that the statuses are exact.
 */
const REGIONS = ['us-east-1', 'eu-west-1']
let fake: FakeAws
let scenario: Scenario
const temps = tempDirs('ratchet-faults-')
const noFaults = () => structuredClone(scenario.faults)
let clean: Scenario['faults']

beforeAll(async () => {
  const generated = generateOrganization({ seed: 1313, accounts: 3 })
  for (const account of generated.accounts) {
    account.supportPlan = 'business'
    account.credentialReport.initialState = 'ready'
    account.disabledRegions = []
  }
  const hostile = generated.accounts[2]
  if (hostile) {
    hostile.accessAnalyzer['eu-west-1'] = [
      { name: '../../../../outside/x', type: 'ACCOUNT', status: 'ACTIVE', created: 10, findings: [] },
    ]
  }
  fake = await startFakeAws({ scenario: generated })
  scenario = fake.scenario
  clean = noFaults()
})
afterEach(async () => {
  // Faults are read live by the fake: reset them in place after each test.
  Object.assign(scenario.faults, structuredClone(clean))
  fake.resetCounts()
  await temps.removeAll()
})
afterAll(() => fake?.close())

const ids = () => scenario.accounts.map((a) => a.id)
const id = (i: number) => ids()[i] as string
const options = (overrides: Parameters<typeof fakeOptions>[1] = {}) =>
  fakeOptions(fake, { regions: REGIONS, ...overrides })
const tempDir = temps.make

describe('collection faults', () => {
  it('throttle storm: every account finishes ok, throttled attempts retried', async () => {
    scenario.faults.throttle.push({ ratePerSecond: 10, burst: 1 })
    const { summary, bundles } = await run(
      options({ retry: { maxAttempts: 12, baseDelayMs: 20, maxDelayMs: 400 } }),
    )
    expect(summary.totals).toMatchObject({ accounts: 3, ok: 3 })
    expect(fake.counts.total({ outcome: 'throttled' })).toBeGreaterThan(0)
    for (const bundle of bundles.values()) expect(isComplete(bundle)).toBe(true)
  })

  it('5xx burst and dropped connections: retried, nothing lost', async () => {
    scenario.faults.errorBursts.push({ api: 'GetCredentialReport', count: 2, status: 503 })
    scenario.faults.drops.push({ api: 'ListAnalyzers', count: 2 })
    const { summary } = await run(options())
    expect(summary.totals).toMatchObject({ accounts: 3, ok: 3 })
    expect(fake.counts.total({ api: 'GetCredentialReport', outcome: 'error' })).toBe(2)
    expect(fake.counts.total({ api: 'ListAnalyzers', outcome: 'dropped' })).toBe(2)
  })

  it('an endpoint that never answers costs that source only, and the run ends within its deadline', async () => {
    scenario.faults.hangs.push({ api: 'ListRecommendations', accountId: id(0) })
    const started = performance.now()
    const opts = options({
      timeouts: { attemptMs: 500, callMs: 2_000, sourceMs: 3_000 },
      retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 },
    })
    const { summary, bundles } = await run(opts)
    // Documented bound: the source deadline (3 s here) plus the other sources' own time; 15 s is generous.
    expect(performance.now() - started).toBeLessThan(15_000)
    const hung = summary.accounts.find((a) => a.accountId === id(0))
    expect(hung?.state).toBe('partial')
    expect(hung?.sources.trustedAdvisor.state).toBe('error')
    expect(hung?.sources.credentialReport.state).toBe('ok')
    expect(hung?.sources.accessAnalyzer.state).toBe('ok')
    const bundle = bundles.get(id(0))
    expect(bundle?.trustedAdvisor.status).toMatchObject({ state: 'error' })
    expect(bundle?.credentialReport.records?.users.length).toBeGreaterThan(0)
    expect(summary.accounts.filter((a) => a.state === 'ok')).toHaveLength(2)
    expect(fake.counts.total({ api: 'ListRecommendations', outcome: 'hung' })).toBeGreaterThan(0)
  })

  it('AccessDenied on one secondary call keeps the source, names the gap, and is never ok', async () => {
    scenario.faults.accessDenied.push({ api: 'GetAccountPasswordPolicy', accountId: id(1) })
    const { summary, bundles } = await run(options())
    const outcome = summary.accounts.find((a) => a.accountId === id(1))
    expect(outcome?.state).toBe('partial')
    expect(outcome?.sources.credentialReport).toMatchObject({ state: 'denied' })
    expect(outcome?.sources.credentialReport.detail).toContain('passwordPolicy')
    const cr = bundles.get(id(1))?.credentialReport
    expect(cr?.status).toEqual({ state: 'ok' })
    expect(cr?.records?.users.length).toBeGreaterThan(0)
    expect(cr?.records?.passwordPolicy).toBeNull()
    expect(cr?.records?.gaps?.passwordPolicy).toMatchObject({ state: 'unavailable', reason: 'access-denied' })
    expect(summary.totals.ok).toBe(2)
  })

  it('cancel keeps every account and source that finished', async () => {
    const controller = new AbortController()
    scenario.faults.hangs.push({ api: 'ListAnalyzers', accountId: id(2) })
    // Cancel once two accounts are stored and the hung account's credential report is in (events, not timing).
    let isReportIn = false
    const cancelWhenReady = () => {
      if (opts.stored.length >= 2 && isReportIn) controller.abort()
    }
    const opts = options({
      concurrency: { accounts: 3 },
      signal: controller.signal,
      onProgress: (p) => {
        if (p.targetKey === id(2) && p.source === 'credentialReport' && p.state === 'done') isReportIn = true
        cancelWhenReady()
      },
      onBundle: (bundle) => {
        opts.stored.push(bundle)
        cancelWhenReady()
      },
    })
    const { summary, bundles } = await run(opts)
    expect(summary.isCancelled).toBe(true)
    expect(summary.totals).toMatchObject({ ok: 2, cancelled: 1 })
    // The cancelled account keeps what finished; Access Analyzer is a cancelled attempt, not evidence.
    const cancelled = bundles.get(id(2))
    expect(cancelled?.credentialReport.status).toEqual({ state: 'ok' })
    expect(cancelled?.accessAnalyzer.status).toMatchObject({ state: 'error', code: 'collection-cancelled' })
    for (const bundle of opts.stored) evidenceBundleSchema.parse(bundle)
  })

  it('a failed re-run into the same database keeps the first collection as the evidence shown', async () => {
    const first = await run(options())
    scenario.faults.errorBursts.push({ accountId: id(0), count: 10_000, status: 503 })
    const again = await run(options({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } }))
    expect(again.summary.accounts.find((a) => a.accountId === id(0))?.state).toBe('failed')
    const stored: EvidenceBundle[] = [first.bundles.get(id(0)), again.bundles.get(id(0))].flatMap((b) =>
      b ? [b] : [],
    )
    const selected = selectEvidence(stored)
    for (const source of sourceIds) {
      expect(selected?.bundle[source]).toEqual(first.bundles.get(id(0))?.[source])
    }
    expect(selected?.failures.length).toBeGreaterThan(0)
  })

  it('a hostile analyzer name never writes outside the chosen folder, and reads back', async () => {
    const { bundles } = await run(options())
    const bundle = bundles.get(id(2))
    const names = bundle?.accessAnalyzer.records?.regions.flatMap((r) => r.analyzers.map((a) => a.name))
    expect(names).toContain('../../../../outside/x')
    const root = await tempDir()
    const dir = join(root, 'a', 'b', 'c', 'out')
    await writeEvidenceFolder(dir, [bundle as EvidenceBundle])
    // Only the chosen folder was written under root.
    expect(await readdir(root)).toEqual(['a'])
    expect(await readdir(join(root, 'a', 'b', 'c'))).toEqual(['out'])
    const files = await readdir(join(dir, id(2)))
    expect(files.filter((f) => f.includes('outside'))).toEqual([
      'accessanalyzer-list-findings.eu-west-1..._.._.._.._outside_x.json',
    ])
    const [back] = await readEvidenceFolder(dir)
    const region = back?.accessAnalyzer.records?.regions.find((r) => r.region === 'eu-west-1')
    expect(region?.analyzers.map((a) => a.name)).toContain('../../../../outside/x')
  })
})
