import type { ControlStatus } from '../../shared/scoring/types'
import './desk.css'

const labels: Record<ControlStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  unknown: 'Unverified',
  exempt: 'Waived',
  attested: 'Attested',
  'not-applicable': 'N/A',
}

/** A control's status as a pill. "unknown" reads "Unverified", never as a failure. */
export function StatusPill({ status }: { status: ControlStatus }) {
  return <span className={`status-pill status-${status}`}>{labels[status]}</span>
}

/** A small red flag for answers and waivers that have expired. */
export function ExpiredFlag({ at }: { at: string }) {
  return (
    <span className="expired-flag" title={`Expired ${at.slice(0, 10)}`}>
      Expired {at.slice(0, 10)}
    </span>
  )
}
