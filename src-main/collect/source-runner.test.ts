import { describe, expect, it } from 'vitest'
import type { AccountClients } from './aws-clients'
import { abortableSleep, DeadlineError } from './context'
import { Semaphore } from './rate-limit'
import { runUnderDeadline, type SourceScope } from './source-runner'

/** A scope with no AWS behind it: these collectors never call out. */
const scope = (runSignal: AbortSignal, sourceMs = 500): SourceScope => ({
  clients: {} as AccountClients,
  slots: new Semaphore(1),
  expectedAccountId: '111111111111',
  runSignal,
  now: () => new Date('2026-11-29T00:00:00.000Z'),
  sleep: abortableSleep,
  sourceMs,
  callMs: 60_000,
})

describe('runUnderDeadline', () => {
  it('gives what the collector returned, with a context under the source deadline', async () => {
    const result = await runUnderDeadline(scope(new AbortController().signal, 60_000), 'x', async (ctx) => ({
      account: ctx.expectedAccountId,
      isAborted: ctx.signal.aborted,
    }))
    expect(result).toEqual({ account: '111111111111', isAborted: false })
  })

  it('ends a collector stuck where no signal reaches, with the deadline naming what', async () => {
    const stuck = new Promise<never>(() => {})
    const result = await runUnderDeadline(scope(new AbortController().signal), 'Trusted Advisor', () => stuck)
    expect(result).toBeInstanceOf(DeadlineError)
    expect((result as DeadlineError).message).toBe('Trusted Advisor did not finish within 1 s')
  })

  it('throws a cancel and any other failure, never turning them into a result', async () => {
    const controller = new AbortController()
    const run = runUnderDeadline(scope(controller.signal, 60_000), 'x', (ctx) => ctx.sleep(60_000))
    controller.abort(new Error('cancelled by the user'))
    await expect(run).rejects.toThrow('cancelled by the user')
    await expect(
      runUnderDeadline(scope(new AbortController().signal), 'x', async () => {
        throw new Error('AccessDenied')
      }),
    ).rejects.toThrow('AccessDenied')
  })
})
