import type { RawPayload, SourceStatus } from '../../shared/evidence/schema'
import type { AccountClients } from './aws-clients'
import type { Semaphore } from './rate-limit'

/** What a collector gets: the account's clients and a `send` that applies the run's limits. */
export interface CollectContext {
  /** The account being collected, when known before the identity call (SSO targets know it). */
  expectedAccountId: string | undefined
  clients: AccountClients
  /**
   * Runs one SDK call: waits for one of the account's concurrency slots, gives it a deadline and the run's
   * cancellation signal, and strips `$metadata` from the output.
   */
  send<T extends object>(run: (abortSignal: AbortSignal) => Promise<T>): Promise<Omit<T, '$metadata'>>
  signal: AbortSignal
  now(): Date
  /** Waits (for polling); rejects when the run is cancelled. */
  sleep(ms: number): Promise<void>
}

export interface ContextSettings {
  expectedAccountId: string | undefined
  clients: AccountClients
  slots: Semaphore
  signal: AbortSignal
  callTimeoutMs: number
  now(): Date
  sleep(ms: number, signal: AbortSignal): Promise<void>
}

/** Builds the context one account's collectors share. */
export function createContext(settings: ContextSettings): CollectContext {
  return {
    expectedAccountId: settings.expectedAccountId,
    clients: settings.clients,
    signal: settings.signal,
    now: settings.now,
    sleep: (ms) => settings.sleep(ms, settings.signal),
    send: (run) =>
      settings.slots.use(async () => {
        const abortSignal = AbortSignal.any([settings.signal, AbortSignal.timeout(settings.callTimeoutMs)])
        const { $metadata: _ignored, ...output } = (await run(abortSignal)) as Record<string, unknown>
        return output as never
      }, settings.signal),
  }
}

/** An abortable sleep for real use; tests inject one that returns at once. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason)
      return
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

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

/** Rethrows cancellation; otherwise returns the status for the error. */
export function failure(error: unknown, ctx: CollectContext): SourceStatus {
  if (ctx.signal.aborted) throw new CancelledError()
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
