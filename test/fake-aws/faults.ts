import { cannedErrors, type Protocol, type Reply } from './protocol'
import type { FaultMatch, Faults } from './scenario-schema'

/** The request facts faults are matched against. */
export interface FaultTarget {
  api: string
  accountId: string | null
  region: string
  protocol: Protocol
  /** Regional services (Access Analyzer) are throttled per Region too, as AWS applies their quotas. */
  isRegional?: boolean
}

/** What the fault engine decided before the handler runs. */
export type FaultDecision = { kind: 'reply'; reply: Reply } | { kind: 'pass' }

function matches(rule: FaultMatch, t: FaultTarget): boolean {
  return (
    (rule.api === undefined || rule.api === t.api) &&
    (rule.accountId === undefined || rule.accountId === t.accountId) &&
    (rule.region === undefined || rule.region === t.region)
  )
}

interface Bucket {
  tokens: number
  updatedMs: number
}

/**
 * Injects the scenario's faults: dropped connections (before authentication), then AccessDenied, throttling
 * (token bucket per rule and per api+account, plus Region for regional services, as AWS keys its quotas),
 * 5xx burst. Hung endpoints hold the request open.
 * Latency is applied separately (see `delayMs`) so it also precedes drops.
 */
export class FaultEngine {
  readonly #dropsUsed = new Map<number, number>()
  readonly #burstsUsed = new Map<number, number>()
  readonly #buckets = new Map<string, Bucket>()

  constructor(
    private readonly faults: Faults,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** Milliseconds to wait before answering: fixed + uniform jitter. */
  delayMs(): number {
    const latency = this.faults.latency
    if (!latency) return 0
    return latency.fixedMs + Math.random() * latency.jitterMs
  }

  /** True when this request's connection must be destroyed without an answer (checked first). */
  shouldDrop(t: FaultTarget): boolean {
    for (const [i, rule] of this.faults.drops.entries()) {
      if (!matches(rule, t)) continue
      const used = this.#dropsUsed.get(i) ?? 0
      if (used < rule.count) {
        this.#dropsUsed.set(i, used + 1)
        return true
      }
    }
    return false
  }

  /** True when this request must be held open and never answered (a hung endpoint). */
  shouldHang(t: FaultTarget): boolean {
    return this.faults.hangs.some((rule) => matches(rule, t))
  }

  /** AccessDenied, then throttling, then 5xx bursts (after authentication). */
  decide(t: FaultTarget): FaultDecision {
    if (this.faults.accessDenied.some((rule) => matches(rule, t)))
      return { kind: 'reply', reply: cannedErrors.accessDenied(t.protocol, t.api, t.accountId) }
    for (const [i, rule] of this.faults.throttle.entries()) {
      if (!matches(rule, t)) continue
      const key = `${i}|${t.api}|${t.accountId}${t.isRegional ? `|${t.region}` : ''}`
      if (!this.#take(key, rule.ratePerSecond, rule.burst))
        return { kind: 'reply', reply: cannedErrors.throttled(t.protocol, rule.retryAfterSeconds) }
    }
    for (const [i, rule] of this.faults.errorBursts.entries()) {
      if (!matches(rule, t)) continue
      const used = this.#burstsUsed.get(i) ?? 0
      if (used < rule.count) {
        this.#burstsUsed.set(i, used + 1)
        return { kind: 'reply', reply: cannedErrors.serverError(t.protocol, rule.status) }
      }
    }
    return { kind: 'pass' }
  }

  #take(key: string, ratePerSecond: number, burst: number): boolean {
    const now = this.nowMs()
    const bucket = this.#buckets.get(key) ?? { tokens: burst, updatedMs: now }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedMs) / 1000) * ratePerSecond)
    bucket.updatedMs = now
    this.#buckets.set(key, bucket)
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }
}
