import type { Attestation, DomainId, Waiver } from '../domain/types'
import type { SourceId, SourceStatus } from '../evidence/schema'
import { evidenceTime } from '../evidence/select'
import type { Rule } from '../model/rules'
import { ruleSource } from '../model/rules'
import type { ModelControl } from '../model/schema'
import { DAY_MS, type EvidenceIndex, type RuleOutcome } from './evidence-index'
import type { ResolvedParams } from './params'
import { evaluateAccessAnalyzer } from './rules/access-analyzer'
import {
  evaluateAccountSummary,
  evaluateCredentialReport,
  evaluatePasswordPolicy,
} from './rules/credential-report'
import { evaluateTrustedAdvisor } from './rules/trusted-advisor'
import { unknownReasonFor } from './source-status'
import type { ControlResult } from './types'
import { attestableUnknownReasons } from './unknown-reasons'

/** A control with its place in the model, precomputed once per model. */
export interface CompiledControl {
  control: ModelControl
  domainId: DomainId
  level: 1 | 2 | 3 | 4 | 5
  source: SourceId | undefined
}

/** What one account brings to scoring, prepared once per account. */
export interface AccountContext {
  index: EvidenceIndex | undefined
  nowMs: number
  maxAgeMs: number
  params: ResolvedParams
  attestations: Map<string, Attestation[]>
  waivers: Map<string, Waiver[]>
  /** Per-source gate (staleness, availability) and evidence list, computed on first use. */
  gates: Partial<Record<SourceId, SourceGate>>
}

/**
 * Whether a source can be read for this account, decided once per account and source. `blocked` is the
 * outcome every control on the source gets (stale, unavailable, error); `evidence` is shared by those
 * controls' results — treat it as read-only.
 */
interface SourceGate {
  blocked: RuleOutcome | undefined
  evidence: ControlResult['evidence']
}

const notCollected: RuleOutcome = {
  status: 'unknown',
  unknownReason: 'not-collected',
  reason: 'No evidence has been collected for this account',
  resources: [],
}
const noEvidence: SourceGate = { blocked: notCollected, evidence: [] }

function evaluateRule(rule: Rule, index: EvidenceIndex, params: ResolvedParams): RuleOutcome {
  switch (rule.kind) {
    case 'credential-report':
      return evaluateCredentialReport(rule, index, params)
    case 'password-policy':
      return evaluatePasswordPolicy(rule, index, params)
    case 'account-summary':
      return evaluateAccountSummary(rule, index, params)
    case 'trusted-advisor-check':
      return evaluateTrustedAdvisor(rule, index, params)
    case 'access-analyzer':
      return evaluateAccessAnalyzer(rule, index, params)
  }
}

function statusOutcome(source: SourceId, status: SourceStatus): RuleOutcome {
  const unknownReason = unknownReasonFor(status)
  const reason =
    status.state === 'error'
      ? `Could not collect ${source} (${status.code}): ${status.message}`
      : status.state === 'unavailable'
        ? `${source} is unavailable (${status.reason}): ${status.message}`
        : `${source} has no records`
  return { status: 'unknown', unknownReason, reason, resources: [] }
}

function sourceGate(source: SourceId, ctx: AccountContext): SourceGate {
  const cached = ctx.gates[source]
  if (cached) return cached
  const index = ctx.index
  if (!index) return noEvidence
  const result = index.bundle[source]
  const evidence = [{ source, collectedAt: result.collectedAt }]
  const status = result.status
  let blocked: RuleOutcome | undefined
  // Age is measured from when the evidence is from (report generated, check refreshed), not when it was read.
  const from = evidenceTime(source, result)
  if (ctx.nowMs - Date.parse(from.at) > ctx.maxAgeMs) {
    const days = Math.floor(ctx.maxAgeMs / DAY_MS)
    blocked = {
      status: 'unknown',
      unknownReason: 'stale',
      reason: `The ${source} evidence from ${from.at} is older than ${days} days`,
      resources: [],
    }
  } else if (result.records === null || (status.state === 'error' && source !== 'accessAnalyzer')) {
    // Access Analyzer keeps the Regions it could read; each rule then decides per Region.
    blocked = statusOutcome(source, status)
  }
  const gate = { blocked, evidence }
  ctx.gates[source] = gate
  return gate
}

