import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evidenceBundleSchema } from '../../shared/evidence/schema'
import type { CollectRun } from '../../src-main/collect/orchestrator'
import { type FakeAws, generateOrganization, type Scenario, startFakeAws } from '../fake-aws/index'
import { expectedOkCalls, fakeOptions, run } from './collect-support'

const REGIONS = [
  'us-east-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-2',
  'sa-east-1',
  'me-south-1',
]

/** `count` Trusted Advisor resources of one status, ids `<prefix><i>`. */
const resourcesOf = (
  count: number,
  prefix: string,
  status: 'ok' | 'warning' | 'error',
  exclusionStatus: 'included' | 'excluded',
) =>
  Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i}`,
    awsResourceId: `db-${prefix}${i}`,
    regionCode: 'us-east-1',
    status,
    metadata: {},
    exclusionStatus,
    lastUpdated: 1,
  }))

/** 50 generated accounts plus the awkward cases, each on its own account. */
function buildScenario(): Scenario {
  const scenario = generateOrganization({ seed: 20261128, accounts: 50 })
  const [, , , , , big, denied, broken, ft] = scenario.accounts
  if (!big || !denied || !broken || !ft) throw new Error('the generator made too few accounts')
  // More than 1,000 ACTIVE findings in one Region, for an external and an unused-access analyzer.
  big.supportPlan = 'business'
  big.disabledRegions = []
  big.accessAnalyzer['us-east-1'] = [
    {
      name: 'Big',
      type: 'ACCOUNT',
      status: 'ACTIVE',
      created: 100,
      findings: Array.from({ length: 2345 }, (_, i) => ({
        id: `big-${i}`,
        resource: `arn:aws:s3:::bucket-${i}`,
        resourceType: 'AWS::S3::Bucket',
        findingType: 'ExternalAccess' as const,
        status: i < 2100 ? ('ACTIVE' as const) : ('ARCHIVED' as const),
        isPublic: i % 7 === 0,
        condition: {},
        created: 30,
        analyzed: 1,
        updated: 10,
      })),
    },
    {
      name: 'BigUnused',
      type: 'ACCOUNT_UNUSED_ACCESS',
      status: 'ACTIVE',
      created: 100,
      findings: Array.from({ length: 1200 }, (_, i) => ({
        id: `unused-${i}`,
        resource: `arn:aws:iam::${big.id}:role/stale-${i}`,
        resourceType: 'AWS::IAM::Role',
        findingType: 'UnusedIAMRole' as const,
        status: 'ACTIVE' as const,
        isPublic: false,
        condition: {},
        created: 30,
        analyzed: 1,
        updated: 10,
      })),
    },
  ]
  // A Region with an analyzer that is not active yet.
  big.accessAnalyzer['eu-central-1'] = [
    { name: 'New', type: 'ACCOUNT', status: 'CREATING', created: 0, findings: [] },
  ]
  denied.supportPlan = 'enterprise'
  broken.supportPlan = 'business'
  // A recommendation whose resources are fewer pages unfiltered, and a fault-tolerance check.
  ft.supportPlan = 'enterprise'
  ft.trustedAdvisor.push({
    id: 'ft-many',
    checkId: 'opQPADkZvH',
    status: 'error',
    type: 'standard',
    source: 'ta_check',
    lastUpdated: 1,
    resources: [
      ...resourcesOf(250, 'w', 'warning', 'included'),
      ...resourcesOf(10, 'e', 'error', 'excluded'),
      ...resourcesOf(5, 'o', 'ok', 'included'),
    ],
  })
  scenario.faults = {
    ...scenario.faults,
    // A throttle on the resource listings (several in flight per account): per account, as AWS does.
    throttle: [{ api: 'ListRecommendationResources', ratePerSecond: 20, burst: 1 }],
    errorBursts: [
      { api: 'ListRecommendations', count: 5, status: 503 },
      // Exactly as many failures as the run's attempts: the first run fails, a re-run succeeds.
      { api: 'GetAccountSummary', accountId: broken.id, count: 8, status: 500 },
    ],
    accessDenied: [{ api: 'ListRecommendations', accountId: denied.id }],
  }
  return scenario
}

let fake: FakeAws
let scenario: Scenario
let first: CollectRun
let options: ReturnType<typeof fakeOptions>

beforeAll(async () => {
  scenario = buildScenario()
  fake = await startFakeAws({ scenario })
  scenario = fake.scenario
  options = fakeOptions(fake, { regions: REGIONS, concurrency: { accounts: 16, perAccount: 4 } })
  first = await run(options)
}, 120_000)
afterAll(() => fake?.close())

const account = (i: number) => scenario.accounts[i] as Scenario['accounts'][number]

describe('collecting 50 accounts from the fake AWS', () => {
  it('finishes every account and names the one broken source; access denied is never ok', () => {
    const broken = account(7)
    expect(first.summary.totals).toEqual({ accounts: 50, ok: 48, partial: 2, failed: 0, cancelled: 0 })
    const denied = first.summary.accounts.find((a) => a.accountId === account(6).id)
    expect(denied?.state).toBe('partial')
    expect(denied?.sources.trustedAdvisor.state).toBe('denied')
    const outcome = first.summary.accounts.find((a) => a.accountId === broken.id)
    expect(outcome?.state).toBe('partial')
    expect(outcome?.sources.credentialReport.state).toBe('error')
    const bundle = first.bundles.get(broken.id)
    // The report itself was read: only the account summary is missing, with why.
    expect(bundle?.credentialReport.status).toEqual({ state: 'ok' })
    expect(bundle?.credentialReport.records?.users.length).toBeGreaterThan(0)
    expect(bundle?.credentialReport.records?.gaps?.accountSummary).toMatchObject({
      state: 'error',
      code: 'ServiceFailureException',
    })
    expect(bundle?.identity.status.state).toBe('ok')
    expect(bundle?.accessAnalyzer.status.state).toBe('ok')
    // Every bundle was handed over as it finished, and each one validates.
    expect(options.stored).toHaveLength(50)
    for (const stored of options.stored) evidenceBundleSchema.parse(stored)
  })

  it('makes exactly the expected successful calls, and retries only what failed', () => {
    for (const [i, acct] of scenario.accounts.entries()) {
      const expected = expectedOkCalls(acct, REGIONS, { isTaDenied: i === 6 })
      if (i === 7) expected.GetAccountSummary = 0
      for (const [api, count] of Object.entries(expected)) {
        expect({
          account: acct.id,
          api,
          ok: fake.counts.total({ accountId: acct.id, api, outcome: 'ok' }),
        }).toEqual({
          account: acct.id,
          api,
          ok: count,
        })
      }
    }
    expect(fake.counts.total({ api: 'ListRecommendations', outcome: 'error' })).toBe(5)
    // Without Business support the first denial says it all: one denied Trusted Advisor call, no second one
    // (a call answered 503 by the injected burst is retried, so only the final answers are counted here).
    for (const acct of scenario.accounts.filter(
      (a) => a.supportPlan === 'basic' || a.supportPlan === 'developer',
    )) {
      const answered = (outcome: 'ok' | 'denied') =>
        fake.counts.total({ accountId: acct.id, api: 'ListRecommendations', outcome })
      expect({ account: acct.id, denied: answered('denied'), ok: answered('ok') }).toEqual({
        account: acct.id,
        denied: 1,
        ok: 0,
      })
    }
    expect(fake.counts.total({ api: 'GetAccountSummary', accountId: account(7).id })).toBe(8)
    expect(fake.counts.total({ api: 'ListRecommendationResources', outcome: 'throttled' })).toBeGreaterThan(0)
    // The orchestrator's own count of attempts matches what the server saw.
    const served = fake.counts.entries().filter((e) => e.outcome !== 'dropped').length
    expect(Object.values(first.summary.calls).reduce((a, b) => a + b, 0)).toBe(served)
  })

  it('collects each account’s evidence as the scenario describes it', () => {
    for (const [i, acct] of scenario.accounts.entries()) {
      const bundle = first.bundles.get(acct.id)
      if (!bundle) throw new Error(`no bundle for ${acct.id}`)
      expect(bundle.identity.records).toMatchObject({ accountId: acct.id, aliases: acct.aliases })
      {
        const users = bundle.credentialReport.records?.users ?? []
        expect(users.map((u) => u.user)).toEqual(['<root_account>', ...acct.iamUsers.map((u) => u.name)])
        expect(users[0]).toMatchObject({ isRoot: true, isMfaActive: acct.root.mfa, hasPassword: null })
        for (const [j, user] of acct.iamUsers.entries()) {
          expect(users[j + 1]).toMatchObject({
            isMfaActive: user.mfa,
            hasPassword: user.password !== undefined,
          })
          expect(users[j + 1]?.accessKeys).toHaveLength(user.accessKeys.length)
        }
        expect(bundle.credentialReport.records?.passwordPolicy?.minimumPasswordLength).toBe(
          acct.passwordPolicy?.MinimumPasswordLength,
        )
      }

      const ta = bundle.trustedAdvisor
      if (acct.supportPlan === 'basic' || acct.supportPlan === 'developer') {
        expect(ta.status).toEqual({
          state: 'unavailable',
          reason: 'not-subscribed',
          message: 'Access denied due to support level',
        })
      } else if (i === 6) {
        expect(ta.status).toMatchObject({ state: 'unavailable', reason: 'access-denied' })
      } else {
        expect(ta.status).toEqual({ state: 'ok' })
        const checks = ta.records?.checks ?? []
        expect(checks.map((c) => c.checkId)).toEqual(
          acct.trustedAdvisor.map((r) => r.checkId).sort((a, b) => a.localeCompare(b)),
        )
        for (const rec of acct.trustedAdvisor) {
          const check = checks.find((c) => c.checkId === rec.checkId)
          expect(check?.resources.map((r) => r.awsResourceId).sort()).toEqual(
            rec.resources
              .filter((r) => r.status !== 'ok')
              .map((r) => r.awsResourceId)
              .sort(),
          )
        }
      }

      const regions = bundle.accessAnalyzer.records?.regions ?? []
      expect(regions.map((r) => r.region)).toEqual([...REGIONS].sort())
      for (const region of regions) {
        const analyzers = acct.accessAnalyzer[region.region] ?? []
        const active = analyzers.filter((a) => a.status === 'ACTIVE')
        if (acct.disabledRegions.includes(region.region)) {
          expect(region.status).toMatchObject({ state: 'unavailable', reason: 'region-disabled' })
        } else if (active.length === 0) {
          expect(region.status).toMatchObject({ state: 'unavailable', reason: 'no-analyzer' })
        } else {
          expect(region.status).toEqual({ state: 'ok' })
          const expected = active.flatMap((a) => a.findings.filter((f) => f.status === 'ACTIVE'))
          expect(region.findings.map((f) => f.id).sort()).toEqual(expected.map((f) => f.id).sort())
          for (const finding of region.findings) {
            const source = expected.find((f) => f.id === finding.id)
            expect(finding.isPublic).toBe(source?.findingType === 'ExternalAccess' ? source.isPublic : null)
          }
        }
      }
    }
    const big = first.bundles.get(account(5).id)
    const usEast = big?.accessAnalyzer.records?.regions.find((r) => r.region === 'us-east-1')
    expect(usEast?.findings.filter((f) => f.kind === 'external')).toHaveLength(2100)
    expect(usEast?.findings.filter((f) => f.kind === 'unused')).toHaveLength(1200)
    expect(usEast?.findings.filter((f) => f.isPublic)).toHaveLength(300)
  })

  it('reports progress for every account and source, ending in a final state', () => {
    for (const acct of scenario.accounts) {
      const mine = options.progress.filter((p) => p.targetKey === acct.id)
      for (const source of ['account', 'identity', 'credentialReport', 'trustedAdvisor', 'accessAnalyzer']) {
        const states = mine.filter((p) => p.source === source).map((p) => p.state)
        expect(states[0]).toBe('queued')
        expect(['done', 'partial', 'unavailable', 'denied', 'failed']).toContain(states.at(-1))
      }
    }
    const bigAa = options.progress.find(
      (p) => p.targetKey === account(5).id && p.source === 'accessAnalyzer' && p.state === 'done',
    )
    expect(bigAa?.counts.records).toBeGreaterThanOrEqual(3300)
  })

  it('re-runs only what failed: one source of one account', async () => {
    fake.resetCounts()
    const again = await run(fakeOptions(fake, { regions: REGIONS, jobId: 'job-2', previous: first.bundles }))
    // The account denied Trusted Advisor is asked again (a permission may have been granted) and stays partial.
    expect(again.summary.totals).toEqual({ accounts: 50, ok: 49, partial: 1, failed: 0, cancelled: 0 })
    const broken = account(7)
    const denied = account(6)
    expect(fake.counts.entries().every((e) => e.accountId === broken.id || e.accountId === denied.id)).toBe(
      true,
    )
    expect(fake.counts.total({ accountId: denied.id, api: 'ListRecommendations', outcome: 'denied' })).toBe(1)
    // The report generated by the first run is young enough to reuse: one call, no regeneration.
    expect(fake.counts.total({ api: 'GetCredentialReport' })).toBe(1)
    expect(fake.counts.total({ api: 'GenerateCredentialReport' })).toBe(0)
    expect(fake.counts.total({ api: 'GetAccountSummary', outcome: 'ok' })).toBe(1)
    expect(fake.counts.total({ accountId: broken.id })).toBe(3)
    const bundle = again.bundles.get(broken.id)
    expect(bundle?.credentialReport.status).toEqual({ state: 'ok' })
    // What was fine before is carried over unchanged.
    expect(bundle?.accessAnalyzer).toEqual(first.bundles.get(broken.id)?.accessAnalyzer)
    expect(again.summary.accounts.find((a) => a.accountId === account(0).id)?.sources.identity.state).toBe(
      'kept',
    )
  })
})
