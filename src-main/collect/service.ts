import { randomUUID } from 'node:crypto'
import { AppError, asAppError } from '../../shared/errors'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import type { Target } from '../../shared/ipc/domains/aws'
import type { CollectProgress, CollectStart, CollectSummary } from '../../shared/ipc/domains/collect'
import type { AwsCredentialIdentityProvider } from '../aws/credentials'
import type { ClientConfigFor } from './aws-clients'
import { OfflineImportError, readEvidenceFolder, writeEvidenceFolder } from './offline'
import { type CollectOptions, type CollectTarget, runCollection } from './orchestrator'

/** A collect target that remembers the sign-in target it came from. */
export interface TargetOf extends CollectTarget {
  target: Target
}

export interface CollectServiceDeps {
  /** Turns a start request into targets (profile → one target, SSO session → discovered accounts). */
  resolveTargets(request: CollectStart): Promise<Target[]>
  credentialsFor(target: Target): AwsCredentialIdentityProvider
  clientConfig: ClientConfigFor
  onProgress(progress: CollectProgress): void
  onBundle(jobId: string, bundle: EvidenceBundle, target: TargetOf): void
  onSummary(summary: CollectSummary): void
  /** Reports a job that crashed outright (a bug): every account's own failures are in the summary. */
  onCrash(jobId: string, error: unknown): void
  /** Tuning for tests and the CLI: concurrency, rate limits, retries, timeouts. */
  tuning?: Partial<
    Pick<
      CollectOptions<TargetOf>,
      'concurrency' | 'rateLimits' | 'retry' | 'timeouts' | 'credentialReport' | 'sleep'
    >
  >
  now?(): Date
}

interface Job {
  request: CollectStart
  targets: TargetOf[]
  controller: AbortController
  bundles: Map<string, EvidenceBundle>
  summary: CollectSummary | undefined
  done: Promise<CollectSummary>
}

/** How many finished jobs stay retryable. */
const keptJobs = 5

/** Keys are target ids: the same account reached through two roles is two targets. */
export const toCollectTarget = (target: Target): TargetOf => ({
  key: target.id,
  label: target.accountName || target.accountId,
  accountId: target.accountId,
  target,
})

/** Collection jobs: start, cancel, retry what failed; offline import and export. */
export function createCollectService(deps: CollectServiceDeps) {
  const jobs = new Map<string, Job>()

  const launch = (request: CollectStart, targets: TargetOf[], previous?: Map<string, EvidenceBundle>) => {
    const jobId = randomUUID()
    const controller = new AbortController()
    const maxAgeHours = request.credentialReportMaxAgeHours
    const job: Job = {
      request,
      targets,
      controller,
      bundles: new Map(),
      summary: undefined,
      done: Promise.resolve(undefined as never),
    }
    job.done = runCollection<TargetOf>({
      ...deps.tuning,
      jobId,
      targets,
      credentialsFor: (t) => deps.credentialsFor(t.target),
      clientConfig: deps.clientConfig,
      ...(request.regions ? { regions: request.regions } : {}),
      credentialReport: {
        ...deps.tuning?.credentialReport,
        ...(maxAgeHours === undefined ? {} : { maxAgeMs: maxAgeHours * 3_600_000 }),
      },
      ...(request.trustedAdvisorOrganizationAccountId
        ? { trustedAdvisor: { organizationAccountId: request.trustedAdvisorOrganizationAccountId } }
        : {}),
      ...(previous ? { previous } : {}),
      signal: controller.signal,
      onProgress: deps.onProgress,
      onBundle: (bundle, target) => {
        job.bundles.set(target.key, bundle)
        deps.onBundle(jobId, bundle, target)
      },
      ...(deps.now ? { now: deps.now } : {}),
    }).then(
      ({ summary }) => {
        job.summary = summary
        deps.onSummary(summary)
        return summary
      },
      (error: unknown) => {
        deps.onCrash(jobId, error)
        throw error
      },
    )
    job.done.catch(() => {})
    jobs.set(jobId, job)
    // Finished jobs keep their bundles for retry-failed; keep only the latest few of them in memory.
    const finished = [...jobs].filter(([, j]) => j.summary)
    for (const [id] of finished.slice(0, Math.max(0, finished.length - keptJobs))) jobs.delete(id)
    return { jobId, accountCount: targets.length }
  }

  return {
    /** Starts a job and returns at once; progress, bundles and the summary follow as events. */
    async start(request: CollectStart) {
      let targets = await deps.resolveTargets(request)
      if (request.accountIds) {
        const wanted = new Set(request.accountIds)
        targets = targets.filter((t) => wanted.has(t.accountId))
      }
      if (targets.length === 0) {
        throw new AppError(
          'no-targets',
          'There is no account to collect from.',
          'Sign in and discover accounts, or check the account ids you entered.',
        )
      }
      return launch(request, targets.map(toCollectTarget))
    },

    cancel(jobId: string) {
      const job = jobs.get(jobId)
      if (!job || job.summary) return { isCancelled: false }
      job.controller.abort()
      return { isCancelled: true }
    },

    /** Re-collects, in a new job, only the accounts (and within them the sources) that did not succeed. */
    retryFailed(jobId: string) {
      const job = jobs.get(jobId)
      if (!job)
        throw new AppError('job-not-found', 'That collection is no longer known.', 'Start a new collection.')
      if (!job.summary) {
        throw new AppError(
          'job-running',
          'That collection is still running.',
          'Wait for it to finish, or cancel it.',
        )
      }
      const again = new Set(job.summary.accounts.filter((a) => a.state !== 'ok').map((a) => a.targetKey))
      if (again.size === 0)
        throw new AppError('nothing-to-retry', 'Every account of that collection succeeded.')
      return launch(
        job.request,
        job.targets.filter((t) => again.has(t.key)),
        job.bundles,
      )
    },

    /** Waits for a job (tests and the CLI). */
    finished(jobId: string): Promise<CollectSummary> {
      const job = jobs.get(jobId)
      if (!job) return Promise.reject(new AppError('job-not-found', `No job ${jobId}.`))
      return job.done
    },

    async importFolder(dir: string) {
      const bundles = await asAppError(
        () => readEvidenceFolder(dir),
        OfflineImportError,
        'invalid-evidence-folder',
        'Fix or remove the file named, then import the folder again.',
      )
      return { bundles }
    },

    async exportFolder(dir: string, bundles: EvidenceBundle[]) {
      try {
        return await writeEvidenceFolder(dir, bundles)
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        throw new AppError('export-failed', `The evidence could not be written to ${dir}: ${message}`)
      }
    },
  }
}
export type CollectService = ReturnType<typeof createCollectService>

/** Tuning the environment asks for: AWS_MAX_ATTEMPTS, as the SDK itself would read it. */
export function tuningFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): CollectServiceDeps['tuning'] {
  const attempts = Number(env.AWS_MAX_ATTEMPTS)
  return Number.isInteger(attempts) && attempts > 0 ? { retry: { maxAttempts: attempts } } : {}
}
