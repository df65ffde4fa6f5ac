import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import type { Target } from '../../shared/ipc/domains/aws'
import type { CollectProgress, CollectSummary } from '../../shared/ipc/domains/collect'
import { createCollectService } from '../../src-main/collect/service'
import { type FakeAws, generateOrganization, startFakeAws } from '../fake-aws/index'

let fake: FakeAws
beforeAll(async () => {
  const scenario = generateOrganization({ seed: 11, accounts: 4 })
  const broken = scenario.accounts[2]
  scenario.faults = {
    ...scenario.faults,
    // Fails every attempt of the first run, then lets the retry through.
    errorBursts: [{ api: 'GetCallerIdentity', accountId: broken?.id, count: 2, status: 500 }],
  }
  fake = await startFakeAws({ scenario })
})
afterAll(() => fake?.close())

function service() {
  const events = {
    progress: [] as CollectProgress[],
    bundles: [] as EvidenceBundle[],
    summaries: [] as CollectSummary[],
  }
  const svc = createCollectService({
    resolveTargets: async (request) => request.targets ?? [],
    credentialsFor: (target) => async () => fake.staticCredentials(target.accountId),
    clientConfig: () => ({ endpoint: fake.endpoint }),
    onProgress: (p) => events.progress.push(p),
    onBundle: (_jobId, bundle) => events.bundles.push(bundle),
    onSummary: (s) => events.summaries.push(s),
    onCrash: (_jobId, error) => {
      throw error
    },
    tuning: {
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
      sleep: async () => {},
      rateLimits: { default: { perSecond: 1000, burst: 1000 } },
    },
  })
  return { svc, events }
}

const targets = (): Target[] =>
  fake.scenario.accounts.map((a) => ({
    id: `sso:org:${a.id}`,
    kind: 'sso',
    accountId: a.id,
    accountName: a.name,
  }))

describe('the collect service', () => {
  it('runs a job in the background, then retries just the account that failed', async () => {
    const { svc, events } = service()
    const { jobId, accountCount } = await svc.start({ targets: targets(), regions: ['us-east-1'] })
    expect(accountCount).toBe(4)
    const summary = await svc.finished(jobId)
    expect(events.summaries).toEqual([summary])
    // The identity call failed, but the account was known in advance: the other sources are kept.
    expect(summary.totals).toMatchObject({ ok: 3, partial: 1, failed: 0 })
    expect(summary.accounts[2]?.sources).toMatchObject({
      identity: { state: 'error' },
      credentialReport: { state: 'ok' },
    })
    expect(events.bundles).toHaveLength(4)
    expect(events.progress.every((p) => p.jobId === jobId)).toBe(true)

    fake.resetCounts()
    const retry = svc.retryFailed(jobId)
    expect(retry.accountCount).toBe(1)
    const second = await svc.finished(retry.jobId)
    expect(second.totals).toMatchObject({ accounts: 1, ok: 1 })
    const broken = fake.scenario.accounts[2]?.id
    expect(fake.counts.entries().map((e) => [e.accountId, e.api])).toEqual([
      [broken, 'GetCallerIdentity'],
      [broken, 'ListAccountAliases'],
    ])
    expect(events.bundles.at(-1)?.accountId).toBe(broken)
    expect(() => svc.retryFailed(retry.jobId)).toThrow('Every account of that collection succeeded.')
  })

  it('narrows to the account ids asked for, and refuses an empty selection', async () => {
    const { svc } = service()
    const first = fake.scenario.accounts[0]?.id ?? ''
    const { accountCount, jobId } = await svc.start({
      targets: targets(),
      accountIds: [first],
      regions: ['us-east-1'],
    })
    expect(accountCount).toBe(1)
    await svc.finished(jobId)
    await expect(svc.start({ targets: targets(), accountIds: ['999999999999'] })).rejects.toMatchObject({
      code: 'no-targets',
    })
    expect(svc.cancel('unknown')).toEqual({ isCancelled: false })
  })

  it('turns a malformed offline folder into one typed error', async () => {
    const { svc } = service()
    const dir = join(import.meta.dirname, '../fixtures/evidence/malformed/bad-csv')
    const failure = await svc.importFolder(dir).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(AppError)
    expect(failure).toMatchObject({
      code: 'invalid-evidence-folder',
      message:
        'Nothing was imported: 555566667777/credential-report.csv: line 3, field mfa_active: "maybe" is not true or false',
    })
  })
})
