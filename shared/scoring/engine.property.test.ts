import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Attestation, Waiver } from '../domain/types'
import type { EvidenceBundle, TaCheck } from '../evidence/schema'
import { compileModel, scoreAccount } from './engine'
import { exampleBundle } from './test-support/aws-examples'
import { manualControl, taControl, testModel } from './test-support/models'
import type { AccountScorecard } from './types'

/**
 * Properties of the engine over random evidence: each IAM level has two "either" Trusted Advisor controls
 * (check ids c1…c10) and every level of governance has a manual control. A check is ok, flagged or missing;
 * Trusted Advisor may be unavailable; attestations and waivers may be current or expired.
 */

const accountId = '123456789012'
const now = new Date('2026-11-28T12:00:00.000Z')
const checkIds = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10'] as const
const controlIds = checkIds.map((c) => `p.${c}`)
const manualIds = [1, 2, 3, 4, 5].map((l) => `p.manual-${l}`)

const model = compileModel(
  testModel({
    iam: {
      1: [taControl('p.c1', 'c1'), taControl('p.c2', 'c2')],
      2: [taControl('p.c3', 'c3'), taControl('p.c4', 'c4')],
      3: [taControl('p.c5', 'c5'), taControl('p.c6', 'c6')],
      4: [taControl('p.c7', 'c7'), taControl('p.c8', 'c8')],
      5: [taControl('p.c9', 'c9'), taControl('p.c10', 'c10')],
    },
    governance: Object.fromEntries(manualIds.map((id, i) => [i + 1, [manualControl(id)]])),
  }),
)

type CheckState = 'ok' | 'flagged' | 'missing'

function taCheck(checkId: string, state: 'ok' | 'flagged'): TaCheck {
  return {
    checkId,
    checkArn: `arn:aws:trustedadvisor:::check/${checkId}`,
    name: checkId,
    recommendationArn: `arn:aws:trustedadvisor::${accountId}:recommendation/${checkId}`,
    status: state === 'ok' ? 'ok' : 'error',
    pillars: ['security'],
    source: 'ta_check',
    counts: { ok: state === 'ok' ? 1 : 0, warning: 0, error: state === 'ok' ? 0 : 1, excluded: 0 },
    resources: [],
    lastUpdatedAt: null,
  }
}

function bundleFor(states: CheckState[], isTaAvailable: boolean): EvidenceBundle {
  const base = exampleBundle('2026-11-27T00:00:00.000Z')
  if (!isTaAvailable) {
    return {
      ...base,
      trustedAdvisor: {
        status: { state: 'unavailable', reason: 'not-subscribed', message: 'Basic support' },
        collectedAt: base.collectedAt,
        raw: [],
        records: null,
      },
    }
  }
  const checks = states.flatMap((s, i) => (s === 'missing' ? [] : [taCheck(checkIds[i] ?? 'c1', s)]))
  return { ...base, trustedAdvisor: { ...base.trustedAdvisor, records: { via: 'account', checks } } }
}

const recordArb = fc.record({
  control: fc.constantFrom(...controlIds, ...manualIds),
  isMet: fc.boolean(),
  isCurrent: fc.boolean(),
  days: fc.integer({ min: 1, max: 400 }),
  /** How many days before `now` it was recorded. */
  age: fc.integer({ min: 1, max: 300 }),
})
type RecordSpec = { control: string; isMet: boolean; isCurrent: boolean; days: number; age: number }
const recordedAt = (spec: RecordSpec): string => new Date(now.getTime() - spec.age * 86_400_000).toISOString()

function expiry(spec: RecordSpec): string {
  const offset = (spec.isCurrent ? 1 : -1) * spec.days * 86_400_000
  return new Date(now.getTime() + offset).toISOString()
}
function toAttestation(spec: RecordSpec, i: number): Attestation {
  return {
    id: `a${i}`,
    accountId,
    controlId: spec.control,
    isMet: spec.isMet,
    note: '',
    attestedBy: 'alice',
    attestedAt: recordedAt(spec),
    expiresAt: expiry(spec),
  }
}
function toWaiver(spec: RecordSpec, i: number): Waiver {
  return {
    id: `w${i}`,
    accountId,
    controlId: spec.control,
    reason: 'accepted',
    approver: 'bob',
    createdAt: recordedAt(spec),
    expiresAt: expiry(spec),
  }
}

