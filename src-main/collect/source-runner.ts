/** How one source's collector runs: in its own context, under the source deadline (live accounts and the organization read alike). */
import type { SourceStatus } from '../../shared/evidence/schema'
import type { AccountClients } from './aws-clients'
import { type CollectContext, createContext, DeadlineError, deadline, errorFacts } from './context'
import type { Semaphore } from './rate-limit'

/** What one source's collector runs with: the account's clients and call slots, and the run's limits. */
export interface SourceScope {
  clients: AccountClients
  /** Shared by the account's sources: its calls in flight. */
  slots: Semaphore
  expectedAccountId: string | undefined
  /** The run's cancellation signal. */
  runSignal: AbortSignal
  now(): Date
  sleep(ms: number, signal: AbortSignal): Promise<void>
  /** Per source, and per call (never more than the source's). */
  sourceMs: number
  callMs: number
}

/**
 * Runs one source's collector under the source deadline, in its own context. The deadline also ends a
 * collector stuck where no signal reaches (a rate-limit wait, say): it then resolves with the deadline's
 * error. Any other failure (a cancel among them) is thrown.
 */
export async function runUnderDeadline<R>(
  scope: SourceScope,
  what: string,
  collect: (ctx: CollectContext) => Promise<R>,
): Promise<R | DeadlineError> {
  const limit = deadline(scope.runSignal, scope.sourceMs, what)
  const timedOut = new Promise<never>((_, reject) =>
    limit.signal.addEventListener('abort', () => reject(limit.signal.reason), { once: true }),
  )
  timedOut.catch(() => {})
  const ctx = createContext({
    expectedAccountId: scope.expectedAccountId,
    clients: scope.clients,
    slots: scope.slots,
    runSignal: scope.runSignal,
    signal: limit.signal,
    callTimeoutMs: Math.min(scope.callMs, scope.sourceMs),
    now: scope.now,
    sleep: scope.sleep,
  })
  try {
    return await Promise.race([collect(ctx), timedOut])
  } catch (error) {
    if (!(error instanceof DeadlineError) || scope.runSignal.aborted) throw error
    return error
  } finally {
    limit.dispose()
  }
}

/** A source that gave nothing, with why (a passed deadline, a failed organization read). */
export const noEvidence = (status: SourceStatus, at: Date) => ({
  status,
  collectedAt: at.toISOString(),
  raw: [],
  records: null,
})

/** The error status of a passed deadline. */
export const deadlineStatus = (error: DeadlineError): SourceStatus => ({
  state: 'error',
  code: error.name,
  message: error.message,
})

/** True when a call or a source ran out of time (a hung service), rather than being refused. */
export const isTimeout = (error: unknown): boolean =>
  error instanceof DeadlineError || errorFacts(error).code === 'TimeoutError'
