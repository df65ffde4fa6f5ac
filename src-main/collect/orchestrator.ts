import { setMaxListeners } from 'node:events'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'
import { defaultRegions } from '../../shared/aws/regions'
import { describeZodError } from '../../shared/errors'
import {
  EVIDENCE_SCHEMA_VERSION,
  type EvidenceBundle,
  evidenceBundleSchema,
  type SourceId,
  type SourceStatus,
  sourceIds,
} from '../../shared/evidence/schema'
import type { AccountOutcome, CollectProgress, CollectSummary } from '../../shared/ipc/domains/collect'
import { collectAccessAnalyzer } from './access-analyzer'
import { AccountClients, type ClientConfigFor, defaultRetry, type RetrySettings } from './aws-clients'
import {
  abortableSleep,
  CancelledError,
  type CollectContext,
  createContext,
  errorFacts,
  settleAll,
} from './context'
import {
  type CredentialReportOptions,
  collectCredentialReport,
  defaultCredentialReportOptions,
} from './credential-report'
import { collectIdentity } from './identity'
import { ApiRateLimiter, defaultRateLimits, type RateLimits, Semaphore } from './rate-limit'
import {
  collectTrustedAdvisor,
  defaultFaultToleranceCheckIds,
  type TrustedAdvisorOptions,
} from './trusted-advisor'
import { collectOrganizationTrustedAdvisor, type OrganizationTrustedAdvisor } from './trusted-advisor-org'

/** One account to collect. */
export interface CollectTarget {
  /** Unique within a run: the account id when known in advance, else e.g. the profile name. */
  key: string
  label: string
  /** When known in advance (SSO): the identity call must confirm it. */
  accountId?: string
}

type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider

/** Everything a run depends on, injected so Node tests can run it against the fake AWS. */
export interface CollectOptions<T extends CollectTarget> {
  jobId: string
  targets: T[]
  credentialsFor(target: T): Credentials | Promise<Credentials>
  clientConfig: ClientConfigFor
  /** Access Analyzer Regions, for all targets or per target. Default: `defaultRegions`. */
  regions?: string[] | ((target: T) => string[])
  /** Accounts in parallel (default 8) and API calls in flight per account (default 4). */
  concurrency?: { accounts?: number; perAccount?: number }
  /** Replaces the default limits (give `default` plus any per-API entries). */
  rateLimits?: RateLimits
  retry?: Partial<RetrySettings>
  /** Per HTTP attempt (default 20 s) and per call including retries (default 120 s). */
  timeouts?: { attemptMs?: number; callMs?: number }
  credentialReport?: Partial<CredentialReportOptions>
  trustedAdvisor?: Partial<TrustedAdvisorOptions>
  /** A re-run: per target key, the bundle of the previous run; only what failed in it is collected again. */
  previous?: ReadonlyMap<string, EvidenceBundle>
  signal?: AbortSignal
  onProgress?(progress: CollectProgress): void
  /** Called as soon as an account's bundle is complete, before the run ends. */
  onBundle?(bundle: EvidenceBundle, target: T): void | Promise<void>
  now?(): Date
  sleep?(ms: number, signal: AbortSignal): Promise<void>
}

export interface CollectRun {
  summary: CollectSummary
  /** Per target key. */
  bundles: Map<string, EvidenceBundle>
}

const recordCount = (bundle: Partial<EvidenceBundle>, source: SourceId): number | undefined => {
  const records = bundle[source]?.records
  if (!records) return undefined
  if ('users' in records) return records.users.length
  if ('checks' in records) return records.checks.length
  if ('regions' in records) return records.regions.reduce((n, r) => n + r.findings.length, 0)
  // Identity has nothing to count.
  return undefined
}

const progressState = (status: SourceStatus): CollectProgress['state'] =>
  status.state === 'ok' ? 'done' : status.state === 'unavailable' ? 'unavailable' : 'failed'

const statusDetail = (status: SourceStatus): string | undefined =>
  status.state === 'ok'
    ? undefined
    : status.state === 'unavailable'
      ? `${status.reason}: ${status.message}`
      : `${status.code}: ${status.message}`

