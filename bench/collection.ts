/**
 * Collection bench: a 200-account synthetic organization on the fake AWS (40 ms ± 10 ms per call, credential
 * reports that take 2 s to generate, a per-API rate limit), collected by the real orchestrator in a child
 * process. Wall time is held against the ideal bound, API calls against the minimum the scenario needs.
 */
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { defaultRateLimits, type RateLimits } from '../src-main/collect/rate-limit'
import { generateOrganization, type Scenario, startFakeAws } from '../test/fake-aws/index'
import { expectedOkCalls } from '../test/integration/collect-support'
import type { ChildInput, ChildOutput } from './collect-child'

export const COLLECTION_ACCOUNTS = 200
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2']
const LATENCY = { fixedMs: 30, jitterMs: 20 }
const MEAN_LATENCY_MS = LATENCY.fixedMs + LATENCY.jitterMs / 2
/** The fake's limit, per API and per account (as AWS applies them). */
const FAKE_THROTTLE = { ratePerSecond: 10, burst: 10 }
/** The fake models report generation as polls; one "in progress" poll at a 1 s poll delay = 2 s. */
const REPORT = { pollsUntilComplete: 1, pollDelayMs: 1000, generationMs: 2000 }
/** Accounts in parallel: the default 8 barely reaches 10 GenerateCredentialReport/s, so the bench gives 32. */
const CONCURRENCY = { accounts: 32, perAccount: 4 }

const SERVICE_OF: Record<string, string> = {
  GetCallerIdentity: 'sts',
  ListAccountAliases: 'iam',
  GetAccountSummary: 'iam',
  GetAccountPasswordPolicy: 'iam',
  GetCredentialReport: 'iam',
  GenerateCredentialReport: 'iam',
  ListRecommendations: 'trustedadvisor',
  ListRecommendationResources: 'trustedadvisor',
  ListAnalyzers: 'accessanalyzer',
  ListFindings: 'accessanalyzer',
  ListFindingsV2: 'accessanalyzer',
}

export interface CollectionResult {
  accounts: number
  settings: {
    latency: typeof LATENCY
    fakeThrottlePerAccount: typeof FAKE_THROTTLE
    report: typeof REPORT
    concurrency: typeof CONCURRENCY
    rateLimits: RateLimits
    regions: string[]
  }
  wallMs: number
  idealMs: number
  rateBoundMs: number
  rateBoundApi: string
  criticalPathMs: number
  ratio: number
  callsMade: number
  callsMinimum: number
  redundantCalls: number
  perApi: Array<{ api: string; made: number; minimum: number; ok: number; throttled: number; failed: number }>
  throttled: number
  peakRssBytes: number
  outcome: ChildOutput['totals']
}

function buildScenario(): Scenario {
  const scenario = generateOrganization({ seed: 20261128, accounts: COLLECTION_ACCOUNTS, regions: REGIONS })
  for (const account of scenario.accounts) {
    account.credentialReport = { initialState: 'absent', pollsUntilComplete: REPORT.pollsUntilComplete }
    account.disabledRegions = []
  }
  scenario.faults = {
    ...scenario.faults,
    latency: LATENCY,
    throttle: [{ ...FAKE_THROTTLE }],
    errorBursts: [],
    drops: [],
    accessDenied: [],
  }
  return scenario
}

const isSubscribed = (a: Scenario['accounts'][number]) =>
  a.supportPlan === 'business' || a.supportPlan === 'enterprise'

/** Minimum calls per API for one account, and its longest chain of dependent calls. */
function minimumFor(account: Scenario['accounts'][number]): { calls: Record<string, number>; chain: number } {
  const calls = expectedOkCalls(account, REGIONS, { isTaDenied: false })
  // No password policy is answered with NoSuchEntity: still one call, and the answer is evidence.
  calls.GetAccountPasswordPolicy = 1
  // An account without a Business plan answers the first Trusted Advisor call with a denial: one call.
  if (!isSubscribed(account)) calls.ListRecommendations = 1
  const generate = calls.GenerateCredentialReport ?? 0
  const reportChain = generate + 1
  const taChain = isSubscribed(account)
    ? 1 +
      Math.max(
        0,
        ...account.trustedAdvisor.map((rec) => (rec.resources.some((r) => r.status !== 'ok') ? 1 : 0)),
      )
    : 1
  const aaChain =
    1 + Math.max(0, ...REGIONS.map((r) => ((account.accessAnalyzer[r] ?? []).length > 0 ? 1 : 0)))
  const total = Object.values(calls).reduce((a, b) => a + b, 0)
  // Identity first, then the three sources in parallel, at most perAccount calls in flight.
  const chain = 1 + Math.max(reportChain, taChain, aaChain, Math.ceil((total - 1) / CONCURRENCY.perAccount))
  return { calls, chain }
}

