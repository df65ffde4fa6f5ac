/** Requests per second and burst size for one API. */
export interface RateLimit {
  perSecond: number
  burst: number
}

/** `default` applies to every API without its own entry; keys are `service:Operation`, e.g. `iam:GetCredentialReport`. */
export type RateLimits = { default: RateLimit } & Record<string, RateLimit>

/** Generous for the APIs Ratchet calls; AWS documents no TPS for them, and the SDK retries any throttling. */
export const defaultRateLimits: RateLimits = {
  default: { perSecond: 50, burst: 50 },
  'iam:GenerateCredentialReport': { perSecond: 10, burst: 10 },
  'iam:GetCredentialReport': { perSecond: 10, burst: 10 },
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException('The operation was aborted', 'AbortError')
}

/** Joins `queue` (first come, first served) until granted; a waiter whose signal aborts leaves the queue. */
function waitInQueue(queue: Array<() => void>, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const grant = () => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }
    const onAbort = () => {
      const i = queue.indexOf(grant)
      if (i >= 0) queue.splice(i, 1)
      reject(abortError(signal as AbortSignal))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    queue.push(grant)
  })
}

/**
 * One token bucket per API (and per scope, e.g. a Region, when given). The orchestrator gives each account
 * its own limiter, because AWS applies these quotas per account. Waiters are served first come, first
 * served; a waiter whose signal aborts leaves the queue.
 */
export class ApiRateLimiter {
  readonly #buckets = new Map<string, { tokens: number; updatedMs: number; queue: Array<() => void> }>()
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>()

  constructor(
    private readonly limits: RateLimits = defaultRateLimits,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** Resolves when the API may be called once more (in `scope`, e.g. a Region, when given). */
  acquire(api: string, signal?: AbortSignal, scope?: string): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal))
    return this.#acquire(api, scope ? `${api}@${scope}` : api, signal)
  }

  #acquire(api: string, key: string, signal?: AbortSignal): Promise<void> {
    const bucket = this.#bucket(api, key)
    this.#refill(api, bucket)
    if (bucket.queue.length === 0 && bucket.tokens >= 1) {
      bucket.tokens -= 1
      return Promise.resolve()
    }
    const waiting = waitInQueue(bucket.queue, signal)
    this.#schedule(api, key)
    return waiting
  }

  #limit(api: string): RateLimit {
    return this.limits[api] ?? this.limits.default
  }

  #bucket(api: string, key: string) {
    let bucket = this.#buckets.get(key)
    if (!bucket) {
      bucket = { tokens: this.#limit(api).burst, updatedMs: this.nowMs(), queue: [] }
      this.#buckets.set(key, bucket)
    }
    return bucket
  }

  #refill(api: string, bucket: { tokens: number; updatedMs: number }): void {
    const limit = this.#limit(api)
    const now = this.nowMs()
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.updatedMs) / 1000) * limit.perSecond)
    bucket.updatedMs = now
  }

  #schedule(api: string, key: string): void {
    if (this.#timers.has(key)) return
    const bucket = this.#bucket(api, key)
    const wait = Math.max(0, ((1 - bucket.tokens) / this.#limit(api).perSecond) * 1000)
    this.#timers.set(
      key,
      setTimeout(() => {
        this.#timers.delete(key)
        this.#refill(api, bucket)
        while (bucket.queue.length > 0 && bucket.tokens >= 1) {
          bucket.tokens -= 1
          bucket.queue.shift()?.()
        }
        if (bucket.queue.length > 0) this.#schedule(api, key)
      }, wait),
    )
  }
}

/** A counting semaphore: at most `size` holders at once. */
export class Semaphore {
  #free: number
  readonly #queue: Array<() => void> = []

  constructor(size: number) {
    this.#free = Math.max(1, size)
  }

  async use<T>(run: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.#acquire(signal)
    try {
      return await run()
    } finally {
      const next = this.#queue.shift()
      if (next) next()
      else this.#free++
    }
  }

  #acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal))
    if (this.#free > 0) {
      this.#free--
      return Promise.resolve()
    }
    return waitInQueue(this.#queue, signal)
  }
}
