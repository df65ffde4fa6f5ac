/**
 * Collection bench: a synthetic organization (200 and 1,000 accounts) on the fake AWS (40 ms ± 10 ms per
 * call, credential reports that take 2 s to generate, AWS-style quotas per account and API), collected by the
 * real orchestrator in a child process. Wall time is held against the ideal bound (what AWS's own quotas and
 * latencies allow, never the client's settings), API calls against the minimum the scenario needs.
 * Run alone with `npx tsx bench/collection.ts [accounts…]`.
 */
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { defaultRateLimits, type RateLimits } from '../src-main/collect/rate-limit'
import { generateOrganization, type Scenario, startFakeAws } from '../test/fake-aws/index'
import { expectedOkCalls } from '../test/integration/collect-support'
import type { ChildInput, ChildOutput } from './collect-child'

export const COLLECTION_ACCOUNTS = [200, 1000]
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2']
const LATENCY = { fixedMs: 30, jitterMs: 20 }
const MEAN_LATENCY_MS = LATENCY.fixedMs + LATENCY.jitterMs / 2
/** The fake's limit, per API and per account (as AWS applies them). */
const FAKE_THROTTLE = { ratePerSecond: 10, burst: 10 }
/** The fake models report generation as polls; one "in progress" poll at a 1 s poll delay = 2 s. */
const REPORT = { pollsUntilComplete: 1, pollDelayMs: 1000, generationMs: 2000 }
/**
 * Calls in flight per account: the default 4. Accounts in flight: 64. AWS's quotas are per account, so only
 * this machine limits how many run together; with all 1,000 at once this 2-core machine fell behind (4,000
 * requests in flight, calls past their deadline: 727 accounts partial), so the bench keeps 64.
 */
const PER_ACCOUNT = 4
const ACCOUNTS_IN_FLIGHT = 64

export interface CollectionResult {
  accounts: number
  settings: {
    latency: typeof LATENCY
    fakeThrottlePerAccount: typeof FAKE_THROTTLE
    report: typeof REPORT
    concurrency: { accounts: number; perAccount: number }
    rateLimits: RateLimits
    regions: string[]
  }
  wallMs: number
  idealMs: number
  rateBoundMs: number
  rateBoundApi: string
  criticalPathMs: number
  /** The same calls answered at once by the fake (no latency, no quota, reports ready), in the same run. */
  machineBoundMs: number
  ratio: number
  callsMade: number
  callsMinimum: number
  redundantCalls: number
  perApi: Array<{ api: string; made: number; minimum: number; ok: number; throttled: number; failed: number }>
  throttled: number
  peakRssBytes: number
  outcome: ChildOutput['totals']
}

function buildScenario(accounts: number): Scenario {
  const scenario = generateOrganization({ seed: 20261128, accounts, regions: REGIONS })
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
  const chain = 1 + Math.max(reportChain, taChain, aaChain, Math.ceil((total - 1) / PER_ACCOUNT))
  return { calls, chain }
}

/** The time AWS's own quota on one API of one account needs for `calls` calls (the burst is free). */
function quotaMs(calls: number): number {
  return (Math.max(0, calls - FAKE_THROTTLE.burst) / FAKE_THROTTLE.ratePerSecond) * 1000
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

/**
 * The machine bound: the same organization and calls, answered at once by a fake with no latency, no quota
 * and no report generation time, collected the same way. What this machine needs to sign, send, parse and
 * store every call, whatever AWS does.
 */
async function machineBound(accounts: number, input: ChildInput): Promise<number> {
  const scenario = buildScenario(accounts)
  scenario.faults = { ...scenario.faults, latency: { fixedMs: 0, jitterMs: 0 }, throttle: [] }
  const fake = await startFakeAws({ scenario })
  try {
    const child = await runChild({
      ...input,
      endpoint: fake.endpoint,
      credentialReport: { pollDelayMs: 0, maxPollDelayMs: 0 },
    })
    return child.wallMs
  } finally {
    await fake.close()
  }
}

/** Runs the collection bench once for `accounts` accounts. */
export async function benchCollection(accounts = COLLECTION_ACCOUNTS[0] ?? 200): Promise<CollectionResult> {
  const CONCURRENCY = { accounts: Math.min(accounts, ACCOUNTS_IN_FLIGHT), perAccount: PER_ACCOUNT }
  const scenario = buildScenario(accounts)
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
    // Each account's calls over its own per-API quota: AWS applies its quotas per account.
    let rateBoundMs = 0
    let rateBoundApi = ''
    for (const account of fake.scenario.accounts) {
      const { calls, chain } = minimumFor(account)
      for (const [api, n] of Object.entries(calls)) {
        minimum[api] = (minimum[api] ?? 0) + n
        if (quotaMs(n) > rateBoundMs) {
          rateBoundMs = quotaMs(n)
          rateBoundApi = `${api} (account ${account.id})`
        }
      }
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
    const criticalPathMs = longestChain * MEAN_LATENCY_MS + REPORT.generationMs
    const machineBoundMs = await machineBound(accounts, input)
    const idealMs = Math.max(rateBoundMs, criticalPathMs, machineBoundMs)
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
      machineBoundMs,
      ratio: child.wallMs / idealMs,
      callsMade,
      callsMinimum,
      // Successful calls beyond the minimum; throttled attempts are reported apart.
      redundantCalls: perApi.reduce((n, r) => n + Math.max(0, r.ok + r.failed - r.minimum), 0),
      perApi,
      throttled: perApi.reduce((n, r) => n + r.throttled, 0),
      peakRssBytes: child.maxRssBytes,
      outcome: child.totals,
    }
  } finally {
    await fake.close()
  }
}

/** `npx tsx bench/collection.ts [accounts…]`: the collection part of the bench alone. */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0)
  for (const accounts of sizes.length > 0 ? sizes : COLLECTION_ACCOUNTS) {
    const r = await benchCollection(accounts)
    const { perApi: _perApi, settings: _settings, ...figures } = r
    process.stdout.write(`${JSON.stringify(figures)}\n`)
  }
}
