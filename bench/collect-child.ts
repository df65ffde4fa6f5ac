/**
 * The collecting process of the collection bench: runs the real orchestrator against the fake AWS whose
 * endpoint and settings arrive as JSON on argv[2], and prints one JSON line with its timings, per-API call
 * counts and peak RSS. Kept apart from the fake server so the peak memory is the collector's alone.
 */
import { type CollectTarget, runCollection } from '../src-main/collect/orchestrator'
import type { RateLimits } from '../src-main/collect/rate-limit'
import { staticKeyFor } from '../test/fake-aws/index'

export interface ChildInput {
  endpoint: string
  accountIds: string[]
  regions: string[]
  concurrency: { accounts: number; perAccount: number }
  rateLimits: RateLimits
  credentialReport: { pollDelayMs: number; maxPollDelayMs: number }
}

export interface ChildOutput {
  wallMs: number
  calls: Record<string, number>
  totals: { ok: number; partial: number; failed: number; cancelled: number }
  maxRssBytes: number
  bundles: number
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as ChildInput
  const targets: CollectTarget[] = input.accountIds.map((id) => ({ key: id, label: id, accountId: id }))
  const started = performance.now()
  const run = await runCollection({
    jobId: 'bench',
    targets,
    credentialsFor: (target) => staticKeyFor(target.accountId ?? target.key),
    clientConfig: () => ({ endpoint: input.endpoint }),
    regions: input.regions,
    concurrency: input.concurrency,
    rateLimits: input.rateLimits,
    retry: { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 2000 },
    credentialReport: input.credentialReport,
  })
  const wallMs = performance.now() - started
  const output: ChildOutput = {
    wallMs,
    calls: run.summary.calls,
    totals: run.summary.totals,
    // resourceUsage().maxRSS is in kilobytes.
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    bundles: run.bundles.size,
  }
  process.stdout.write(`${JSON.stringify(output)}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
