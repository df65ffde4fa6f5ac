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
import { bundleState, isGoodStatus, sourceGaps } from '../../shared/evidence/select'
import type { AccountOutcome, CollectProgress, CollectSummary } from '../../shared/ipc/domains/collect'
import { collectAccessAnalyzer } from './access-analyzer'
import {
  AccountClients,
  type ClientConfigFor,
  createSharedAgents,
  defaultRetry,
  type RetrySettings,
  type SharedAgents,
} from './aws-clients'
import {
  abortableSleep,
  CancelledError,
  type CollectContext,
  DeadlineError,
  errorFacts,
  settleAll,
} from './context'
import {
  type CredentialReportOptions,
  collectCredentialReport,
  defaultCredentialReportOptions,
} from './credential-report'
import { collectIdentity } from './identity'
import {
  accountProgress,
  base,
  cancelledStatus,
  outcomeState,
  progressState,
  recordCount,
  statusDetail,
  summarize,
} from './outcomes'
import { ApiRateLimiter, defaultRateLimits, type RateLimits, Semaphore } from './rate-limit'
import { deadlineStatus, isTimeout, noEvidence, runUnderDeadline, type SourceScope } from './source-runner'
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
  /** Accounts in parallel (default 32) and API calls in flight per account (default 4). */
  concurrency?: { accounts?: number; perAccount?: number }
  /** Replaces the default limits per account (give `default` plus any per-API entries). */
  rateLimits?: RateLimits
  retry?: Partial<RetrySettings>
  /**
   * Per HTTP attempt (default 20 s), per call including retries (default 60 s) and per source (default
   * 120 s): a hung service costs that source, never the run.
   */
  timeouts?: { attemptMs?: number; callMs?: number; sourceMs?: number }
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

/** What one account's collection shares with the rest of the run. */
export interface AccountDeps<T extends CollectTarget> {
  options: CollectOptions<T>
  signal: AbortSignal
  now(): Date
  emit(progress: CollectProgress): void
  /** API attempts by `service:Operation`, for the whole run. */
  calls: Record<string, number>
  /**
   * Trusted Advisor through the organization: read for every account; failed for every account (it did not
   * answer in time, so asking each account would only hang on the same service again); or undefined (not
   * asked, or not available: each account is read on its own).
   */
  organization: OrganizationTrustedAdvisor | { failure: SourceStatus } | undefined
  taOptions: TrustedAdvisorOptions
  /** The run's connection pools, shared by every account's clients. */
  agents: SharedAgents
}

/** The clients and limits of one account: its own rate limiter, because AWS's quotas are per account. */
function accountClients<T extends CollectTarget>(
  deps: AccountDeps<T>,
  credentials: Credentials,
  onCall: () => void,
): AccountClients {
  const { options } = deps
  return new AccountClients({
    credentials,
    clientConfig: options.clientConfig,
    retry: { ...defaultRetry, ...options.retry },
    attemptTimeoutMs: options.timeouts?.attemptMs ?? 20_000,
    limiter: new ApiRateLimiter(options.rateLimits ?? defaultRateLimits),
    signal: deps.signal,
    agents: deps.agents,
    onAttempt: (api) => {
      onCall()
      deps.calls[api] = (deps.calls[api] ?? 0) + 1
    },
  })
}

/** The scope of one account's sources: its clients and call slots, and the run's signal, clock and limits. */
function sourceScope<T extends CollectTarget>(
  deps: AccountDeps<T>,
  clients: AccountClients,
  expectedAccountId: string | undefined,
): SourceScope {
  const { options } = deps
  return {
    clients,
    slots: new Semaphore(options.concurrency?.perAccount ?? 4),
    expectedAccountId,
    runSignal: deps.signal,
    now: deps.now,
    sleep: options.sleep ?? abortableSleep,
    sourceMs: options.timeouts?.sourceMs ?? 120_000,
    callMs: options.timeouts?.callMs ?? 60_000,
  }
}

const organizationRead = 'Trusted Advisor through the organization'

/** A timed-out organization read, as every account's Trusted Advisor failure (naming the organization read). */
function organizationFailure(error: unknown): { failure: SourceStatus } {
  const { code, message } = errorFacts(error)
  const said = message.startsWith(organizationRead) ? message : `${organizationRead}: ${message}`
  return { failure: { state: 'error', code, message: said } }
}

/**
 * Trusted Advisor through the management account, for every account at once, when asked and available,
 * run like any account's source (same context, same deadline). Refused (not the management account, Trusted
 * Advisor Priority off): undefined, each account is read on its own. Out of time: a failure for every account.
 */
