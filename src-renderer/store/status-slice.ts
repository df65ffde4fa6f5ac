import type { StateCreator } from 'zustand'
import { AppError, type AppErrorCode, type ErrorAction, errorAction } from '../../shared/errors'
import type { AppState } from './app-store'

/** A long-running piece of work shown in the status area. */
export interface Job {
  id: string
  label: string
  /** 0..1 when known. */
  progress?: number
  detail?: string
  state: 'running' | 'done' | 'failed' | 'cancelled'
}

/** A message for the user: what happened, and what to do next. */
export interface Notice {
  id: number
  level: 'info' | 'warning' | 'error'
  message: string
  code?: AppErrorCode
  hint?: string
  /** The next step the notice offers, decided per code by `errorAction`. */
  action?: ErrorAction
}

export interface StatusSlice {
  jobs: Job[]
  notices: Notice[]
  upsertJob(job: Job): void
  removeJob(id: string): void
  notify(notice: Omit<Notice, 'id'>): void
  /** Shows any thrown value as an error notice; AppErrors keep their code and hint. */
  reportError(error: unknown): void
  dismissNotice(id: number): void
}

let nextNoticeId = 1

export const createStatusSlice: StateCreator<AppState, [], [], StatusSlice> = (set, get) => ({
  jobs: [],
  notices: [],
  upsertJob: (job) =>
    set((s) => ({
      jobs: s.jobs.some((j) => j.id === job.id)
        ? s.jobs.map((j) => (j.id === job.id ? job : j))
        : [...s.jobs, job],
    })),
  removeJob: (id) => set((s) => ({ jobs: s.jobs.filter((j) => j.id !== id) })),
  notify: (notice) => set((s) => ({ notices: [...s.notices, { ...notice, id: nextNoticeId++ }].slice(-5) })),
  reportError: (error) => {
    if (error instanceof AppError) {
      get().notify({
        level: 'error',
        message: error.message,
        code: error.code,
        action: errorAction(error.code),
        ...(error.hint ? { hint: error.hint } : {}),
      })
    } else {
      get().notify({ level: 'error', message: error instanceof Error ? error.message : String(error) })
    }
  },
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
})

export const statusSelectors = {
  jobs: (s: AppState) => s.jobs,
  notices: (s: AppState) => s.notices,
  runningJobs: (s: AppState) => s.jobs.filter((j) => j.state === 'running'),
}
