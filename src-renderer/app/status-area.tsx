import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { ErrorAction } from '../../shared/errors'
import { useAppStore } from '../store/app-store'
import { type Notice, statusSelectors } from '../store/status-slice'
import type { AreaId } from '../store/ui-slice'

/** The button a notice offers for its next step, where the app has a place to send the user. */
const actionButtons: Partial<Record<ErrorAction, { label: string; area: AreaId }>> = {
  'sign-in': { label: 'Sign in…', area: 'settings' },
  'open-settings': { label: 'Open Settings', area: 'settings' },
}

function NoticeBody({ notice, onDismiss }: { notice: Notice; onDismiss(): void }) {
  const setArea = useAppStore((s) => s.setArea)
  const action = notice.action ? actionButtons[notice.action] : undefined
  return (
    <>
      {/* The code stays visible (small): it is what a person quotes when asking for help. */}
      {notice.code ? <code className="notice-code">{notice.code}</code> : null}
      <span className="notice-message">{notice.message}</span>
      {notice.hint ? <span className="notice-hint">{notice.hint}</span> : null}
      {action ? (
        <button type="button" onClick={() => setArea(action.area)}>
          {action.label}
        </button>
      ) : null}
      <button type="button" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </>
  )
}

/**
 * Warnings and errors as one line: the newest, with a count of the others that opens the whole list. They
 * stay until dismissed, so nothing goes unseen, but never stack up over the window.
 */
function Problems() {
  const problems = useAppStore(useShallow(statusSelectors.problems))
  const dismiss = useAppStore((s) => s.dismissNotice)
  const dismissAll = useAppStore((s) => s.dismissProblems)
  const [isOpen, setOpen] = useState(false)
  const newest = problems.at(-1)
  if (!newest) return null
  const others = problems.length - 1
  return (
    <div className="status-problems">
      <div
        role="alert"
        className={`notice notice-${newest.level}`}
        data-testid="notice-line"
        data-code={newest.code}
      >
        <NoticeBody notice={newest} onDismiss={() => dismiss(newest.id)} />
        {others > 0 ? (
          <button
            type="button"
            aria-expanded={isOpen}
            aria-controls="notice-list"
            onClick={() => setOpen(!isOpen)}
            data-testid="notice-count"
          >
            {isOpen ? 'Hide' : `${others} more`}
          </button>
        ) : null}
      </div>
      {isOpen && others > 0 ? (
        <section id="notice-list" className="notice-list" aria-label="All problems" data-testid="notice-list">
          <ul>
            {problems.map((notice) => (
              <li key={notice.id} className={`notice notice-${notice.level}`}>
                <NoticeBody notice={notice} onDismiss={() => dismiss(notice.id)} />
              </li>
            ))}
          </ul>
          <button type="button" onClick={dismissAll}>
            Dismiss all
          </button>
        </section>
      ) : null}
    </div>
  )
}

/** Long-running work and messages for the user, announced to screen readers. */
export function StatusArea() {
  const jobs = useAppStore(useShallow(statusSelectors.jobs))
  const infos = useAppStore(useShallow(statusSelectors.infos))
  const dismiss = useAppStore((s) => s.dismissNotice)
  // Information clears itself (status-slice), and only the newest is shown.
  const info = infos.at(-1)
  return (
    <footer className="status-area" data-testid="status-area">
      <div aria-live="polite" className="status-jobs">
        {jobs.length === 0 ? <span className="muted">Idle</span> : null}
        {jobs.map((job) => (
          <div key={job.id} className={`job job-${job.state}`} data-testid="job">
            <span>{job.label}</span>
            {job.progress !== undefined ? (
              <progress max={1} value={job.progress} aria-label={`${job.label} progress`} />
            ) : null}
            {job.detail ? <span className="muted">{job.detail}</span> : null}
          </div>
        ))}
      </div>
      <div aria-live="polite" className="status-notices">
        {info ? (
          <div role="status" className="notice notice-info" data-testid="notice-info" data-code={info.code}>
            <NoticeBody notice={info} onDismiss={() => dismiss(info.id)} />
          </div>
        ) : null}
      </div>
      <Problems />
    </footer>
  )
}
