import type { BackupCounts, BackupFile } from '../../shared/backup/schema'
import {
  type AccountsRepo,
  addOrganization,
  createAccountsRepo,
  type OrganizationData,
} from './accounts-repo'
import { type AnswersRepo, createAnswersRepo } from './answers-repo'
import { countDatabase, exportBackup, restoreBackup } from './backup'
import { type BaselinesRepo, createBaselinesRepo } from './baselines-repo'
import type { RatchetDb } from './db'
import { type AttemptsRepo, createAttemptsRepo, createEvidenceRepo, type EvidenceRepo } from './evidence-repo'
import { createModelsRepo, type ModelsRepo } from './models-repo'
import { createSettingsRepo, type SettingsRepo } from './settings-repo'
import { createSnapshotsRepo, type SnapshotsRepo } from './snapshots-repo'
import { createSummariesRepo, type SummariesRepo, type SummaryRefresher } from './summaries-repo'
import { createTargetsRepo, type TargetsRepo } from './targets-repo'

/** Whole-database operations: the backup file in and out. */
export interface BackupRepo {
  export(options: { now: Date }): Promise<BackupFile>
  count(): Promise<BackupCounts>
  /** Replaces everything with the file's content, all or nothing. */
  restore(file: BackupFile): Promise<void>
}

/**
 * Every repository the store uses, behind one interface: store actions call `get().deps.repos.x`, never the
 * Dexie class, so tests can hand in fakes and the database can change without touching a slice.
 */
export interface Repos {
  accounts: AccountsRepo
  evidence: EvidenceRepo
  answers: AnswersRepo
  models: ModelsRepo
  snapshots: SnapshotsRepo
  settings: SettingsRepo
  targets: TargetsRepo
  /** Each account's collection attempts, beside (never instead of) its evidence. */
  attempts: AttemptsRepo
  baselines: BaselinesRepo
  /** Per-account scorecard summaries, refreshed off the main thread in the app. */
  summaries: SummariesRepo
  backup: BackupRepo
  /** Adds accounts with their evidence and answers, validated, all or nothing. */
  addOrganization(data: OrganizationData): Promise<void>
  /** Runs several repository calls in one read-write transaction: if one fails, none is kept. */
  transaction<T>(work: () => Promise<T>): Promise<T>
}

/**
 * The repositories over one IndexedDB database. `summaryRefresher` runs summary refreshes elsewhere (the app
 * passes a Web Worker); without one they run on this thread.
 */
export function createRepos(db: RatchetDb, options: { summaryRefresher?: SummaryRefresher } = {}): Repos {
  return {
    accounts: createAccountsRepo(db),
    evidence: createEvidenceRepo(db),
    answers: createAnswersRepo(db),
    models: createModelsRepo(db),
    snapshots: createSnapshotsRepo(db),
    settings: createSettingsRepo(db),
    targets: createTargetsRepo(db),
    attempts: createAttemptsRepo(db),
    baselines: createBaselinesRepo(db),
    summaries: createSummariesRepo(db, options.summaryRefresher),
    backup: {
      export: (options) => exportBackup(db, options),
      count: () => countDatabase(db),
      restore: (file) => restoreBackup(db, file),
    },
    addOrganization: (data) => addOrganization(db, data),
    transaction: (work) => db.transaction('rw', db.tables, work),
  }
}