/** Collects evidence for every target with bounded concurrency; never throws for one account's failure. */
export async function runCollection<T extends CollectTarget>(
  options: CollectOptions<T>,
): Promise<CollectRun> {
  const now = options.now ?? (() => new Date())
  const signal = options.signal ?? new AbortController().signal
  // Every call in flight listens to the run's signal; hundreds at once is expected, not a leak.
  setMaxListeners(0, signal)
  const startedAt = now().toISOString()
  const limiter = new ApiRateLimiter(options.rateLimits ?? defaultRateLimits)
  const calls: Record<string, number> = {}
  const outcomes = new Map<string, AccountOutcome>()
  const bundles = new Map<string, EvidenceBundle>()
  const emit = (p: CollectProgress) => options.onProgress?.(p)

  for (const target of options.targets) {
    for (const source of ['account', ...sourceIds] as const) {
      emit(base(options.jobId, target, source, 'queued', 0))
    }
  }

  const taOptions: TrustedAdvisorOptions = {
    faultToleranceCheckIds: options.trustedAdvisor?.faultToleranceCheckIds ?? defaultFaultToleranceCheckIds,
  }
  const contextFor = (
    credentials: Credentials,
    expectedAccountId: string | undefined,
    onCall: () => void,
  ) => {
    const clients = new AccountClients({
      credentials,
      clientConfig: options.clientConfig,
      retry: { ...defaultRetry, ...options.retry },
      attemptTimeoutMs: options.timeouts?.attemptMs ?? 20_000,
      limiter,
      signal,
      onAttempt: (api) => {
        onCall()
        calls[api] = (calls[api] ?? 0) + 1
      },
    })
    const ctx: CollectContext = createContext({
      expectedAccountId,
      clients,
      slots: new Semaphore(options.concurrency?.perAccount ?? 4),
      signal,
      callTimeoutMs: options.timeouts?.callMs ?? 120_000,
      now,
      sleep: options.sleep ?? abortableSleep,
    })
    return { clients, ctx }
  }

  // Trusted Advisor through the management account, for every account at once, when asked and available.
  const organization = await (async (): Promise<OrganizationTrustedAdvisor | undefined> => {
    const managementId = options.trustedAdvisor?.organizationAccountId
    const management = options.targets.find((t) => t.accountId === managementId)
    if (!managementId || !management || signal.aborted) return undefined
    try {
      const { clients, ctx } = contextFor(await options.credentialsFor(management), managementId, () => {})
      try {
        return await collectOrganizationTrustedAdvisor(ctx, managementId, taOptions)
      } finally {
        clients.destroy()
      }
    } catch {
      // Not the management account, or Trusted Advisor Priority is off: collect account by account.
      return undefined
    }
  })()

  let next = 0
  const worker = async () => {
    while (next < options.targets.length && !signal.aborted) {
      const target = options.targets[next++] as T
      const outcome = await collectAccount(target)
      outcomes.set(target.key, outcome)
    }
  }

  const collectAccount = async (target: T): Promise<AccountOutcome> => {
    let accountCalls = 0
    let accountId = target.accountId
    const sources: Partial<AccountOutcome['sources']> = {}
    const report = (source: CollectProgress['source'], state: CollectProgress['state'], extra = {}) =>
      emit({
        ...base(options.jobId, target, source, state, accountCalls),
        ...(accountId ? { accountId } : {}),
        ...extra,
      })
    const previous = options.previous?.get(target.key)
    const finish = (state: AccountOutcome['state'], detail?: string): AccountOutcome => {
      const fallback = { state: state === 'cancelled' ? ('cancelled' as const) : ('skipped' as const) }
      const all: AccountOutcome['sources'] = {
        identity: sources.identity ?? fallback,
        credentialReport: sources.credentialReport ?? fallback,
        trustedAdvisor: sources.trustedAdvisor ?? fallback,
        accessAnalyzer: sources.accessAnalyzer ?? fallback,
      }
      for (const source of sourceIds) if (all[source].state === 'cancelled') report(source, 'cancelled')
      report(
        'account',
        state === 'cancelled' ? 'cancelled' : state === 'failed' ? 'failed' : 'done',
        detail ? { detail } : {},
      )
      return {
        targetKey: target.key,
        ...(accountId ? { accountId } : {}),
        label: target.label,
        state,
        ...(detail ? { detail } : {}),
        sources: all,
        calls: accountCalls,
      }
    }
    let credentials: Credentials
    try {
      credentials = await options.credentialsFor(target)
    } catch (error) {
      return finish('failed', `No credentials: ${errorFacts(error).message}`)
    }
    const { clients, ctx } = contextFor(credentials, target.accountId ?? previous?.accountId, () => {
      accountCalls++
    })

    report('account', 'running')
    const bundle: Partial<EvidenceBundle> = {}
    const run = async <K extends SourceId>(source: K, collect: () => Promise<EvidenceBundle[K]>) => {
      const kept = previous?.[source]
      if (kept && kept.status.state !== 'error') {
        bundle[source] = kept
        sources[source] = { state: 'kept' }
        report(source, progressState(kept.status), {
          counts: { calls: accountCalls, records: recordCount(previous, source) },
        })
        return
      }
      report(source, 'running')
      const result = await collect()
      bundle[source] = result
      const detail = statusDetail(result.status)
      sources[source] = { state: result.status.state, ...(detail ? { detail } : {}) }
      report(source, progressState(result.status), {
        ...(detail ? { detail } : {}),
        counts: { calls: accountCalls, records: recordCount(bundle, source) },
      })
    }

    try {
      await run('identity', () => collectIdentity(ctx))
      accountId = bundle.identity?.records?.accountId ?? accountId
      if (!accountId)
        return finish('failed', sources.identity?.detail ?? 'The account could not be identified')
      await settleAll([
        run('credentialReport', () =>
          collectCredentialReport(ctx, { ...defaultCredentialReportOptions, ...options.credentialReport }),
        ),
        run('trustedAdvisor', async () => {
          const viaOrganization = accountId ? organization?.byAccount.get(accountId) : undefined
          if (!organization || !viaOrganization) return collectTrustedAdvisor(ctx, taOptions)
          return accountId === organization.managementAccountId
            ? { ...viaOrganization, raw: [...organization.raw, ...viaOrganization.raw] }
            : viaOrganization
        }),
        run('accessAnalyzer', () => {
          const regions =
            typeof options.regions === 'function'
              ? options.regions(target)
              : (options.regions ?? defaultRegions)
          const before = previous?.accessAnalyzer.records?.regions ?? []
          const keptRegions = before.filter((r) => r.status.state !== 'error' && regions.includes(r.region))
          const keptNames = new Set(keptRegions.map((r) => r.region))
          const keptRaw = (previous?.accessAnalyzer.raw ?? []).filter(
            (p) => p.region && keptNames.has(p.region),
          )
          return collectAccessAnalyzer(
            ctx,
            regions.filter((r) => !keptNames.has(r)),
            { regions: keptRegions, raw: keptRaw },
          )
        }),
      ])
    } catch (error) {
      if (error instanceof CancelledError || signal.aborted) {
        // An unfinished account's evidence is not kept, so every source of it counts as cancelled.
        for (const source of sourceIds) sources[source] = { state: 'cancelled' }
        return finish('cancelled')
      }
      return finish('failed', errorFacts(error).message)
    } finally {
      clients.destroy()
    }

    const parsed = evidenceBundleSchema.safeParse({
      schemaVersion: EVIDENCE_SCHEMA_VERSION,
      accountId,
      collectedAt: now().toISOString(),
      ...bundle,
    })
    if (!parsed.success)
      return finish('failed', `The evidence did not validate: ${describeZodError(parsed.error)}`)
    bundles.set(target.key, parsed.data)
    await options.onBundle?.(parsed.data, target)
    const errors = sourceIds.filter((s) => parsed.data[s].status.state === 'error').length
    return finish(errors === 0 ? 'ok' : errors === sourceIds.length ? 'failed' : 'partial')
  }

  const workers = Math.max(1, Math.min(options.concurrency?.accounts ?? 8, options.targets.length))
  await Promise.all(Array.from({ length: workers }, worker))

  const accounts = options.targets.map((target) => {
    const outcome = outcomes.get(target.key)
    if (outcome) return outcome
    const cancelled: AccountOutcome = {
      targetKey: target.key,
      ...(target.accountId ? { accountId: target.accountId } : {}),
      label: target.label,
      state: 'cancelled',
      sources: {
        identity: { state: 'cancelled' },
        credentialReport: { state: 'cancelled' },
        trustedAdvisor: { state: 'cancelled' },
        accessAnalyzer: { state: 'cancelled' },
      },
      calls: 0,
    }
    emit(base(options.jobId, target, 'account', 'cancelled', 0))
    return cancelled
  })
  const count = (state: AccountOutcome['state']) => accounts.filter((a) => a.state === state).length
  return {
    bundles,
    summary: {
      jobId: options.jobId,
      startedAt,
      finishedAt: now().toISOString(),
      isCancelled: signal.aborted,
      accounts,
      totals: {
        accounts: accounts.length,
        ok: count('ok'),
        partial: count('partial'),
        failed: count('failed'),
        cancelled: count('cancelled'),
      },
      calls,
    },
  }
}

function base(
  jobId: string,
  target: CollectTarget,
  source: CollectProgress['source'],
  state: CollectProgress['state'],
  calls: number,
): CollectProgress {
  return {
    jobId,
    targetKey: target.key,
    ...(target.accountId ? { accountId: target.accountId } : {}),
    label: target.label,
    source,
    state,
    counts: { calls },
  }
}