function rateFor(api: string, limits: RateLimits) {
  return limits[`${SERVICE_OF[api] ?? ''}:${api}`] ?? limits.default
}

function runChild(input: ChildInput): Promise<ChildOutput> {
  return new Promise((resolvePromise, reject) => {
    const tsx = resolve(import.meta.dirname, '../node_modules/.bin/tsx')
    const child = spawn(tsx, [resolve(import.meta.dirname, 'collect-child.ts'), JSON.stringify(input)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
    })
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString()
    })
    child.on('error', reject)
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? ''
      if (code !== 0 || !line) reject(new Error(`collect-child exited ${code}: ${err.slice(-2000)}`))
      else resolvePromise(JSON.parse(line) as ChildOutput)
    })
  })
}

/** Runs the collection bench once. */
export async function benchCollection(): Promise<CollectionResult> {
  const scenario = buildScenario()
  const fake = await startFakeAws({ scenario })
  const rateLimits = defaultRateLimits
  try {
    const input: ChildInput = {
      endpoint: fake.endpoint,
      accountIds: fake.scenario.accounts.map((a) => a.id),
      regions: REGIONS,
      concurrency: CONCURRENCY,
      rateLimits,
      credentialReport: { pollDelayMs: REPORT.pollDelayMs, maxPollDelayMs: REPORT.pollDelayMs },
    }
    const child = await runChild(input)
    const minimum: Record<string, number> = {}
    let longestChain = 0
    for (const account of fake.scenario.accounts) {
      const { calls, chain } = minimumFor(account)
      for (const [api, n] of Object.entries(calls)) minimum[api] = (minimum[api] ?? 0) + n
      longestChain = Math.max(longestChain, chain)
    }
    const entries = fake.counts.entries()
    const apis = [...new Set([...Object.keys(minimum), ...entries.map((e) => e.api)])].sort()
    const perApi = apis.map((api) => {
      const of = entries.filter((e) => e.api === api)
      return {
        api,
        made: of.length,
        minimum: minimum[api] ?? 0,
        ok: of.filter((e) => e.outcome === 'ok').length,
        throttled: of.filter((e) => e.outcome === 'throttled').length,
        failed: of.filter((e) => e.outcome !== 'ok' && e.outcome !== 'throttled').length,
      }
    })
    let rateBoundMs = 0
    let rateBoundApi = ''
    for (const row of perApi) {
      const ms = (row.minimum / rateFor(row.api, rateLimits).perSecond) * 1000
      if (ms > rateBoundMs) {
        rateBoundMs = ms
        rateBoundApi = row.api
      }
    }
    const criticalPathMs = longestChain * MEAN_LATENCY_MS + REPORT.generationMs
    const idealMs = Math.max(rateBoundMs, criticalPathMs)
    const callsMade = entries.length
    const callsMinimum = perApi.reduce((n, r) => n + r.minimum, 0)
    return {
      accounts: fake.scenario.accounts.length,
      settings: {
        latency: LATENCY,
        fakeThrottlePerAccount: FAKE_THROTTLE,
        report: REPORT,
        concurrency: CONCURRENCY,
        rateLimits,
        regions: REGIONS,
      },
      wallMs: child.wallMs,
      idealMs,
      rateBoundMs,
      rateBoundApi,
      criticalPathMs,
      ratio: child.wallMs / idealMs,
      callsMade,
      callsMinimum,
      redundantCalls: perApi.reduce((n, r) => n + Math.max(0, r.made - r.minimum), 0),
      perApi,
      throttled: perApi.reduce((n, r) => n + r.throttled, 0),
      peakRssBytes: child.maxRssBytes,
      outcome: child.totals,
    }
  } finally {
    await fake.close()
  }
}
