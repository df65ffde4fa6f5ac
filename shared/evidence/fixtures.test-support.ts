import { tinyBundle } from '../snapshot/fixtures.test-support'
import type { EvidenceBundle, SourceStatus } from './schema'

/** What an expired IAM Identity Center session makes every source say. */
export const expiredStatus: SourceStatus = {
  state: 'error',
  code: 'sso-token-expired',
  message: 'The SSO session expired',
}

/** A re-collection of `accountId` at `at` where every source failed (an expired session). */
export function failedAttempt(accountId: string, at: string): EvidenceBundle {
  const failed = { status: expiredStatus, collectedAt: at, raw: [], records: null }
  return {
    ...tinyBundle(accountId, at),
    identity: failed,
    credentialReport: failed,
    trustedAdvisor: failed,
    accessAnalyzer: failed,
  }
}