async function organizationTrustedAdvisor<T extends CollectTarget>(
  deps: AccountDeps<T>,
): Promise<AccountDeps<T>['organization']> {
  const { options, signal } = deps
  const managementId = options.trustedAdvisor?.organizationAccountId
  const management = options.targets.find((t) => t.accountId === managementId)
  if (!managementId || !management || signal.aborted) return undefined
  let clients: AccountClients | undefined
  try {
    clients = accountClients(deps, await options.credentialsFor(management), () => {})
    const read = await runUnderDeadline(sourceScope(deps, clients, managementId), organizationRead, (ctx) =>
      collectOrganizationTrustedAdvisor(ctx, managementId, deps.taOptions),
    )
    return read instanceof DeadlineError ? organizationFailure(read) : read
  } catch (error) {
    if (!signal.aborted && isTimeout(error)) return organizationFailure(error)
    // Not the management account, or Trusted Advisor Priority is off: collect account by account.
    return undefined
  } finally {
    clients?.destroy()
  }
}

/** Access Analyzer for one account: the Regions in scope, keeping those a previous run already read. */
function accessAnalyzerFor<T extends CollectTarget>(
  target: T,
  options: CollectOptions<T>,
  previous: EvidenceBundle | undefined,
) {
  const regions =
    typeof options.regions === 'function' ? options.regions(target) : (options.regions ?? defaultRegions)
  const before = previous?.accessAnalyzer.records?.regions ?? []
  const keptRegions = before.filter((r) => isGoodStatus(r.status) && regions.includes(r.region))
  const keptNames = new Set(keptRegions.map((r) => r.region))
  const keptRaw = (previous?.accessAnalyzer.raw ?? []).filter((p) => p.region && keptNames.has(p.region))
  return { regions: regions.filter((r) => !keptNames.has(r)), kept: { regions: keptRegions, raw: keptRaw } }
}

/**
 * Collects one account: identity first, then the three other sources in parallel, each under its own
 * deadline. Never throws for the account's own failures: they are its outcome. Sources that finished are
 * kept even when the run is cancelled or another source hangs; the bundle goes to `onBundle` at once.
 */
export async function collectAccount<T extends CollectTarget>(
  target: T,
  deps: AccountDeps<T>,
): Promise<{ outcome: AccountOutcome; bundle?: EvidenceBundle }> {
  const { options, signal, now } = deps
  let accountCalls = 0
  let accountId = target.accountId
  const sources: Partial<AccountOutcome['sources']> = {}
  const report = (source: CollectProgress['source'], state: CollectProgress['state'], extra = {}) =>
    deps.emit({
      ...base(options.jobId, target, source, state, accountCalls),
      ...(accountId ? { accountId } : {}),
      ...extra,
    })
  const previous = options.previous?.get(target.key)
  const finish = (state: AccountOutcome['state'], detail?: string): AccountOutcome => {
    const fallback = { state: state === 'cancelled' ? ('cancelled' as const) : ('skipped' as const) }
    const all = Object.fromEntries(
      sourceIds.map((s) => [s, sources[s] ?? fallback]),
    ) as AccountOutcome['sources']
    for (const source of sourceIds) if (all[source].state === 'cancelled') report(source, 'cancelled')
    report('account', accountProgress[state], detail ? { detail } : {})
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
    const { code, message } = errorFacts(error)
    return { outcome: finish('failed', `No credentials (${code}): ${message}`) }
  }
  const clients = accountClients(deps, credentials, () => {
    accountCalls++
  })
  const scope = sourceScope(deps, clients, target.accountId ?? previous?.accountId)

  report('account', 'running')
  const bundle: Partial<EvidenceBundle> = {}
  const run = async <K extends SourceId>(
    source: K,
    collect: (ctx: CollectContext) => Promise<EvidenceBundle[K]>,
  ) => {
    const kept = previous?.[source]
    if (previous && kept && isGoodStatus(kept.status) && sourceGaps(previous, source).length === 0) {
      bundle[source] = kept
      sources[source] = { state: 'kept' }
      report(source, progressState(kept.status), {
        counts: { calls: accountCalls, records: recordCount(previous, source) },
      })
      return
    }
    report(source, 'running')
    const read = await runUnderDeadline(scope, source, collect)
    const result =
      read instanceof DeadlineError ? (noEvidence(deadlineStatus(read), now()) as EvidenceBundle[K]) : read
    bundle[source] = result
    // A source read in part (a secondary call failed) reports its gap: never ok, its records are kept.
    const gap = sourceGaps({ ...bundle, [source]: result } as EvidenceBundle, source)[0]
    const shown = gap && result.status.state === 'ok' ? gap.status : result.status
    const detail =
      gap && shown === gap.status ? `${gap.part}: ${statusDetail(gap.status)}` : statusDetail(shown)
    sources[source] = { state: outcomeState(shown), ...(detail ? { detail } : {}) }
    report(source, progressState(shown), {
      ...(detail ? { detail } : {}),
      counts: { calls: accountCalls, records: recordCount(bundle, source) },
    })
  }

  let isCancelled = false
  try {
    await run('identity', (ctx) => collectIdentity(ctx))
    accountId = bundle.identity?.records?.accountId ?? accountId
    if (!bundle.identity?.records && !accountId)
      return { outcome: finish('failed', sources.identity?.detail ?? 'The account could not be identified') }
    const aa = accessAnalyzerFor(target, options, previous)
    await settleAll([
      run('credentialReport', (ctx) => {
        const settings = { ...defaultCredentialReportOptions, ...options.credentialReport }
        // Probe for an existing report only when the last collection saw one young enough.
        const known = previous?.credentialReport.records?.generatedAt
        const isRecentReportKnown =
          settings.isRecentReportKnown ||
          (known !== undefined && now().getTime() - Date.parse(known) <= settings.maxAgeMs)
        return collectCredentialReport(ctx, { ...settings, isRecentReportKnown })
      }),
      run('trustedAdvisor', async (ctx) => {
        const { organization } = deps
        if (organization && 'failure' in organization) return noEvidence(organization.failure, now())
        const viaOrganization = accountId ? organization?.byAccount.get(accountId) : undefined
        if (!organization || !viaOrganization) return collectTrustedAdvisor(ctx, deps.taOptions)
        return accountId === organization.managementAccountId
          ? { ...viaOrganization, raw: [...organization.raw, ...viaOrganization.raw] }
          : viaOrganization
      }),
      run('accessAnalyzer', (ctx) => collectAccessAnalyzer(ctx, aa.regions, aa.kept)),
    ])
  } catch (error) {
    if (!(error instanceof CancelledError || signal.aborted)) {
      return { outcome: finish('failed', errorFacts(error).message) }
    }
    // Cancel keeps every source that finished; the others are recorded as cancelled attempts.
    isCancelled = true
    for (const source of sourceIds) if (!bundle[source]) sources[source] = { state: 'cancelled' }
  } finally {
    clients.destroy()
  }
  if (!accountId) return { outcome: finish(isCancelled ? 'cancelled' : 'failed') }
  const at = now().toISOString()
  const cancelled = { status: cancelledStatus, collectedAt: at, raw: [], records: null }
  const complete = Object.fromEntries(sourceIds.map((s) => [s, bundle[s] ?? cancelled]))
  const parsed = evidenceBundleSchema.safeParse({
    schemaVersion: EVIDENCE_SCHEMA_VERSION,
    accountId,
    collectedAt: at,
    ...complete,
  })
  if (!parsed.success) {
    const detail = `The evidence did not validate: ${describeZodError(parsed.error)}`
    return { outcome: finish('failed', detail) }
  }
  const hasAny = sourceIds.some((s) => bundle[s] !== undefined)
  if (hasAny) await options.onBundle?.(parsed.data, target)
  if (isCancelled) return { outcome: finish('cancelled'), ...(hasAny ? { bundle: parsed.data } : {}) }
  return { outcome: finish(bundleState(parsed.data)), bundle: parsed.data }
}

