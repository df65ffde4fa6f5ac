import type { ControlResult, ControlStatus } from '../scoring/types'
import type { ChangeReason } from './types'

/** Statuses that count as the control being met: a drop from one of these to `fail` is a regression. */
const metStatuses: ReadonlySet<ControlStatus> = new Set(['pass', 'attested', 'exempt', 'not-applicable'])

/** True when a status counts as met (pass, attested, exempt or not applicable). */
export function isMetStatus(status: ControlStatus | null): boolean {
  return status !== null && metStatuses.has(status)
}

/** A control that was met and now fails: the ratchet slipped. */
export function isControlRegression(from: ControlStatus | null, to: ControlStatus | null): boolean {
  return isMetStatus(from) && to === 'fail'
}

export interface Explanation {
  reason: ChangeReason
  detail: string
}

export interface ExplainContext {
  /** When the newer state was taken: an attestation or waiver that ended by then has expired. */
  afterTime: string
  /** The control's status for the older evidence under the newer model, when it was re-scored for reference. */
  rescoredBefore?: ControlResult
}

function day(iso: string): string {
  return iso.slice(0, 10)
}

function hasEnded(expiresAt: string | undefined, at: string): boolean {
  return expiresAt !== undefined && Date.parse(expiresAt) <= Date.parse(at)
}

function sentence(result: ControlResult): string {
  return result.reason.length > 0 ? `: ${result.reason}` : ''
}

/**
 * Explains why one control's status changed from `before` to `after` (either may be missing when the
 * control is only in one of the two models). The first matching reason wins, most specific first: model
 * changes, then waivers and attestations (the manual layer on top of the evidence), then evidence gaps, then
 * plain failures and fixes.
 */
export function explainControlChange(
  before: ControlResult | undefined,
  after: ControlResult | undefined,
  context: ExplainContext,
): Explanation {
  if (before === undefined) {
    const status = after === undefined ? 'unscored' : after.status
    return {
      reason: 'model-change',
      detail: `Added to the model; now ${status}${after ? sentence(after) : ''}`,
    }
  }
  if (after === undefined)
    return { reason: 'model-change', detail: `Removed from the model; was ${before.status}` }
  const rescored = context.rescoredBefore
  if (rescored !== undefined && rescored.status === after.status && rescored.status !== before.status) {
    return {
      reason: 'model-change',
      detail: `The newer model gives ${after.status} for the same evidence${sentence(rescored)}`,
    }
  }
  return (
    explainWaiver(before, after, context) ??
    explainAttestation(before, after, context) ??
    explainEvidence(before, after)
  )
}

function explainWaiver(
  before: ControlResult,
  after: ControlResult,
  context: ExplainContext,
): Explanation | undefined {
  if (after.status === 'exempt') {
    const w = after.waiver
    const detail = w
      ? `Waived by ${w.approver} until ${day(w.expiresAt)}: ${w.reason}`
      : `Waived${sentence(after)}`
    return { reason: 'waiver-added', detail }
  }
  if (before.status !== 'exempt') return undefined
  const w = before.waiver
  const expiredAt = after.expired?.kind === 'waiver' ? after.expired.expiredAt : undefined
  if (expiredAt !== undefined || hasEnded(w?.expiresAt, context.afterTime)) {
    const by = w ? ` approved by ${w.approver}` : ''
    const at = expiredAt ?? w?.expiresAt ?? context.afterTime
    // The engine appends the same expiry to the control's reason; say it once.
    const rest = sentence(after).replace(/ \(the waiver by .* expired on [^()]*\)$/, '')
    return {
      reason: 'waiver-expired',
      detail: `The waiver${by} expired on ${day(at)}; now ${after.status}${rest}`,
    }
  }
  return {
    reason: 'waiver-removed',
    detail: `The waiver was withdrawn; now ${after.status}${sentence(after)}`,
  }
}

function explainAttestation(
  before: ControlResult,
  after: ControlResult,
  context: ExplainContext,
): Explanation | undefined {
  const was = before.attestation
  const is = after.attestation
  if (after.status === 'attested') {
    const by = is ? ` by ${is.attestedBy} on ${day(is.attestedAt)}` : ''
    if (was !== undefined && !was.isMet)
      return { reason: 'attestation-changed', detail: `Now attested as met${by}` }
    return { reason: 'attestation-added', detail: `Attested as met${by}` }
  }
  if (
    is !== undefined &&
    !is.isMet &&
    after.status === 'fail' &&
    (was === undefined || was.id !== is.id || was.isMet)
  ) {
    return {
      reason: 'attestation-changed',
      detail: `Attested as not met by ${is.attestedBy} on ${day(is.attestedAt)}${is.note ? `: ${is.note}` : ''}`,
    }
  }
  if (was === undefined) return undefined
  const expiredAt = after.expired?.kind === 'attestation' ? after.expired.expiredAt : undefined
  const hadEffect = before.status === 'attested' || (!was.isMet && before.status === 'fail')
  if (!hadEffect) return undefined
  if (expiredAt !== undefined || hasEnded(was.expiresAt, context.afterTime)) {
    return {
      reason: 'attestation-expired',
      // A manual control that is only unknown because the answer lapsed says nothing more than that.
      detail: `The attestation by ${was.attestedBy} expired on ${day(expiredAt ?? was.expiresAt)}; now ${after.status}${after.unknownReason === 'not-answered' ? '' : sentence(after)}`,
    }
  }
  return {
    reason: 'attestation-removed',
    detail: `The attestation was withdrawn; now ${after.status}${sentence(after)}`,
  }
}

function explainEvidence(before: ControlResult, after: ControlResult): Explanation {
  if (after.status === 'unknown') {
    if (after.unknownReason === 'stale')
      return { reason: 'evidence-stale', detail: `Evidence is stale${sentence(after)}` }
    return { reason: 'evidence-missing', detail: `Evidence is missing${sentence(after)}` }
  }
  if (before.status === 'unknown') {
    return {
      reason: 'evidence-restored',
      detail: `Evidence available again; now ${after.status}${sentence(after)}`,
    }
  }
  if (after.status === 'fail') return { reason: 'new-failure', detail: `Now fails${sentence(after)}` }
  if (after.status === 'not-applicable')
    return { reason: 'fixed', detail: `No longer applies${sentence(after)}` }
  return { reason: 'fixed', detail: `Now passes${sentence(after)}` }
}
