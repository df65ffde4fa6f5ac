import { RatchetDb } from '../db/db'
import { createIpcClient } from '../ipc/client'
import type { StoreDeps } from '../store/app-store'

/** The real dependencies: window.api and the IndexedDB database. */
export function createAppDeps(): StoreDeps {
  return { api: createIpcClient(), db: new RatchetDb(), now: () => new Date() }
}
