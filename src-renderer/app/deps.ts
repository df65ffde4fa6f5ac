import { RatchetDb } from '../db/db'
import { createRepos } from '../db/repos'
import { refreshSummaries } from '../db/summaries-repo'
import { createIpcClient } from '../ipc/client'
import type { StoreDeps } from '../store/app-store'
import { createWorkerRefresher } from '../workers/summaries-client'

/** The real dependencies: window.api, and the repositories over IndexedDB with summaries in a Web Worker. */
export function createAppDeps(): StoreDeps {
  const db = new RatchetDb()
  const summaryRefresher = createWorkerRefresher(db.name, (request) => refreshSummaries(db, request))
  return {
    api: createIpcClient(),
    repos: createRepos(db, summaryRefresher ? { summaryRefresher } : {}),
    now: () => new Date(),
  }
}
