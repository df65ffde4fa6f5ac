import { afterEach, describe, expect, it } from 'vitest'
import { runCollection } from '../../src-main/collect/orchestrator'
import { type FakeAws, generateOrganization, type Scenario, startFakeAws } from '../fake-aws/index'
import { fakeOptions } from './collect-support'

let fake: FakeAws | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

async function start(isPriorityOn: boolean, adjust: (s: Scenario) => void = () => {}) {
  const scenario = generateOrganization({ seed: 8, accounts: 6 })
  if (scenario.organization) scenario.organization.trustedAdvisorPriority = isPriorityOn
  adjust(scenario)
  fake = await startFakeAws({ scenario })
  return { fake, managementId: scenario.organization?.managementAccountId ?? '' }
}

describe('Trusted Advisor through the organization APIs', () => {
  it('reads every account through the management account when Trusted Advisor Priority is on', async () => {
    const { fake, managementId } = await start(true)
    const options = fakeOptions(fake, {
      regions: ['us-east-1'],
      trustedAdvisor: { organizationAccountId: managementId },
    })
    const { bundles, summary } = await runCollection(options)
    expect(summary.totals.ok).toBe(6)
    for (const account of fake.scenario.accounts) {
      const ta = bundles.get(account.id)?.trustedAdvisor
      // Even Basic-support members are covered: the management account reads for them.
      expect(ta?.status).toEqual({ state: 'ok' })
      expect(ta?.records?.via).toBe('organization')
      const checks = ta?.records?.checks ?? []
      expect(checks.map((c) => c.checkId)).toEqual(
        account.trustedAdvisor.map((r) => r.checkId).sort((a, b) => a.localeCompare(b)),
      )
      for (const rec of account.trustedAdvisor) {
        const check = checks.find((c) => c.checkId === rec.checkId)
        expect(check?.status).toBe(rec.status)
        expect((check?.counts.warning ?? 0) + (check?.counts.error ?? 0)).toBe(rec.resources.length)
        expect(check?.resources.map((r) => r.awsResourceId).sort()).toEqual(
          rec.resources.map((r) => r.awsResourceId).sort(),
        )
      }
      // No account-level Trusted Advisor call at all.
      expect(fake.counts.total({ accountId: account.id, api: 'ListRecommendations' })).toBe(0)
    }
    expect(
      fake.counts.total({ accountId: managementId, api: 'ListOrganizationRecommendations', outcome: 'ok' }),
    ).toBe(2)
    // The organization-wide responses are kept verbatim in the management account's bundle.
    const raw = bundles.get(managementId)?.trustedAdvisor.raw.map((p) => p.operation) ?? []
    expect(raw).toContain('ListOrganizationRecommendations')
  })

  it('falls back to each account when the organization APIs are denied', async () => {
    const { fake, managementId } = await start(false)
    const options = fakeOptions(fake, {
      regions: ['us-east-1'],
      trustedAdvisor: { organizationAccountId: managementId },
    })
    const { bundles } = await runCollection(options)
    expect(fake.counts.total({ api: 'ListOrganizationRecommendations', outcome: 'denied' })).toBe(2)
    for (const account of fake.scenario.accounts) {
      const ta = bundles.get(account.id)?.trustedAdvisor
      const isSubscribed = account.supportPlan === 'business' || account.supportPlan === 'enterprise'
      expect(ta?.status.state).toBe(isSubscribed ? 'ok' : 'unavailable')
      if (isSubscribed) expect(ta?.records?.via).toBe('account')
    }
  })

  const hangCases = [
    {
      // Attempts and calls outlast the source: the source deadline (the shared runner's race) ends the read.
      name: 'the source deadline',
      timeouts: { attemptMs: 20_000, callMs: 20_000, sourceMs: 3_000 },
      detail: 'Trusted Advisor through the organization did not finish within 3 s',
    },
    {
      // As configured by default, each attempt times out first (retried once), well within the source's time.
      name: 'its attempts timing out',
      timeouts: { attemptMs: 500, callMs: 2_000, sourceMs: 3_000 },
      detail: 'Trusted Advisor through the organization: ',
    },
  ]
  it.each(hangCases)(
    'a hung organization endpoint, ended by $name: Trusted Advisor an error for every account, the rest read',
    async ({ timeouts, detail }) => {
      const { fake, managementId } = await start(true, (scenario) => {
        for (const account of scenario.accounts) account.credentialReport.initialState = 'ready'
        scenario.faults.hangs.push({ api: 'ListOrganizationRecommendations' })
      })
      const options = fakeOptions(fake, {
        regions: ['us-east-1'],
        trustedAdvisor: { organizationAccountId: managementId },
        timeouts,
        retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 },
      })
      const started = performance.now()
      const { bundles, summary } = await runCollection(options)
      // Documented bound: the organization read's deadline, then the accounts' own sources; 15 s is generous.
      expect(performance.now() - started).toBeLessThan(15_000)
      expect(fake.counts.total({ api: 'ListOrganizationRecommendations', outcome: 'hung' })).toBeGreaterThan(
        0,
      )
      // The hang is never taken for "not available": no account is asked on its own, and none is ok.
      expect(fake.counts.total({ api: 'ListRecommendations' })).toBe(0)
      expect(summary.totals).toMatchObject({ accounts: 6, ok: 0, partial: 6 })
      for (const account of fake.scenario.accounts) {
        const outcome = summary.accounts.find((a) => a.accountId === account.id)
        expect(outcome?.sources.trustedAdvisor).toMatchObject({ state: 'error' })
        expect(outcome?.sources.trustedAdvisor.detail).toContain(detail)
        const bundle = bundles.get(account.id)
        expect(bundle?.trustedAdvisor).toMatchObject({ status: { state: 'error' }, records: null })
        expect(bundle?.credentialReport.status).toEqual({ state: 'ok' })
        expect(bundle?.identity.status).toEqual({ state: 'ok' })
        expect(bundle?.accessAnalyzer.records?.regions.length).toBe(1)
      }
    },
  )
})