/** Collects evidence for every target with bounded concurrency; never throws for one account's failure. */
export async function runCollection<T extends CollectTarget>(
  options: CollectOptions<T>,
): Promise<CollectRun> {
  const now = options.now ?? (() => new Date())
  const signal = options.signal ?? new AbortController().signal
  // Every call in flight listens to the run's signal; hundreds at once is expected, not a leak.
  setMaxListeners(0, signal)
  const startedAt = now().toISOString()
  const emit = (p: CollectProgress) => options.onProgress?.(p)
  for (const target of options.targets) {
    for (const source of ['account', ...sourceIds] as const)
      emit(base(options.jobId, target, source, 'queued', 0))
  }
  const deps: AccountDeps<T> = {
    options,
    signal,
    now,
    emit,
    calls: {},
    organization: undefined,
    taOptions: {
      faultToleranceCheckIds: options.trustedAdvisor?.faultToleranceCheckIds ?? defaultFaultToleranceCheckIds,
    },
    agents: createSharedAgents(),
  }
  try {
    return await collectAll(deps, startedAt)
  } finally {
    deps.agents.close()
  }
}

async function collectAll<T extends CollectTarget>(
  deps: AccountDeps<T>,
  startedAt: string,
): Promise<CollectRun> {
  const { options, signal, now, emit } = deps
  deps.organization = await organizationTrustedAdvisor(deps)

  const outcomes = new Map<string, AccountOutcome>()
  const bundles = new Map<string, EvidenceBundle>()
  let next = 0
  const worker = async () => {
    while (next < options.targets.length && !signal.aborted) {
      const target = options.targets[next++] as T
      const { outcome, bundle } = await collectAccount(target, deps)
      outcomes.set(target.key, outcome)
      if (bundle) bundles.set(target.key, bundle)
    }
  }
  const workers = Math.max(1, Math.min(options.concurrency?.accounts ?? 32, options.targets.length))
  await Promise.all(Array.from({ length: workers }, worker))
  for (const target of options.targets) {
    if (!outcomes.has(target.key)) emit(base(options.jobId, target, 'account', 'cancelled', 0))
  }
  const summary = summarize({
    jobId: options.jobId,
    startedAt,
    finishedAt: now().toISOString(),
    isCancelled: signal.aborted,
    targets: options.targets,
    outcomes,
    calls: deps.calls,
  })
  return { bundles, summary }
}