const scenarioArb = fc.record({
  states: fc.array(fc.constantFrom<CheckState>('ok', 'flagged', 'missing'), { minLength: 10, maxLength: 10 }),
  isTaAvailable: fc.boolean(),
  attestations: fc.array(recordArb, { maxLength: 8 }),
  waivers: fc.array(recordArb, { maxLength: 4 }),
})
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never

function run(s: Scenario): AccountScorecard {
  return scoreAccount({
    model,
    accountId,
    bundle: bundleFor(s.states, s.isTaAvailable),
    attestations: s.attestations.map(toAttestation),
    waivers: s.waivers.map(toWaiver),
    now,
  })
}
const levels = (card: AccountScorecard) => card.domains.map((d) => d.level)

describe('engine properties', () => {
  it('is deterministic: the same input gives the same scorecard', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(run(s)).toEqual(run(s))
      }),
    )
  })

  it('turning evidence into an unknown (a missing check) never raises a level', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 9 }), (s, i) => {
        const states = s.states.with(i, 'missing')
        const before = levels(run(s))
        const after = levels(run({ ...s, states }))
        for (const [d, level] of after.entries()) expect(level).toBeLessThanOrEqual(before[d] ?? 5)
      }),
      { numRuns: 400 },
    )
  })

  it('turning a fail into a pass never lowers a level', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 9 }), (s, i) => {
        fc.pre(s.states[i] === 'flagged')
        const before = levels(run(s))
        const after = levels(run({ ...s, states: s.states.with(i, 'ok') }))
        for (const [d, level] of after.entries()) expect(level).toBeGreaterThanOrEqual(before[d] ?? 0)
      }),
      { numRuns: 400 },
    )
  })

  it('an older answer never changes a result', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(recordArb, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (s, extra, isWaiver) => {
          const existing = isWaiver ? s.waivers : s.attestations
          // Each extra answer is recorded before every existing answer for its control (and only added where
          // the control already has one), so it is history.
          const older = extra.flatMap((e) => {
            const ages = existing.filter((x) => x.control === e.control).map((x) => x.age)
            return ages.length === 0 ? [] : [{ ...e, age: Math.max(...ages) + 1 + (e.age % 30) }]
          })
          const base = run(s)
          const withOlder = run(
            isWaiver
              ? { ...s, waivers: [...older, ...s.waivers] }
              : { ...s, attestations: [...older, ...s.attestations] },
          )
          const results = (card: AccountScorecard) =>
            card.domains.flatMap((d) =>
              d.controls.map((c) => [c.controlId, c.status, c.unknownReason, c.expired]),
            )
          expect(results(withOlder)).toEqual(results(base))
          expect(levels(withOlder)).toEqual(levels(base))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('no attestation raises a control whose rule fails', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const withAnswers = run(s)
        const without = run({ ...s, attestations: [] })
        const byId = new Map(without.domains.flatMap((d) => d.controls.map((c) => [c.controlId, c])))
        for (const c of withAnswers.domains.flatMap((d) => d.controls)) {
          if (c.ruleStatus !== 'fail') continue
          expect(c.status).toBe(byId.get(c.controlId)?.status)
          expect(['fail', 'exempt']).toContain(c.status)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('when the newest answer has expired, the control is unknown (answer expired), whatever older answers say', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(...manualIds), (s, id) => {
        const newest = { control: id, isMet: true, isCurrent: false, days: 0.25, age: 0.5 }
        const card = run({ ...s, waivers: [], attestations: [...s.attestations, newest] })
        const c = card.domains.flatMap((d) => d.controls).find((x) => x.controlId === id)
        expect(c).toMatchObject({ status: 'unknown', unknownReason: 'answer-expired' })
      }),
    )
  })

  it('never reports an unknown control as a fail, and fails only controls with flagged evidence or a "not met" answer', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const card = run(s)
        for (const c of card.domains.flatMap((d) => d.controls)) {
          if (c.status !== 'fail') continue
          const i = controlIds.indexOf(c.controlId)
          const isFlagged = i >= 0 && s.isTaAvailable && s.states[i] === 'flagged'
          expect(isFlagged || c.attestation?.isMet === false).toBe(true)
        }
      }),
    )
  })
})
