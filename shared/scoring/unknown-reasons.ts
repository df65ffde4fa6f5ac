/**
 * Why a control could not be verified: the one list of categories and the one wording table, used by the
 * app, the CLI and every export. Unknown is never shown or counted as a failure.
 */
export const unknownReasons = [
  'not-answered', // a question nobody has answered
  'answer-expired', // the newest answer has expired (an older one never counts)
  'not-subscribed', // the source needs a plan the account does not have (Trusted Advisor on Basic support)
  'access-denied', // the role could not read the source
  'no-analyzer', // no Access Analyzer analyzer of the needed type
  'collection-failed', // collecting the source (or a Region of it) failed
  'stale', // the evidence is older than the maximum evidence age
  'not-collected', // never collected, or collected without what the rule needs (a file, a column, a field)
] as const
export type UnknownReason = (typeof unknownReasons)[number]

/**
 * Reasons written by earlier versions of Ratchet, still found in stored snapshots. They are read as they
 * were recorded and shown with today's wording (see legacyUnknownReason).
 */
export const legacyUnknownReasons = [
  'unavailable',
  'collection-error',
  'region-gap',
  'check-missing',
] as const
export type LegacyUnknownReason = (typeof legacyUnknownReasons)[number]
export type StoredUnknownReason = UnknownReason | LegacyUnknownReason

const legacyMap: Record<LegacyUnknownReason, UnknownReason> = {
  unavailable: 'not-subscribed',
  'collection-error': 'collection-failed',
  'region-gap': 'collection-failed',
  'check-missing': 'not-collected',
}

/** Today's category for a reason read from a stored snapshot. */
export function currentUnknownReason(reason: StoredUnknownReason): UnknownReason {
  return (legacyMap as Record<string, UnknownReason>)[reason] ?? (reason as UnknownReason)
}

/** Short words for each category: table cells, filters, markers. */
export const unknownReasonText: Record<UnknownReason, string> = {
  'not-answered': 'not answered',
  'answer-expired': 'answer expired',
  'not-subscribed': 'not subscribed',
  'access-denied': 'access denied',
  'no-analyzer': 'no analyzer',
  'collection-failed': 'collection failed',
  stale: 'evidence too old',
  'not-collected': 'not collected',
}

/** What to do about each category, one sentence. */
export const unknownReasonAction: Record<UnknownReason, string> = {
  'not-answered': 'Answer the question.',
  'answer-expired': 'Answer the question again.',
  'not-subscribed': 'Subscribe to the needed plan, or answer the question where the control has one.',
  'access-denied': 'Grant the audit role the read permission, then collect again.',
  'no-analyzer': 'Create the Access Analyzer analyzer, then collect again.',
  'collection-failed': 'Collect again.',
  stale: 'Collect again.',
  'not-collected': 'Collect the evidence.',
}

/** The words for any stored reason (legacy ones included). */
export function unknownReasonWords(reason: StoredUnknownReason | undefined): string {
  return reason === undefined ? 'unknown' : unknownReasonText[currentUnknownReason(reason)]
}

/**
 * The unknown categories an attestation may resolve: only what evidence cannot tell because nobody asked
 * (or because the account has no source to ask). Collection failures, denied access, stale or missing
 * evidence need collecting, and an expired answer needs answering again.
 */
export const attestableUnknownReasons: ReadonlySet<UnknownReason> = new Set([
  'not-answered',
  'not-subscribed',
  'no-analyzer',
])
