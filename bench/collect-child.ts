/**
 * The collecting process of the collection bench: signs in through IAM Identity Center on the fake AWS (the
 * token cache and config are in `home`), discovers the session's accounts (ListAccounts, ListAccountRoles),
 * then runs the real orchestrator with each account's role credentials (GetRoleCredentials, paced within the
 * portal quota), as the app and the CLI do. Settings arrive as JSON on argv[2]; prints one JSON line with
 * its timings, per-API call counts and peak RSS. Kept apart from the fake server so the peak memory is the
 * collector's alone.
 */
import { defaultRolePreference } from '../shared/ipc/domains/aws'
import { createAwsService } from '../src-main/aws/aws-service'
import { clientConfigFor } from '../src-main/aws/client-config'
import { runCollection } from '../src-main/collect/orchestrator'
import type { RateLimits } from '../src-main/collect/rate-limit'
import { toCollectTarget } from '../src-main/collect/service'

export interface ChildInput {
  /** The environment of the services: the fake's endpoints, HOME with the SSO login, the portal quota. */
  env: Record<string, string>
  ssoSession: string
  regions: string[]
  concurrency: { accounts: number; perAccount: number }
  rateLimits: RateLimits
  credentialReport: { pollDelayMs: number; maxPollDelayMs: number }
}

export interface ChildOutput {
  wallMs: number
  /** Sign-in to targets: ListAccounts and ListAccountRoles. */
  discoveryMs: number
  calls: Record<string, number>
  totals: { ok: number; partial: number; failed: number; cancelled: number }
  maxRssBytes: number
  bundles: number
  /** CPU time of the collecting process (user + system), which a loaded machine does not inflate as it does wall time. */
  cpuMs: number
  /** Why each account that was not ok is not: its failed sources and their details (first 10 accounts). */
  problems: string[]
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as ChildInput
  const env = input.env
  const started = performance.now()
  const aws = createAwsService({ env, emitLoginProgress: () => {}, openExternal: async () => {} })
  const discovered = await aws.discoverTargets(input.ssoSession, defaultRolePreference)
  const discoveryMs = performance.now() - started
  const run = await runCollection({
    jobId: 'bench',
    targets: discovered.map(toCollectTarget),
    credentialsFor: (target) => aws.credentials.forTarget(target.target),
    clientConfig: (service) => clientConfigFor(service, env),
    regions: input.regions,
    concurrency: input.concurrency,
    rateLimits: input.rateLimits,
    retry: { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 2000 },
    credentialReport: input.credentialReport,
  })
  const wallMs = performance.now() - started
  const cpu = process.cpuUsage()
  const output: ChildOutput = {
    wallMs,
    discoveryMs,
    calls: run.summary.calls,
    totals: run.summary.totals,
    // resourceUsage().maxRSS is in kilobytes.
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    bundles: run.bundles.size,
    cpuMs: (cpu.user + cpu.system) / 1000,
    problems: run.summary.accounts
      .filter((a) => a.state !== 'ok')
      .slice(0, 10)
      .map(
        (a) =>
          `${a.accountId ?? a.targetKey}: ${Object.entries(a.sources)
            .filter(([, o]) => o.state !== 'ok' && o.state !== 'unavailable')
            .map(([source, o]) => `${source} ${o.state}${o.detail ? ` (${o.detail})` : ''}`)
            .join('; ')}`,
      ),
  }
  process.stdout.write(`${JSON.stringify(output)}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
