import { type DomainId, domainIds } from '../../../shared/domain/types'
import type { ControlResult } from '../../../shared/scoring/types'

/** The questionnaire's filters. */
export interface QuestionFilters {
  isUnansweredOnly: boolean
  isExpiringSoonOnly: boolean
}

/** How far ahead "expiring soon" looks. */
export const expiringWithinDays = 30
const dayMs = 86_400_000

/** Unanswered: no current answer (never answered, or its answer expired). */
export function isUnanswered(control: ControlResult): boolean {
  return control.status === 'unknown' || control.expired !== undefined
}

/** A current answer that expires within the next 30 days, so it will be asked again soon. */
export function isExpiringSoon(control: ControlResult, now: Date): boolean {
  const expiresAt = control.attestation ? Date.parse(control.attestation.expiresAt) : Number.NaN
  if (Number.isNaN(expiresAt) || control.expired) return false
  return expiresAt >= now.getTime() && expiresAt - now.getTime() <= expiringWithinDays * dayMs
}

/** One domain's questions, by level. */
export interface QuestionGroup {
  domainId: DomainId
  levels: Array<{ level: number; questions: ControlResult[] }>
}

/** Filters the questions and groups them by domain (model order) and level (ascending); empty groups are left out. */
export function groupQuestions(
  questions: readonly ControlResult[],
  filters: QuestionFilters,
  now: Date,
): QuestionGroup[] {
  const shown = questions.filter(
    (q) =>
      (!filters.isUnansweredOnly || isUnanswered(q)) &&
      (!filters.isExpiringSoonOnly || isExpiringSoon(q, now)),
  )
  return domainIds
    .map((domainId) => {
      const inDomain = shown.filter((q) => q.domainId === domainId)
      const levels = [...new Set(inDomain.map((q) => q.level))]
        .sort((a, b) => a - b)
        .map((level) => ({ level, questions: inDomain.filter((q) => q.level === level) }))
      return { domainId, levels }
    })
    .filter((group) => group.levels.length > 0)
}