/** Credential-report states a Trusted Advisor fallback may decide: the report could not be obtained. */
const fallbackReasons = new Set(['access-denied', 'collection-failed'])

/** Source gate, then the rule itself; never a failure for evidence that is missing. */
function automatedOutcome(
  rule: Rule,
  ctx: AccountContext,
): { outcome: RuleOutcome; evidence: ControlResult['evidence'] } {
  const primary = primaryOutcome(rule, ctx)
  const blocked = primary.outcome.unknownReason
  if (rule.kind !== 'credential-report' || !rule.fallback || !blocked || !fallbackReasons.has(blocked))
    return primary
  const fallback = primaryOutcome(rule.fallback, ctx)
  if (fallback.outcome.status === 'unknown') return primary
  return {
    outcome: {
      ...fallback.outcome,
      reason: `No credential report (${primary.outcome.reason}); Trusted Advisor decides: ${fallback.outcome.reason}`,
    },
    evidence: fallback.evidence,
  }
}

function primaryOutcome(
  rule: Rule,
  ctx: AccountContext,
): { outcome: RuleOutcome; evidence: ControlResult['evidence'] } {
  const gate = sourceGate(ruleSource[rule.kind], ctx)
  const { index } = ctx
  if (!gate.blocked && index)
    return { outcome: evaluateRule(rule, index, ctx.params), evidence: gate.evidence }
  const status = index?.bundle.accessAnalyzer.status
  // "No analyzer anywhere" is itself the violation for rules that require one.
  if (
    rule.kind === 'access-analyzer' &&
    gate.blocked?.unknownReason === 'no-analyzer' &&
    status?.state === 'unavailable' &&
    status.reason === 'no-analyzer' &&
    (rule.check === 'analyzer-present' || rule.requireAnalyzer)
  ) {
    return {
      outcome: {
        status: 'fail',
        reason: `No Access Analyzer analyzer: ${status.message}`,
        resources: [{ id: 'access-analyzer', type: 'AWS::AccessAnalyzer::Analyzer', detail: 'none' }],
      },
      evidence: gate.evidence,
    }
  }
  return { outcome: gate.blocked ?? notCollected, evidence: gate.evidence }
}

const notAnswered: RuleOutcome = {
  status: 'unknown',
  unknownReason: 'not-answered',
  reason: 'Not answered yet',
  resources: [],
}

/** The answer that counts for one account and control, or the newest one when it has expired. */
export interface CurrentAnswer<T> {
  current?: T
  expired?: T
}

/**
 * The one rule for which answer counts: of the records made at or before `now`, the newest by `timeOf`
 * (attestedAt for attestations, createdAt for waivers), ties broken by the larger id. If that newest record
 * has expired, nothing counts and it is returned as `expired`: an older answer never counts.
 */
export function selectCurrent<T extends { id: string; expiresAt: string }>(
  records: readonly T[] | undefined,
  timeOf: (record: T) => string,
  nowMs: number,
): CurrentAnswer<T> {
  let newest: T | undefined
  let newestMs = Number.NEGATIVE_INFINITY
  for (const r of records ?? []) {
    const ms = Date.parse(timeOf(r))
    if (!(ms <= nowMs)) continue
    if (!newest || ms > newestMs || (ms === newestMs && r.id > newest.id)) {
      newest = r
      newestMs = ms
    }
  }
  if (!newest) return {}
  return Date.parse(newest.expiresAt) > nowMs ? { current: newest } : { expired: newest }
}

/**
 * The record that decides each account's control, per selectCurrent (the current one, or the newest when it
 * has expired, so a scorecard can say so). A snapshot keeps only these: scoring them gives the same result
 * as scoring the whole history.
 */
export function decidingRecords<
  T extends { id: string; accountId: string; controlId: string; expiresAt: string },
>(rows: readonly T[], timeOf: (record: T) => string, nowMs: number): T[] {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const key = `${row.accountId}\u0000${row.controlId}`
    const list = groups.get(key)
    if (list) list.push(row)
    else groups.set(key, [row])
  }
  return [...groups.values()].flatMap((list) => {
    const picked = selectCurrent(list, timeOf, nowMs)
    return picked.current ?? picked.expired ?? []
  })
}

