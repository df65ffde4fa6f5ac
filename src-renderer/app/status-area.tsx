import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../store/app-store'
import { statusSelectors } from '../store/status-slice'

/** Long-running work and messages for the user, announced to screen readers. */
export function StatusArea() {
  const jobs = useAppStore(useShallow(statusSelectors.jobs))
  const notices = useAppStore(useShallow(statusSelectors.notices))
  const dismiss = useAppStore((s) => s.dismissNotice)
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
      <div aria-live="assertive" className="status-notices">
        {notices.map((notice) => (
          <div
            key={notice.id}
            role={notice.level === 'error' ? 'alert' : 'status'}
            className={`notice notice-${notice.level}`}
          >
            {notice.code ? <code className="notice-code">{notice.code}</code> : null}
            <span className="notice-message">{notice.message}</span>
            {notice.hint ? <span className="notice-hint">{notice.hint}</span> : null}
            <button type="button" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </footer>
  )
}
