/**
 * The summaries Web Worker: opens the app's database on its own and brings the per-account summaries up to
 * date, so reading every bundle and scoring every account never blocks the window. One request at a time.
 */
import { RatchetDb } from '../db/db'
import { refreshSummaries } from '../db/summaries-repo'
import type { WorkerReply, WorkerRequest } from './summaries-protocol'

// The web tsconfig types globalThis as a window; a worker scope only needs these two members.
const scope = globalThis as unknown as {
  postMessage(message: WorkerReply): void
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void
}
const databases = new Map<string, RatchetDb>()

scope.addEventListener('message', (event) => {
  const { id, dbName, request } = event.data
  let db = databases.get(dbName)
  if (!db) {
    db = new RatchetDb(dbName)
    databases.set(dbName, db)
  }
  refreshSummaries(db, request).then(
    (changes) => scope.postMessage({ id, ok: true, changes }),
    (error: unknown) =>
      scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  )
})
