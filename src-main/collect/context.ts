import { setTimeout as sleepFor } from 'node:timers/promises'
import type { RawPayload, SourceStatus } from '../../shared/evidence/schema'
import type { AccountClients } from './aws-clients'
import type { Semaphore } from './rate-limit'

/** What a collector gets: the account's clients and a `send` that applies the run's limits. */
export interface CollectContext {
  /** The account being collected, when known before the identity call (SSO targets know it). */
  expectedAccountId: string | undefined
  clients: AccountClients
  /**
   * Runs one SDK call: waits for one of the account's concurrency slots, gives it a deadline and the
   * source's abort signal, and strips `$metadata` from the output.
   */
  send<T extends object>(run: (abortSignal: AbortSignal) => Promise<T>): Promise<Omit<T, '$metadata'>>
  /** Aborts when the run is cancelled or the source's deadline passes. */
  signal: AbortSignal
  /** True when the run itself was cancelled (not a deadline). */
  isCancelled(): boolean
  now(): Date
  /** Waits (for polling); rejects when the signal aborts. */
  sleep(ms: number): Promise<void>
}

export interface ContextSettings {
  expectedAccountId: string | undefined
  clients: AccountClients
  slots: Semaphore
  /** The run's cancellation signal. */
  runSignal: AbortSignal
  /** The source's own signal (the run's, plus its deadline). */
  signal: AbortSignal
  callTimeoutMs: number
  now(): Date
  sleep(ms: number, signal: AbortSignal): Promise<void>
}

/** Why a source or a call was stopped before it finished: names what and after how long. */
export class DeadlineError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${Math.round(ms / 1000)} s`)
    this.name = 'DeadlineExceeded'
  }
}

/**
 * An AbortController that aborts when `parent` does or after `ms`. It holds its own timer and listener (not
 * `AbortSignal.timeout` inside `AbortSignal.any`, whose timer garbage collection may drop: Node issue
 * 57736); call `dispose()` when done so neither outlives the work.
 */
export function deadline(parent: AbortSignal, ms: number, what: string) {
  const controller = new AbortController()
  const onAbort = () => controller.abort(parent.reason)
  if (parent.aborted) onAbort()
  else parent.addEventListener('abort', onAbort, { once: true })
  const timer = setTimeout(() => controller.abort(new DeadlineError(what, ms)), ms)
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer)
      parent.removeEventListener('abort', onAbort)
    },
  }
}

/** Builds the context one source's collector gets. */
export function createContext(settings: ContextSettings): CollectContext {
  return {
    expectedAccountId: settings.expectedAccountId,
    clients: settings.clients,
    signal: settings.signal,
    isCancelled: () => settings.runSignal.aborted,
    now: settings.now,
    sleep: (ms) => settings.sleep(ms, settings.signal),
    send: (run) =>
      settings.slots.use(async () => {
        const call = deadline(settings.signal, settings.callTimeoutMs, 'The call')
        try {
          const { $metadata: _ignored, ...output } = (await run(call.signal)) as Record<string, unknown>
          return output as never
        } catch (error) {
          // The SDK reports an abort as a bare AbortError: say which deadline it was.
          const reason: unknown = call.signal.reason
          if (call.signal.aborted && !settings.signal.aborted && reason instanceof DeadlineError) throw reason
          throw error
        } finally {
          call.dispose()
        }
      }, settings.signal),
  }
}

/** An abortable sleep for real use (tests inject one that returns at once). */
export const abortableSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  sleepFor(ms, undefined, { signal })

/**
 * An SDK output as a JSON value: Dates become ISO strings and byte arrays become UTF-8 text (the decoded
 * credential report), so bundles survive IPC, IndexedDB and JSON files unchanged.
 */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Uint8Array) return new TextDecoder().decode(value)
  if (Array.isArray(value)) return value.map(toJsonValue)
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      if (key === '$metadata' || item === undefined) continue
      result[key] = toJsonValue(item)
    }
    return result
  }
  return value
}

/** One raw payload for the bundle. */
export function raw(
  operation: string,
  output: unknown,
  extra: { region?: string; request?: Record<string, unknown> } = {},
): RawPayload {
  return {
    operation,
    ...(extra.region === undefined ? {} : { region: extra.region }),
    ...(extra.request === undefined ? {} : { request: extra.request }),
    payload: toJsonValue(output),
  }
}

/** The facts of an SDK (or other) error. */
export function errorFacts(error: unknown): { code: string; message: string } {
  if (error instanceof Error) {
    const withCode = error as Error & { Code?: unknown; code?: unknown }
    const code =
      error.name && error.name !== 'Error'
        ? error.name
        : typeof withCode.Code === 'string'
          ? withCode.Code
          : typeof withCode.code === 'string'
            ? withCode.code
            : 'Error'
    return { code, message: error.message || code }
  }
  return { code: 'Error', message: String(error) }
}

/** True when the error is the run being cancelled (not a per-call timeout). */
export function isCancelled(error: unknown, signal: AbortSignal): boolean {
  return (
    signal.aborted && (error === signal.reason || (error instanceof Error && error.name === 'AbortError'))
  )
}

const accessDeniedCodes = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation'])

/** Maps a failure to a source status: access denied is a fact about the account, anything else an error. */
export function statusFromError(error: unknown): SourceStatus {
  const { code, message } = errorFacts(error)
  if (accessDeniedCodes.has(code)) return { state: 'unavailable', reason: 'access-denied', message }
  return { state: 'error', code, message }
}

/** Thrown when a run is cancelled, so collectors stop at once and the account is reported cancelled. */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled')
    this.name = 'CancelledError'
  }
}

/** Rethrows cancellation; a passed deadline is an error naming it; otherwise the status for the error. */
export function failure(error: unknown, ctx: CollectContext): SourceStatus {
  if (ctx.isCancelled()) throw new CancelledError()
  const reason: unknown = ctx.signal.aborted ? ctx.signal.reason : error
  if (reason instanceof DeadlineError) return { state: 'error', code: reason.name, message: reason.message }
  return statusFromError(error)
}

/** Like Promise.all, but waits for every promise to settle before rethrowing the first failure, so no call is
 * left running (and counted) after its source has finished. */
export async function settleAll<T extends readonly unknown[]>(
  promises: {
    readonly [K in keyof T]: Promise<T[K]>
  },
): Promise<T> {
  const results = await Promise.allSettled(promises as readonly Promise<unknown>[])
  const failed = results.find((r) => r.status === 'rejected')
  if (failed) throw failed.reason
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T
}