export const attestedAt = (a: Attestation): string => a.attestedAt
export const waiverCreatedAt = (w: Waiver): string => w.createdAt

interface Outcome {
  status: ControlResult['status']
  reason: string
  unknownReason: ControlResult['unknownReason']
  attestation?: Attestation
  expired?: ControlResult['expired']
}

/**
 * Applies the current attestation. It resolves only what evidence cannot tell because nobody asked (not
 * answered, not subscribed, no analyzer): a failing check stays failed, and a collection failure, denied
 * access, stale or missing evidence stays unknown until it is collected.
 */
function applyAttestation(control: ModelControl, rule: RuleOutcome, ctx: AccountContext): Outcome {
  const base: Outcome = { status: rule.status, reason: rule.reason, unknownReason: rule.unknownReason }
  if (!control.question) return base
  const picked = selectCurrent(ctx.attestations.get(control.id), attestedAt, ctx.nowMs)
  const isOpen =
    rule.status === 'unknown' &&
    rule.unknownReason !== undefined &&
    attestableUnknownReasons.has(rule.unknownReason)
  const current = picked.current
  if (current) {
    const answer = `${current.isMet ? 'Attested as met' : 'Attested as not met'} by ${current.attestedBy} until ${current.expiresAt}${current.note ? `: ${current.note}` : ''}`
    if (isOpen) {
      return {
        status: current.isMet ? 'attested' : 'fail',
        reason: answer,
        unknownReason: undefined,
        attestation: current,
      }
    }
    if (rule.status === 'fail' && current.isMet)
      return {
        ...base,
        reason: `${rule.reason} (an answer cannot accept a failing check; only a waiver can: ${answer})`,
        attestation: current,
      }
    if (rule.status === 'unknown')
      return {
        ...base,
        reason: `${rule.reason} (the answer by ${current.attestedBy} cannot stand in for evidence that needs collecting)`,
        attestation: current,
      }
    return { ...base, attestation: current }
  }
  if (picked.expired) {
    const expired = { kind: 'attestation' as const, expiredAt: picked.expired.expiresAt }
    if (!isOpen) return { ...base, expired }
    return {
      status: 'unknown',
      unknownReason: 'answer-expired',
      reason: `The answer by ${picked.expired.attestedBy} expired on ${picked.expired.expiresAt}`,
      expired,
    }
  }
  return base
}

/**
 * Scores one control for one account: the automated rule (if any), then the current attestation (which
 * only resolves what evidence cannot tell), then the current waiver for anything still not met. A waiver is
 * the only way to accept a failing check, and is shown as waived (exempt), never as met. This keeps levels
 * monotonic: evidence that becomes unknown can never raise a level, and a fail that becomes a pass can never
 * lower one.
 */
export function scoreControl(compiled: CompiledControl, ctx: AccountContext): ControlResult {
  const { control } = compiled
  let rule = notAnswered
  let evidence: ControlResult['evidence'] = noEvidence.evidence
  if (control.rule) ({ outcome: rule, evidence } = automatedOutcome(control.rule, ctx))

  const answered = applyAttestation(control, rule, ctx)
  let { status, reason, unknownReason, expired } = answered
  let waiver: Waiver | undefined

  if (status === 'fail' || status === 'unknown') {
    const picked = selectCurrent(ctx.waivers.get(control.id), waiverCreatedAt, ctx.nowMs)
    if (picked.current) {
      waiver = picked.current
      reason = `Waived by ${waiver.approver} until ${waiver.expiresAt}: ${waiver.reason} (otherwise: ${reason})`
      status = 'exempt'
      unknownReason = undefined
    } else if (picked.expired && !expired) {
      expired = { kind: 'waiver', expiredAt: picked.expired.expiresAt }
      reason = `${reason} (the waiver by ${picked.expired.approver} expired on ${picked.expired.expiresAt})`
    }
  }

  // One object shape for every result (optional fields present, possibly undefined): faster to build and read.
  return {
    controlId: control.id,
    domainId: compiled.domainId,
    level: compiled.level,
    status,
    reason,
    unknownReason,
    ruleStatus: control.rule ? rule.status : undefined,
    resources: rule.resources,
    evidence,
    attestation: answered.attestation,
    waiver,
    expired,
  }
}
