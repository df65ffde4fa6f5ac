import { AppError } from '../../shared/errors'
import type { SummaryRefresher } from '../db/summaries-repo'
import type { WorkerReply, WorkerRequest } from './summaries-protocol'

/**
 * A summary refresher that runs in a Web Worker (bundled separately by Vite). Returns undefined where
 * workers don't exist (tests in jsdom), so the caller refreshes on its own thread. If the worker cannot
 * start or fails, `fallback` does the work on this thread: slower, but the overview is never left unscored.
 * A worker that failed once (an `error` event) is not asked again: every later refresh runs `fallback`. A
 * refresh that failed inside a working worker is an error of its own, and the next one asks the worker again.
 */
export function createWorkerRefresher(
  dbName: string,
  fallback: SummaryRefresher,
): SummaryRefresher | undefined {
  if (typeof Worker === 'undefined') return undefined
  let worker: Worker
  try {
    worker = new Worker(new URL('./summaries.worker.ts', import.meta.url), { type: 'module' })
  } catch {
    // A worker the page may not start (refused by policy, a bad script URL) throws here, not in an event.
    return fallback
  }
  let isBroken = false
  const pending = new Map<number, { resolve(value: WorkerReply): void }>()
  let nextId = 0
  worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
    pending.get(event.data.id)?.resolve(event.data)
    pending.delete(event.data.id)
  })
  // A worker that fails to load or throws answers every waiting request with the error, never hangs.
  worker.addEventListener('error', (event: ErrorEvent) => {
    isBroken = true
    for (const [id, waiting] of pending) waiting.resolve({ id, ok: false, message: event.message })
    pending.clear()
  })
  return async (request) => {
    if (isBroken) return fallback(request)
    const id = ++nextId
    const reply = await new Promise<WorkerReply>((resolve) => {
      pending.set(id, { resolve })
      worker.postMessage({ id, dbName, request } satisfies WorkerRequest)
    })
    if (reply.ok) return reply.changes
    if (isBroken) return fallback(request)
    throw new AppError('internal', `Scores could not be brought up to date: ${reply.message}`)
  }
}
