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
  // Worded as an error of collecting, never as a failure of the control.
  'collection-failed': 'collection error',
  stale: 'evidence too old',
  'not-collected': 'not collected',
}

/**
 * A distinct one-character marker for each category, always shown beside its words (never alone), so a
 * scorecard, a table cell or a printed page tells the categories apart at a glance.
 */
export const unknownReasonMarker: Record<UnknownReason, string> = {
  'not-answered': '?',
  'answer-expired': '↺',
  'not-subscribed': '$',
  'access-denied': '⊘',
  'no-analyzer': '∅',
  'collection-failed': '!',
  stale: '◷',
  'not-collected': '○',
}

/** "◷ evidence too old": a category's marker and words. */
export function unknownReasonLabel(reason: UnknownReason): string {
  return `${unknownReasonMarker[reason]} ${unknownReasonText[reason]}`
}

/** The words for any stored reason (legacy ones included). */
export function unknownReasonWords(reason: StoredUnknownReason | undefined): string {
  return reason === undefined ? 'unknown' : unknownReasonText[currentUnknownReason(reason)]
}

/** A stored reason's marker and words ("◷ evidence too old"), or "unknown" when none was recorded. */
export function unknownMarkedWords(reason: StoredUnknownReason | undefined): string {
  return reason === undefined ? 'unknown' : unknownReasonLabel(currentUnknownReason(reason))
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

/** How many controls are unknown in each category (categories with none are left out), in table order. */
export function unknownCounts(
  controls: ReadonlyArray<{ status: string; unknownReason?: UnknownReason | undefined }>,
): Partial<Record<UnknownReason, number>> {
  const counts: Partial<Record<UnknownReason, number>> = {}
  for (const reason of unknownReasons) {
    const n = controls.filter((c) => c.status === 'unknown' && c.unknownReason === reason).length
    if (n > 0) counts[reason] = n
  }
  return counts
}

/**
 * "3 not answered · 2 not subscribed", or "" when nothing is unknown; with `isMarked`, each category leads
 * with its marker ("? 3 not answered · $ 2 not subscribed").
 */
export function unknownCountsText(counts: Partial<Record<UnknownReason, number>>, isMarked = false): string {
  return unknownReasons
    .filter((r) => (counts[r] ?? 0) > 0)
    .map((r) => `${isMarked ? `${unknownReasonMarker[r]} ` : ''}${counts[r]} ${unknownReasonText[r]}`)
    .join(' · ')
}

/** The account's headline level in words: "L2", or "unassessed" when it has no usable evidence. */
export function headlineLevelText(level: number, grade: string): string {
  return grade === 'unassessed' ? 'unassessed' : `L${level}`
}

/** The evidence-verified level in words: "L3", or "no automated evidence" (never 0 for that). */
export function evidenceLevelText(level: number | null | undefined): string {
  return level === null || level === undefined ? 'no automated evidence' : `L${level}`
}
