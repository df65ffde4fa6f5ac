/**
 * Collection bench: a synthetic organization (200 and 1,000 accounts) on the fake AWS (40 ms ± 10 ms per
 * call, credential reports that take 2 s to generate, AWS-style quotas per account and API, the IAM Identity
 * Center portal's quota per user session), collected through IAM Identity Center (discovery, then role
 * credentials per account) by the real AWS service and orchestrator in a child process. Wall time is held
 * against the ideal bound (what AWS's own quotas and latencies allow, never the client's settings), API calls
 * against the minimum the scenario needs. Run alone with `npx tsx bench/collection.ts [accounts…]`.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { defaultRateLimits, type RateLimits } from '../src-main/collect/rate-limit'
import { type FakeAws, generateOrganization, type Scenario, startFakeAws } from '../test/fake-aws/index'
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
/** The fake portal's quota per user session (its default; the client's default pacing is the same figure). */
const PORTAL_QUOTA = { ratePerSecond: 20, burst: 20 }
/** Accounts per ListAccounts page (the client asks for 100, the portal's maximum). */
const ACCOUNTS_PAGE = 100
const SSO_SESSION = 'bench'

export interface CollectionResult {
  accounts: number
  settings: {
    latency: typeof LATENCY
    fakeThrottlePerAccount: typeof FAKE_THROTTLE
    portalQuota: typeof PORTAL_QUOTA
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
  /** Every portal call (account pages, role lists, role credentials) over the session's portal quota. */
  portalBoundMs: number
  /** The child's sign-in-to-targets time (ListAccounts, ListAccountRoles). */
  discoveryMs: number
  /** The same calls answered at once by the fake (no latency, no quota, reports ready), in the same run. */
  machineBoundMs: number
  ratio: number
  callsMade: number
  callsMinimum: number
  redundantCalls: number
  perApi: Array<{ api: string; made: number; minimum: number; ok: number; throttled: number; failed: number }>
  throttled: number
  peakRssBytes: number
  /** CPU time of the collecting process, and per API call made. */
  cpuMs: number
  cpuPerCallMs: number
  outcome: ChildOutput['totals']
  /** The accounts that were not ok, and why (the collector's own statuses). */
  problems: string[]
}

function buildScenario(accounts: number): Scenario {
  const scenario = generateOrganization({ seed: 20261128, accounts, regions: REGIONS, ssoUsers: 1 })
  scenario.sso.portalQuota = { ...PORTAL_QUOTA }
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
  // Through IAM Identity Center: its page of ListAccounts, its ListAccountRoles, its GetRoleCredentials.
  calls.ListAccountRoles = 1
  calls.GetRoleCredentials = 1
  // The three portal calls, identity, then the three sources in parallel, at most perAccount calls in flight.
  const chain = 3 + 1 + Math.max(reportChain, taChain, aaChain, Math.ceil((total - 1) / PER_ACCOUNT))
  return { calls, chain }
}

/** The time a token-bucket quota needs for `calls` calls (the burst is free). */
function quotaMs(calls: number, quota: { ratePerSecond: number; burst: number } = FAKE_THROTTLE): number {
  return (Math.max(0, calls - quota.burst) / quota.ratePerSecond) * 1000
}

/** Signs the session's user in to the fake (token cache and config in a new HOME) and runs the child. */
async function collectThroughSso(fake: FakeAws, input: Omit<ChildInput, 'env' | 'ssoSession'>, env = {}) {
  const home = await mkdtemp(join(tmpdir(), 'ratchet-bench-collect-'))
  try {
    await fake.writeSsoLogin(home, { session: SSO_SESSION })
    return await runChild({
      ...input,
      ssoSession: SSO_SESSION,
      env: { ...fake.env, HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config'), ...env },
    })
  } finally {
    await rm(home, { recursive: true, force: true })
  }
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
async function machineBound(
  accounts: number,
  input: Omit<ChildInput, 'env' | 'ssoSession'>,
): Promise<number> {
  const scenario = buildScenario(accounts)
  scenario.faults = { ...scenario.faults, latency: { fixedMs: 0, jitterMs: 0 }, throttle: [] }
  scenario.sso.portalQuota = null
  const fake = await startFakeAws({ scenario })
  try {
    // No portal quota on the fake, so none paced by the client either.
    const child = await collectThroughSso(
      fake,
      { ...input, credentialReport: { pollDelayMs: 0, maxPollDelayMs: 0 } },
      { RATCHET_SSO_PORTAL_RPS: '1000000' },
    )
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
    const input = {
      regions: REGIONS,
      concurrency: CONCURRENCY,
      rateLimits,
      credentialReport: { pollDelayMs: REPORT.pollDelayMs, maxPollDelayMs: REPORT.pollDelayMs },
    }
    const child = await collectThroughSso(fake, input)
    const minimum: Record<string, number> = { ListAccounts: Math.ceil(accounts / ACCOUNTS_PAGE) }
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
    const portalCalls = ['ListAccounts', 'ListAccountRoles', 'GetRoleCredentials'].reduce(
      (n, api) => n + (minimum[api] ?? 0),
      0,
    )
    const portalBoundMs = quotaMs(portalCalls, PORTAL_QUOTA)
    const machineBoundMs = await machineBound(accounts, input)
    const idealMs = Math.max(rateBoundMs, criticalPathMs, portalBoundMs, machineBoundMs)
    const callsMade = entries.length
    const callsMinimum = perApi.reduce((n, r) => n + r.minimum, 0)
    return {
      accounts: fake.scenario.accounts.length,
      settings: {
        latency: LATENCY,
        fakeThrottlePerAccount: FAKE_THROTTLE,
        portalQuota: PORTAL_QUOTA,
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
      portalBoundMs,
      discoveryMs: child.discoveryMs,
      machineBoundMs,
      ratio: child.wallMs / idealMs,
      callsMade,
      callsMinimum,
      // Successful calls beyond the minimum; throttled attempts are reported apart.
      redundantCalls: perApi.reduce((n, r) => n + Math.max(0, r.ok + r.failed - r.minimum), 0),
      perApi,
      throttled: perApi.reduce((n, r) => n + r.throttled, 0),
      peakRssBytes: child.maxRssBytes,
      cpuMs: child.cpuMs,
      cpuPerCallMs: child.cpuMs / callsMade,
      outcome: child.totals,
      problems: child.problems,
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
    const { perApi, settings: _settings, ...figures } = r
    // Throttled attempts by API, so a quota that the client's defaults exceed shows where.
    const throttledBy = Object.fromEntries(
      perApi.filter((a) => a.throttled > 0).map((a) => [a.api, a.throttled]),
    )
    process.stdout.write(`${JSON.stringify({ ...figures, throttledBy })}\n`)
  }
}
