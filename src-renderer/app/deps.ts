import { RatchetDb } from '../db/db'
import { createRepos } from '../db/repos'
import { createIpcClient } from '../ipc/client'
import type { StoreDeps } from '../store/app-store'

/** The real dependencies: window.api and the repositories over the IndexedDB database. */
export function createAppDeps(): StoreDeps {
  return { api: createIpcClient(), repos: createRepos(new RatchetDb()), now: () => new Date() }
}
