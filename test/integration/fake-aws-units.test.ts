/** Deterministic checks of the fake's building blocks (injected clock, no sockets). */
import { describe, expect, it } from 'vitest'
import { ScenarioClock } from '../fake-aws/clock'
import { FaultEngine, type FaultTarget } from '../fake-aws/faults'
import { parseScenario } from '../fake-aws/index'
import { RequestLog } from '../fake-aws/request-log'
import { paginate } from '../fake-aws/routing'
import type { ScenarioInput } from '../fake-aws/scenario-schema'

const target = (over: Partial<FaultTarget> = {}): FaultTarget => ({
  api: 'ListRecommendations',
  accountId: '111111111111',
  region: 'us-east-1',
  protocol: 'rest-json',
  ...over,
})

function engine(faults: ScenarioInput['faults'], now: { ms: number }) {
  const scenario = parseScenario({ accounts: [{ id: '111111111111', name: 'a' }], faults })
  return new FaultEngine(scenario.faults, () => now.ms)
}

describe('FaultEngine token bucket', () => {
  it('allows `burst` calls, then refills at ratePerSecond', () => {
    const now = { ms: 0 }
    const faults = engine({ throttle: [{ ratePerSecond: 2, burst: 2 }] }, now)
    const kinds = () => faults.decide(target()).kind
    expect([kinds(), kinds(), kinds()]).toEqual(['pass', 'pass', 'reply'])
    now.ms = 499
    expect(kinds()).toBe('reply')
    now.ms = 500
    expect(kinds()).toBe('pass')
    now.ms = 10_000
    expect([kinds(), kinds(), kinds()]).toEqual(['pass', 'pass', 'reply'])
  })

  it('keeps one bucket per api and account and answers in the protocol format', () => {
    const now = { ms: 0 }
    const faults = engine({ throttle: [{ ratePerSecond: 1, burst: 1, retryAfterSeconds: 3 }] }, now)
    expect(faults.decide(target()).kind).toBe('pass')
    expect(faults.decide(target({ accountId: '222222222222' })).kind).toBe('pass')
    expect(faults.decide(target({ api: 'ListChecks' })).kind).toBe('pass')
    const json = faults.decide(target())
    const xml = faults.decide(target({ api: 'GetAccountSummary', protocol: 'iam' }))
    expect(xml.kind).toBe('pass')
    expect(json).toMatchObject({
      kind: 'reply',
      reply: {
        status: 429,
        outcome: 'throttled',
        headers: { 'retry-after': '3', 'x-amzn-errortype': 'ThrottlingException' },
      },
    })
    const xmlThrottled = faults.decide(target({ api: 'GetAccountSummary', protocol: 'iam' }))
    expect(xmlThrottled.kind === 'reply' && xmlThrottled.reply.body).toContain('<Code>Throttling</Code>')
  })

  it('counts bursts and drops per rule, only for matching calls', () => {
    const faults = engine(
      {
        errorBursts: [{ api: 'ListChecks', count: 2, status: 503 }],
        drops: [{ accountId: '222222222222', count: 1 }],
      },
      { ms: 0 },
    )
    expect(faults.decide(target()).kind).toBe('pass')
    const statuses = [1, 2, 3].map(() => {
      const d = faults.decide(target({ api: 'ListChecks' }))
      return d.kind === 'reply' ? d.reply.status : 200
    })
    expect(statuses).toEqual([503, 503, 200])
    expect(faults.shouldDrop(target())).toBe(false)
    expect(faults.shouldDrop(target({ accountId: '222222222222' }))).toBe(true)
    expect(faults.shouldDrop(target({ accountId: '222222222222' }))).toBe(false)
  })
})

describe('paginate', () => {
  const items = ['a', 'b', 'c', 'd', 'e']
  const limits = { max: 3, default: 2 }

  it('walks all pages with opaque tokens and omits the token on the last page', () => {
    const pages: string[][] = []
    let token: string | undefined
    do {
      const page = paginate(items, token, undefined, limits)
      if ('error' in page) throw new Error(page.error)
      pages.push(page.page)
      token = page.nextToken
    } while (token)
    expect(pages).toEqual([['a', 'b'], ['c', 'd'], ['e']])
  })

  it('rejects out-of-range maxResults and forged tokens', () => {
    expect(paginate(items, undefined, 4, limits)).toHaveProperty('error')
    expect(paginate(items, undefined, 0, limits)).toHaveProperty('error')
    expect(paginate(items, 'not-a-token', 1, limits)).toEqual({ error: 'Invalid nextToken' })
  })
})

describe('ScenarioClock and RequestLog', () => {
  it('renders days-ago and absolute times', () => {
    const clock = new ScenarioClock(Date.parse('2026-03-10T12:00:00Z'))
    expect(clock.iso(1.5)).toBe('2026-03-09T00:00:00.000Z')
    expect(clock.report(10)).toBe('2026-02-28T12:00:00+00:00')
    expect(clock.iso('2023-11-01T15:57:58.673Z')).toBe('2023-11-01T15:57:58.673Z')
  })

  it('filters counts on every field and resets', () => {
    const log = new RequestLog()
    log.record({ accountId: 'a', api: 'X', region: 'r1', outcome: 'ok', status: 200 })
    log.record({ accountId: 'a', api: 'X', region: 'r2', outcome: 'throttled', status: 429 })
    log.record({ accountId: null, api: 'Y', region: 'r1', outcome: 'ok', status: 200 })
    expect(log.total()).toBe(3)
    expect(log.total({ accountId: 'a' })).toBe(2)
    expect(log.total({ accountId: null })).toBe(1)
    expect(log.total({ api: 'X', region: 'r2', outcome: 'throttled' })).toBe(1)
    const copy = log.entries()[0]
    expect(copy).toBeDefined()
    if (copy) copy.api = 'mutated'
    expect(log.total({ api: 'X' })).toBe(2)
    log.reset()
    expect(log.entries()).toEqual([])
  })
})
