import type { Attestation, DomainId, Waiver } from '../domain/types'
import type { SourceId } from '../evidence/schema'
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
import type { ControlResult } from './types'

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

function sourceGate(source: SourceId, ctx: AccountContext): SourceGate {
  const cached = ctx.gates[source]
  if (cached) return cached
  const index = ctx.index
  if (!index) return noEvidence
  const result = index.bundle[source]
  const evidence = [{ source, collectedAt: result.collectedAt }]
  const status = result.status
  let blocked: RuleOutcome | undefined
  if (ctx.nowMs - Date.parse(result.collectedAt) > ctx.maxAgeMs) {
    const days = Math.floor(ctx.maxAgeMs / DAY_MS)
    blocked = {
      status: 'unknown',
      unknownReason: 'stale',
      reason: `The ${source} evidence from ${result.collectedAt} is older than ${days} days`,
      resources: [],
    }
  } else if (result.records === null) {
    blocked =
      status.state === 'unavailable'
        ? {
            status: 'unknown',
            unknownReason: 'unavailable',
            reason: `${source} is unavailable (${status.reason}): ${status.message}`,
            resources: [],
          }
        : status.state === 'error'
          ? {
              status: 'unknown',
              unknownReason: 'collection-error',
              reason: `Collecting ${source} failed (${status.code}): ${status.message}`,
              resources: [],
            }
          : {
              status: 'unknown',
              unknownReason: 'not-collected',
              reason: `${source} has no records`,
              resources: [],
            }
  } else if (status.state === 'error' && source !== 'accessAnalyzer') {
    // Access Analyzer keeps the Regions it could read; each rule then decides per Region (region-gap).
    blocked = {
      status: 'unknown',
      unknownReason: 'collection-error',
      reason: `Collecting ${source} failed (${status.code}): ${status.message}`,
      resources: [],
    }
  }
  const gate = { blocked, evidence }
  ctx.gates[source] = gate
  return gate
}

/** Source gate, then the rule itself; never a failure for evidence that is missing. */
function automatedOutcome(
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
    gate.blocked?.unknownReason === 'unavailable' &&
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

const none: { current?: never; expired?: never } = {}
const notAnswered: RuleOutcome = {
  status: 'unknown',
  unknownReason: 'not-answered',
  reason: 'Not answered yet',
  resources: [],
}

/** The current record (latest expiry) and the latest expired one, from those for one control. */
function pickCurrent<T extends { expiresAt: string }>(
  records: T[] | undefined,
  nowMs: number,
): { current?: T; expired?: T } {
  if (records === undefined) return none
  let current: T | undefined
  let expired: T | undefined
  for (const r of records) {
    const expiresMs = Date.parse(r.expiresAt)
    if (expiresMs > nowMs) {
      if (!current || expiresMs > Date.parse(current.expiresAt)) current = r
    } else if (!expired || expiresMs > Date.parse(expired.expiresAt)) expired = r
  }
  return { current, expired }
}

/**
 * Scores one control for one account: the automated rule (if any), then a current attestation, then a
 * current waiver for anything still not met. A control with a question is met when its automated check
 * passes OR a current attestation says it is met ("either", as in FireMon's CSMM): an attestation never
 * turns a pass into a fail, and when it overrides a failing check the result keeps the violating resources
 * and the check's reason, so the override stays visible. This keeps levels monotonic: evidence that becomes
 * unknown can never raise a level, and a fail that becomes a pass can never lower one.
 */
export function scoreControl(compiled: CompiledControl, ctx: AccountContext): ControlResult {
  const { control } = compiled
  let outcome = notAnswered
  let evidence: ControlResult['evidence'] = noEvidence.evidence
  if (control.rule) ({ outcome, evidence } = automatedOutcome(control.rule, ctx))

  let status: ControlResult['status'] = outcome.status
  let reason = outcome.reason
  let unknownReason = outcome.unknownReason
  let attestation: Attestation | undefined
  let waiver: Waiver | undefined
  let expired: ControlResult['expired']

  if (control.question && (status === 'unknown' || status === 'fail')) {
    const picked = pickCurrent(ctx.attestations.get(control.id), ctx.nowMs)
    const current = picked.current
    if (current) {
      attestation = current
      const answer = `${current.isMet ? 'Attested as met' : 'Attested as not met'} by ${current.attestedBy} until ${current.expiresAt}${current.note ? `: ${current.note}` : ''}`
      const wasFail = status === 'fail'
      status = current.isMet ? 'attested' : 'fail'
      if (current.isMet) reason = wasFail ? `${answer} (the automated check reports: ${reason})` : answer
      else reason = wasFail ? `${reason} (${answer})` : answer
      unknownReason = undefined
    } else if (picked.expired) {
      expired = { kind: 'attestation', expiredAt: picked.expired.expiresAt }
      if (!control.rule)
        reason = `The attestation by ${picked.expired.attestedBy} expired on ${picked.expired.expiresAt}`
    }
  }

  if (status === 'fail' || status === 'unknown') {
    const picked = pickCurrent(ctx.waivers.get(control.id), ctx.nowMs)
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
    resources: outcome.resources,
    evidence,
    attestation,
    waiver,
    expired,
  }
}
