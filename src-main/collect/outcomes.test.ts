import { describe, expect, it } from 'vitest'
import type { AccountOutcome } from '../../shared/ipc/domains/collect'
import { progressState, summarize } from './outcomes'

const ok = (key: string, state: AccountOutcome['state']): AccountOutcome => ({
  targetKey: key,
  accountId: key,
  label: key,
  state,
  sources: {
    identity: { state: 'ok' },
    credentialReport: { state: 'ok' },
    trustedAdvisor: { state: state === 'ok' ? 'ok' : 'denied' },
    accessAnalyzer: { state: 'ok' },
  },
  calls: 3,
})

describe('summarize', () => {
  it('counts every target once, and a target never reached as cancelled', () => {
    const targets = ['111111111111', '222222222222', '333333333333'].map((key) => ({ key, label: key }))
    const summary = summarize({
      jobId: 'j',
      startedAt: '2026-11-29T00:00:00.000Z',
      finishedAt: '2026-11-29T00:01:00.000Z',
      isCancelled: true,
      targets,
      outcomes: new Map([
        ['111111111111', ok('111111111111', 'ok')],
        ['222222222222', ok('222222222222', 'partial')],
      ]),
      calls: { 'iam:GetAccountSummary': 2 },
    })
    expect(summary.totals).toEqual({ accounts: 3, ok: 1, partial: 1, failed: 0, cancelled: 1 })
    expect(summary.accounts[2]?.sources.identity.state).toBe('cancelled')
  })

  it('shows access denied as its own progress state', () => {
    expect(progressState({ state: 'unavailable', reason: 'access-denied', message: 'no' })).toBe('denied')
    expect(progressState({ state: 'unavailable', reason: 'no-analyzer', message: 'none' })).toBe(
      'unavailable',
    )
    expect(progressState({ state: 'error', code: 'x', message: 'y' })).toBe('failed')
  })
})
