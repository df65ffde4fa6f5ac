import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import type { CollectProgress } from '../../shared/ipc/domains/collect'
import { type CollectOptions, type CollectTarget, runCollection } from '../../src-main/collect/orchestrator'
import { type FakeAws, generateOrganization, type Scenario, startFakeAws } from '../fake-aws/index'

/** Orchestrator options for the fake: static keys per account, the fake's endpoint, fast retries, no waits. */
export function fakeOptions(
  fake: FakeAws,
  overrides: Partial<CollectOptions<CollectTarget>> = {},
): CollectOptions<CollectTarget> & { progress: CollectProgress[]; stored: EvidenceBundle[] } {
  const progress: CollectProgress[] = []
  const stored: EvidenceBundle[] = []
  return {
    jobId: 'job-1',
    targets: fake.scenario.accounts.map((a) => ({ key: a.id, label: a.name, accountId: a.id })),
    credentialsFor: (target) => fake.staticCredentials(target.accountId ?? target.key),
    clientConfig: () => ({ endpoint: fake.endpoint }),
    retry: { maxAttempts: 8, baseDelayMs: 10, maxDelayMs: 200 },
    rateLimits: { default: { perSecond: 5000, burst: 5000 } },
    sleep: async () => {},
    onProgress: (p) => progress.push(p),
    onBundle: (bundle) => {
      stored.push(bundle)
    },
    progress,
    stored,
    ...overrides,
  }
}

/** Temporary folders for a test file: `make()` creates one, `removeAll()` (in afterEach/afterAll) removes them. */
export function tempDirs(prefix: string) {
  const made: string[] = []
  return {
    async make(): Promise<string> {
      const dir = await mkdtemp(join(tmpdir(), prefix))
      made.push(dir)
      return dir
    },
    async removeAll(): Promise<void> {
      for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true })
    },
  }
}

export const run = (options: CollectOptions<CollectTarget>) => runCollection(options)

/** How many pages a listing of n items takes (an empty listing is one call). */
export const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size))

type Account = Scenario['accounts'][number]

/** The API calls (successful ones) the collectors must make for one account, derived from the scenario alone. */
export function expectedOkCalls(account: Account, regions: string[], options: { isTaDenied: boolean }) {
  const calls: Record<string, number> = {
    GetCallerIdentity: 1,
    ListAccountAliases: 1,
    GetAccountSummary: 1,
    GetAccountPasswordPolicy: account.passwordPolicy ? 1 : 0,
    GetCredentialReport: 1,
    // No probe first: a ready report is answered COMPLETE by the first GenerateCredentialReport.
    GenerateCredentialReport:
      account.credentialReport.initialState === 'ready' ? 1 : account.credentialReport.pollsUntilComplete + 2,
    ListRecommendations: 0,
    ListRecommendationResources: 0,
    ListAnalyzers: 0,
    ListFindings: 0,
    ListFindingsV2: 0,
  }
  const isSubscribed = account.supportPlan === 'business' || account.supportPlan === 'enterprise'
  if (isSubscribed && !options.isTaDenied) {
    calls.ListRecommendations = 2
    for (const rec of account.trustedAdvisor) {
      const w = rec.resources.filter((r) => r.status === 'warning').length
      const e = rec.resources.filter((r) => r.status === 'error').length
      const total = rec.resources.length
      const filtered = (w > 0 ? Math.ceil(w / 200) : 0) + (e > 0 ? Math.ceil(e / 200) : 0)
      calls.ListRecommendationResources =
        (calls.ListRecommendationResources ?? 0) +
        (w > 0 && e > 0 ? Math.min(Math.ceil(total / 200), filtered) : filtered)
    }
  }
  for (const region of regions) {
    if (account.disabledRegions.includes(region)) continue
    calls.ListAnalyzers = (calls.ListAnalyzers ?? 0) + 1
    for (const analyzer of account.accessAnalyzer[region] ?? []) {
      if (analyzer.status !== 'ACTIVE') continue
      const active = analyzer.findings.filter((f) => f.status === 'ACTIVE').length
      const api =
        analyzer.type === 'ACCOUNT' || analyzer.type === 'ORGANIZATION' ? 'ListFindings' : 'ListFindingsV2'
      calls[api] = (calls[api] ?? 0) + pages(active, 1000)
    }
  }
  return calls
}

/** Every file under a folder, by path relative to it, with its bytes (base64): to prove files are untouched. */
export async function snapshotFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files.set(path.slice(dir.length + 1), await readFile(path, 'base64'))
  }
  return files
}

/**
 * A generated organization (credential reports ready, `adjust` for the rest) on the fake AWS, with its SSO
 * user signed in to session `corp` in a new HOME. `close` stops the fake and removes the HOME.
 */
export async function startSignedInOrg(
  seed: number,
  accounts: number,
  adjust: (s: Scenario) => void = () => {},
  tokenExpiresAt?: Date,
) {
  const scenario = generateOrganization({ seed, accounts })
  for (const account of scenario.accounts) account.credentialReport.initialState = 'ready'
  adjust(scenario)
  const fake = await startFakeAws({ scenario })
  const home = await mkdtemp(join(tmpdir(), 'ratchet-signed-in-'))
  await fake.writeSsoLogin(home, {
    session: 'corp',
    ...(tokenExpiresAt ? { expiresAt: tokenExpiresAt } : {}),
  })
  return {
    fake,
    home,
    env: { ...fake.env, HOME: home, AWS_CONFIG_FILE: join(home, '.aws/config') },
    async close() {
      await fake.close()
      await rm(home, { recursive: true, force: true })
    },
  }
}
