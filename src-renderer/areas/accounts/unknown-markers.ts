import {
  type UnknownReason,
  unknownReasonMarker,
  unknownReasons,
  unknownReasonWords,
} from '../../../shared/scoring/unknown-reasons'

/**
 * The categories of `counts` in the table's order, with their marker (the exports' own table, so a board and
 * the app read the same marks) and words (legacy ones as today's). A marker is never the only signal: the
 * cell's accessible name says each category in words, and the legend lists them.
 */
export function unknownMarks(
  counts: Readonly<Record<string, number>> | undefined,
): Array<{ category: UnknownReason; marker: string; count: number; words: string }> {
  if (!counts) return []
  return unknownReasons.flatMap((category) => {
    const count = counts[category] ?? 0
    return count > 0
      ? [{ category, marker: unknownReasonMarker[category], count, words: unknownReasonWords(category) }]
      : []
  })
}
