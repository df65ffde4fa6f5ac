import type { SourceStatus } from '../evidence/schema'
import type { UnknownReason } from './unknown-reasons'

/** The unknown category for a source (or Region) status that is not ok. */
export function unknownReasonFor(status: SourceStatus): UnknownReason {
  if (status.state === 'error')
    return /accessdenied|unauthorized|forbidden/i.test(status.code) ? 'access-denied' : 'collection-failed'
  if (status.state === 'unavailable') {
    if (
      status.reason === 'not-subscribed' ||
      status.reason === 'access-denied' ||
      status.reason === 'no-analyzer'
    )
      return status.reason
  }
  return 'not-collected'
}
