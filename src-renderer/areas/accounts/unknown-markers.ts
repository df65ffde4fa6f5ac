import {
  type UnknownReason,
  unknownReasonMarker,
  unknownReasons,
  unknownReasonWords,
} from '../../../shared/scoring/unknown-reasons'

/**
 * One distinct marker per unknown category (the exports' own table, so a board and the app read the same
 * marks), shown on the heatmap cells that hold such unknowns. A marker is never the only signal: the cell's
 * accessible name says each category in words, and the legend lists them.
 */
export const unknownMarkers: Record<UnknownReason, string> = unknownReasonMarker

/** The categories of `counts` in the table's order, with their marker and words (legacy ones as today's). */
export function unknownMarks(
  counts: Readonly<Record<string, number>> | undefined,
): Array<{ category: UnknownReason; marker: string; count: number; words: string }> {
  if (!counts) return []
  return unknownReasons.flatMap((category) => {
    const count = counts[category] ?? 0
    return count > 0
      ? [{ category, marker: unknownMarkers[category], count, words: unknownReasonWords(category) }]
      : []
  })
}
