import { afterEach, describe, expect, it } from 'vitest'
import { runCollection } from '../../src-main/collect/orchestrator'
import { type FakeAws, generateOrganization, startFakeAws } from '../fake-aws/index'
import { fakeOptions } from './collect-support'

let fake: FakeAws | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

async function start(isPriorityOn: boolean) {
  const scenario = generateOrganization({ seed: 8, accounts: 6 })
  if (scenario.organization) scenario.organization.trustedAdvisorPriority = isPriorityOn
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
})
