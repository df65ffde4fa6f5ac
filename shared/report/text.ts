import { plural } from '../scoring/evidence-index'
import {
  evidenceLevelText,
  type UnknownReason,
  unknownCountsText,
  unknownReasonText,
} from '../scoring/unknown-reasons'
import type { ExecutivePage, StatusCounts } from './types'

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** The date part of an ISO timestamp: 2026-11-28. */
export const day = (iso: string): string => iso.slice(0, 10)

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** A date as people write it, the same everywhere (UTC, no locale): "28 November 2026". */
export function humanDate(iso: string): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  return `${at.getUTCDate()} ${months[at.getUTCMonth()]} ${at.getUTCFullYear()}`
}

/** "28 November 2026, 12:00 UTC". */
export const humanDateTime = (iso: string): string => `${humanDate(iso)}, ${iso.slice(11, 16)} UTC`

/** "today", "1 day", "12 days". */
export const ageText = (days: number): string =>
  days === 0 ? 'today' : `${days} ${days === 1 ? 'day' : 'days'}`

/** "L3". */
export const levelText = (level: number): string => `L${level}`

/** "+0.4", "−0.2", "±0". */
export function deltaText(delta: number): string {
  if (delta > 0) return `+${delta.toFixed(1)}`
  if (delta < 0) return `−${Math.abs(delta).toFixed(1)}`
  return '±0'
}

/** Why a control could not be verified, in words: the one table lives in shared/scoring. */
export { unknownReasonText }

/** The status words reports use. `unknown` is "unverified", never "failed". */
export const statusWords: Record<keyof StatusCounts, string> = {
  pass: 'pass',
  fail: 'fail',
  unknown: 'unverified',
  exempt: 'waived',
  attested: 'attested',
  'not-applicable': 'not applicable',
}

/** "? 5 not answered · $ 3 not subscribed": the unknown categories, kept apart, each with its marker. */
export function unknownText(byReason: Partial<Record<UnknownReason, number>>): string {
  return unknownCountsText(byReason, true)
}

/** "12 pass · 3 fail · 4 unverified · 1 waived · 2 attested" (zero counts left out). */
export function countsText(counts: StatusCounts): string {
  const parts = (Object.keys(statusWords) as Array<keyof StatusCounts>)
    .filter((status) => counts[status] > 0)
    .map((status) => `${counts[status]} ${statusWords[status]}`)
  return parts.length > 0 ? parts.join(' · ') : 'no controls scored'
}

/** A level move: "L3 → L2", or "still L2" when only controls slipped. */
export const moveText = (from: number, to: number): string =>
  from === to ? `still ${levelText(to)}` : `${levelText(from)} → ${levelText(to)}`

const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})\b/g

/** The engine's reasons carry ISO times ("until 2027-02-17T12:00:00.000Z"): a report writes them as dates. */
export const humanizeTimes = (text: string): string => text.replace(ISO_TIME, (iso) => humanDate(iso))

/** What the headline rows leave out: unassessed accounts, and (evidence-verified) accounts with no automated evidence. */
export function headlineNote(exec: ExecutivePage): string {
  const unassessed =
    exec.unassessedCount > 0
      ? `; ${plural(exec.unassessedCount, 'account')} with no usable evidence, unassessed, are not counted`
      : ''
  const verified = exec.headline.some((r) => r.id === 'evidence')
    ? '; the evidence-verified level counts only automated controls (an account with none has no automated evidence)'
    : ''
  return `${unassessed}${verified}`
}

/**
 * The evidence-verified level in words ("L2", "no automated evidence"), or "–" in a snapshot made before
 * 2026-11-29, which did not record it (never "no automated evidence" for that).
 */
export const evidenceText = (level: number | null | undefined): string =>
  level === undefined ? '–' : evidenceLevelText(level)
