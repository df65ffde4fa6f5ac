import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiRateLimiter, Semaphore } from './rate-limit'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const flush = () => vi.advanceTimersByTimeAsync(0)

describe('ApiRateLimiter', () => {
  it('grants the burst at once, then one call per refill interval, first come first served', async () => {
    const limiter = new ApiRateLimiter({ default: { perSecond: 10, burst: 2 } }, () => Date.now())
    const granted: number[] = []
    for (const i of [1, 2, 3, 4]) void limiter.acquire('iam:GetAccountSummary').then(() => granted.push(i))
    await flush()
    expect(granted).toEqual([1, 2])
    await vi.advanceTimersByTimeAsync(100)
    expect(granted).toEqual([1, 2, 3])
    await vi.advanceTimersByTimeAsync(100)
    expect(granted).toEqual([1, 2, 3, 4])
  })

  it('keeps one bucket per API, with per-API limits over the default', async () => {
    const limiter = new ApiRateLimiter(
      { default: { perSecond: 1, burst: 1 }, 'sts:GetCallerIdentity': { perSecond: 1, burst: 3 } },
      () => Date.now(),
    )
    const granted: string[] = []
    for (const api of ['a:X', 'a:X', 'b:Y', 'sts:GetCallerIdentity', 'sts:GetCallerIdentity']) {
      void limiter.acquire(api).then(() => granted.push(api))
    }
    await flush()
    expect(granted).toEqual(['a:X', 'b:Y', 'sts:GetCallerIdentity', 'sts:GetCallerIdentity'])
  })

  it('drops a waiter whose signal aborts, without using a token for it', async () => {
    const limiter = new ApiRateLimiter({ default: { perSecond: 1, burst: 1 } }, () => Date.now())
    await limiter.acquire('x')
    const controller = new AbortController()
    const cancelled = limiter.acquire('x', controller.signal)
    const next = vi.fn()
    void limiter.acquire('x').then(next)
    controller.abort(new Error('stop'))
    await expect(cancelled).rejects.toThrow('stop')
    await vi.advanceTimersByTimeAsync(1000)
    expect(next).toHaveBeenCalledTimes(1)
  })
})

describe('Semaphore', () => {
  it('never runs more than its size at once, and frees a slot when a run fails', async () => {
    const slots = new Semaphore(2)
    let running = 0
    let peak = 0
    const task = (isFailing: boolean) =>
      slots.use(async () => {
        running++
        peak = Math.max(peak, running)
        await new Promise((resolve) => setTimeout(resolve, 10))
        running--
        if (isFailing) throw new Error('boom')
      })
    const all = Promise.allSettled([task(true), task(false), task(false), task(false), task(false)])
    await vi.advanceTimersByTimeAsync(100)
    const results = await all
    expect(peak).toBe(2)
    expect(results.map((r) => r.status)).toEqual([
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ])
  })

  it('rejects a waiter whose signal aborts', async () => {
    const slots = new Semaphore(1)
    let release: () => void = () => {}
    void slots.use(() => new Promise<void>((resolve) => (release = resolve)))
    const controller = new AbortController()
    const waiting = slots.use(async () => 'never', controller.signal)
    controller.abort(new Error('cancelled'))
    await expect(waiting).rejects.toThrow('cancelled')
    release()
  })
})
