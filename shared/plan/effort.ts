import type { DomainId } from '../domain/types'

/**
 * The kinds of action the planner proposes, and the effort of each, per account, in rough person-hours.
 * They are deliberately coarse: they only need to order actions sensibly, and a lead can read them.
 * - `answer-question` (1): answer a manual control's question for an account.
 * - `renew-answer` (1): an expired attestation; confirm it again.
 * - `recollect` (1): re-run collection for an account whose evidence failed, is stale or was never collected.
 * - `scan-regions` (2): create an IAM Access Analyzer analyzer where a Region in use has none.
 * - `grant-access` (2): the audit role was denied a source; grant it the least-privilege policy, then re-collect.
 * - `verify-evidence` (2): an invariant answered by a person; evidence must show it (an attestation never
 *   satisfies an invariant).
 * - `investigate` (2): unverified for a reason the planner cannot act on; look at the control.
 * - `fix-control` (4): change the account so a failing automated control passes.
 * - `enable-source` (8): subscribe to a source AWS withholds (Trusted Advisor needs Business support).
 */
export const actionEffort = {
  'answer-question': 1,
  'renew-answer': 1,
  recollect: 1,
  'scan-regions': 2,
  'grant-access': 2,
  'verify-evidence': 2,
  investigate: 2,
  'fix-control': 4,
  'enable-source': 8,
} as const
export type ActionKind = keyof typeof actionEffort

/** Actions at or below this effort per account are quick wins: they go into the first 30 days. */
export const QUICK_WIN_EFFORT = 1

/** The perimeters a lead thinks in, by domain id. */
export const perimeterDomains = {
  identity: ['iam', 'governance'],
  network: ['network', 'data-protection'],
  application: ['workload'],
  foundation: ['logging-detection', 'incident-response', 'resilience'],
} as const satisfies Record<string, readonly DomainId[]>
export type Perimeter = keyof typeof perimeterDomains
export const perimeters: readonly Perimeter[] = ['identity', 'network', 'application', 'foundation']

/** The perimeter a domain belongs to. */
export function perimeterOf(domainId: DomainId): Perimeter {
  return (
    perimeters.find((p) => (perimeterDomains[p] as readonly DomainId[]).includes(domainId)) ?? 'foundation'
  )
}
