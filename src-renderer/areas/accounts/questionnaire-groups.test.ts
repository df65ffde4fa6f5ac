import { describe, expect, it } from 'vitest'
import type { ControlResult } from '../../../shared/scoring/types'
import { groupQuestions, isExpiringSoon } from './questionnaire-groups'

const now = new Date('2026-11-28T12:00:00.000Z')

function question(controlId: string, extra: Partial<ControlResult>): ControlResult {
  return {
    controlId,
    domainId: 'iam',
    level: 1,
    status: 'unknown',
    unknownReason: 'not-answered',
    reason: 'not answered',
    resources: [],
    evidence: [],
    ...extra,
  }
}

function answered(expiresAt: string): Pick<ControlResult, 'status' | 'attestation'> {
  return {
    status: 'attested',
    attestation: {
      id: 'a',
      accountId: '111111111111',
      controlId: 'x',
      isMet: true,
      note: '',
      attestedBy: 'Lead',
      attestedAt: '2026-06-01T00:00:00.000Z',
      expiresAt,
    },
  }
}

const questions = [
  question('res.drill', { domainId: 'resilience', level: 2 }),
  question('iam.review', { level: 2, ...answered('2026-12-10T00:00:00.000Z') }),
  question('iam.owner', { level: 1, ...answered('2027-05-01T00:00:00.000Z') }),
  question('iam.break-glass', {
    level: 1,
    expired: { kind: 'attestation', expiredAt: '2026-11-01T00:00:00.000Z' },
  }),
]

describe('the questionnaire grouped by domain and level', () => {
  it('groups every question by domain (model order) then level', () => {
    const groups = groupQuestions(questions, { isUnansweredOnly: false, isExpiringSoonOnly: false }, now)
    expect(groups.map((g) => g.domainId)).toEqual(['iam', 'resilience'])
    expect(groups[0]?.levels.map((l) => [l.level, l.questions.map((q) => q.controlId)])).toEqual([
      [1, ['iam.owner', 'iam.break-glass']],
      [2, ['iam.review']],
    ])
  })

  it('shows only unanswered questions (never answered, or expired) with that filter', () => {
    const groups = groupQuestions(questions, { isUnansweredOnly: true, isExpiringSoonOnly: false }, now)
    const ids = groups.flatMap((g) => g.levels.flatMap((l) => l.questions.map((q) => q.controlId)))
    expect(ids).toEqual(['iam.break-glass', 'res.drill'])
  })

  it('shows only answers expiring in the next 30 days with that filter', () => {
    const groups = groupQuestions(questions, { isUnansweredOnly: false, isExpiringSoonOnly: true }, now)
    const ids = groups.flatMap((g) => g.levels.flatMap((l) => l.questions.map((q) => q.controlId)))
    expect(ids).toEqual(['iam.review'])
    expect(isExpiringSoon(question('x', answered('2026-11-27T00:00:00.000Z')), now)).toBe(false)
  })
})
