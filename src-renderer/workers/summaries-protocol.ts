import type { SummaryChanges, SummaryRefreshRequest } from '../db/summaries-repo'

/** A refresh request sent to the summaries worker. */
export interface WorkerRequest {
  id: number
  /** The IndexedDB database to refresh (the app's, or a test's). */
  dbName: string
  request: SummaryRefreshRequest
}

/** The worker's answer to one request. */
export type WorkerReply =
  | { id: number; ok: true; changes: SummaryChanges }
  | { id: number; ok: false; message: string }
