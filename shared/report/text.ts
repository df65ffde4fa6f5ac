import type { StatusCounts } from './types'

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

/** "L3". */
export const levelText = (level: number): string => `L${level}`

/** "+0.4", "−0.2", "±0". */
export function deltaText(delta: number): string {
  if (delta > 0) return `+${delta.toFixed(1)}`
  if (delta < 0) return `−${Math.abs(delta).toFixed(1)}`
  return '±0'
}

/** Why a control could not be verified, in words: the one table lives in shared/scoring. */
export { unknownReasonText } from '../scoring/unknown-reasons'

/** The status words reports use. `unknown` is "unverified", never "failed". */
export const statusWords: Record<keyof StatusCounts, string> = {
  pass: 'pass',
  fail: 'fail',
  unknown: 'unverified',
  exempt: 'waived',
  attested: 'attested',
  'not-applicable': 'not applicable',
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
