import { afterEach, describe, expect, it } from 'vitest'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import { selectEvidence } from '../../shared/evidence/select'
import type { CollectSummary } from '../../shared/ipc/domains/collect'
import { createAwsService } from '../../src-main/aws/aws-service'
import { clientConfigFor } from '../../src-main/aws/client-config'
import { targetResolver } from '../../src-main/collect/handlers'
import { createCollectService } from '../../src-main/collect/service'
import { startSignedInOrg } from './collect-support'

/** SSO faults mid-run: the token expiring (refreshed, as the AWS CLI does) and the session revoked. */
let org: Awaited<ReturnType<typeof startSignedInOrg>> | undefined
afterEach(async () => {
  await org?.close()
  org = undefined
})

async function setUp(expiresAt?: Date, accounts = 3) {
  org = await startSignedInOrg(77, accounts, () => {}, expiresAt)
  return org
}

/** Collects every account of the session, one at a time; `onBundle` runs after each account is stored. */
async function collect(
  env: Record<string, string>,
  onBundle: (bundle: EvidenceBundle) => void = () => {},
  accountIds?: string[],
): Promise<{ summary: CollectSummary; bundles: EvidenceBundle[] }> {
  const aws = createAwsService({ env, emitLoginProgress: () => {}, openExternal: async () => {} })
  const bundles: EvidenceBundle[] = []
  const service = createCollectService({
    resolveTargets: targetResolver(aws),
    credentialsFor: (target) => aws.credentials.forTarget(target),
    clientConfig: (s) => clientConfigFor(s, env),
    onProgress: () => {},
    onBundle: (_jobId, bundle) => {
      bundles.push(bundle)
      onBundle(bundle)
    },
    onSummary: () => {},
    onCrash: () => {},
    tuning: {
      concurrency: { accounts: 1 },
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
      sleep: async () => {},
    },
  })
  const { jobId } = await service.start({
    ssoSession: 'corp',
    regions: ['us-east-1'],
    ...(accountIds ? { accountIds } : {}),
  })
  return { summary: await service.finished(jobId), bundles }
}

describe('SSO faults during a collection', () => {
  it('a token expiring mid-run is refreshed from the cached refresh token, and every account is collected', async () => {
    const { fake: server, env } = await setUp(new Date(Date.now() + 1_000))
    const { summary } = await collect(env)
    expect(summary.totals).toMatchObject({ accounts: 3, ok: 3 })
    expect(server.counts.total({ api: 'CreateToken', outcome: 'ok' })).toBeGreaterThanOrEqual(1)
  })

  it('a session revoked mid-run keeps what finished and says sso-token-expired for the rest', async () => {
    const { fake: server, env } = await setUp()
    let isRevoked = false
    const first = await collect(env, () => {
      if (!isRevoked) server.revokeSsoTokens()
      isRevoked = true
    })
    const [done, ...rest] = first.summary.accounts
    expect(done?.state).toBe('ok')
    for (const account of rest) {
      expect(account.state).toBe('failed')
      expect(JSON.stringify(account)).toContain('sso-token-expired')
    }
    // The account collected before the revocation keeps its evidence whatever the failed attempts say.
    const kept = first.bundles.find((b) => b.accountId === done?.accountId)
    const later = first.bundles.filter((b) => b.accountId === done?.accountId)
    expect(selectEvidence(later)?.bundle.credentialReport).toEqual(kept?.credentialReport)
    for (const bundle of first.bundles.filter((b) => b.accountId !== done?.accountId)) {
      expect(bundle.identity.status).toMatchObject({ state: 'error', code: 'sso-token-expired' })
    }
  })

  it('collecting one account of a 100-account session lists roles and gets credentials for that one only', async () => {
    const { fake: server, env } = await setUp(undefined, 100)
    const one = server.scenario.accounts[42]?.id ?? ''
    const { summary } = await collect(env, () => {}, [one])
    expect(summary.accounts.map((a) => [a.accountId, a.state])).toEqual([[one, 'ok']])
    // One page of accounts (100 fit in it), then the portal only for the account in scope.
    expect(server.counts.total({ api: 'ListAccounts' })).toBe(1)
    expect(server.counts.total({ api: 'ListAccountRoles' })).toBe(1)
    expect(server.counts.total({ api: 'ListAccountRoles', accountId: one })).toBe(1)
    expect(server.counts.total({ api: 'GetRoleCredentials' })).toBe(1)
    expect(server.counts.total({ accountId: one, outcome: 'ok' })).toBe(
      server.counts.total({ accountId: one }),
    )
    expect(server.counts.entries().filter((e) => e.accountId !== null && e.accountId !== one)).toEqual([])
    expect(server.counts.total({ outcome: 'throttled' })).toBe(0)
  })
})
