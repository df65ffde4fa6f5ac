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
  /** Adds a notice; information clears itself after `infoNoticeMs`, warnings and errors stay until dismissed. */
  notify(notice: Omit<Notice, 'id'>): void
  /**
   * Shows any thrown value as a notice; AppErrors keep their code, hint and next step. `file` names the file
   * the error is about. An expected state (no AWS configuration, a cancelled sign-in) is information, not red.
   */
  reportError(error: unknown, context?: { file?: string }): void
  /** Runs an action's work; if it throws, the error becomes a notice (`reportError`) and `fallback` is returned. */
  attempt<T, F = undefined>(work: () => Promise<T>, fallback?: F): Promise<T | F>
  dismissNotice(id: number): void
  /** Dismisses every warning and error at once. */
  dismissProblems(): void
}

/** How long an information notice stays before it clears itself. */
export const infoNoticeMs = 6000
/** At most this many notices are kept; the oldest go first. */
const maxNotices = 20

/**
 * Codes that describe an expected state rather than a failure: shown as information, never red. "No AWS
 * configuration" is how every new user starts (the demo is shown then); a cancel is the user's own choice.
 */
const expectedStates: ReadonlySet<AppErrorCode> = new Set([
  'no-aws-config',
  'sso-login-cancelled',
  'collection-cancelled',
])

/** The message a person reads: its lines joined, stack frames ("at …") left out, the file it is about first. */
export function readableMessage(error: unknown, file?: string): string {
  const raw = error instanceof Error ? error.message : String(error)
  const lines = raw
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^at\s/.test(line))
  const text = lines.join(' ') || 'Something went wrong.'
  return file ? `${file}: ${text}` : text
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
  notify: (notice) => {
    const id = nextNoticeId++
    set((s) => ({ notices: [...s.notices, { ...notice, id }].slice(-maxNotices) }))
    if (notice.level === 'info') setTimeout(() => get().dismissNotice(id), infoNoticeMs)
  },
  reportError: (error, context) => {
    const message = readableMessage(error, context?.file)
    if (error instanceof AppError) {
      get().notify({
        level: expectedStates.has(error.code) ? 'info' : 'error',
        message,
        code: error.code,
        action: errorAction(error.code),
        ...(error.hint ? { hint: error.hint } : {}),
      })
    } else {
      get().notify({ level: 'error', message, hint: 'If it happens again, restart Ratchet.' })
    }
  },
  attempt: async <T, F>(work: () => Promise<T>, fallback?: F) => {
    try {
      return await work()
    } catch (error) {
      get().reportError(error)
      return fallback as F
    }
  },
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  dismissProblems: () => set((s) => ({ notices: s.notices.filter((n) => n.level === 'info') })),
})

export const statusSelectors = {
  jobs: (s: AppState) => s.jobs,
  notices: (s: AppState) => s.notices,
  /** Information notices, newest last. */
  infos: (s: AppState) => s.notices.filter((n) => n.level === 'info'),
  /** Warnings and errors, newest last: shown as one line with a count that opens the list. */
  problems: (s: AppState) => s.notices.filter((n) => n.level !== 'info'),
  runningJobs: (s: AppState) => s.jobs.filter((j) => j.state === 'running'),
}
