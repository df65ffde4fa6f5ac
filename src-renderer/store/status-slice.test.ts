import { afterEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '../../shared/errors'
import { infoNoticeMs, readableMessage, statusSelectors } from './status-slice'
import { testStore } from './test-support'

afterEach(() => {
  vi.useRealTimers()
})

function makeStore() {
  return testStore('status', { now: new Date() }).store
}

describe('notices', () => {
  it('clears information by itself, and keeps errors until dismissed', () => {
    vi.useFakeTimers()
    const store = makeStore()
    store.getState().notify({ level: 'info', message: 'Snapshot saved' })
    store.getState().reportError(new AppError('export-failed', 'The export failed.'))
    vi.advanceTimersByTime(infoNoticeMs + 1)
    expect(store.getState().notices.map((n) => n.message)).toEqual(['The export failed.'])
    store.getState().dismissProblems()
    expect(store.getState().notices).toEqual([])
  })

  it('shows an expected state such as "no AWS configuration" as information, never as an error', () => {
    const store = makeStore()
    store
      .getState()
      .reportError(new AppError('no-aws-config', 'No AWS configuration was found.', 'Run aws configure sso.'))
    expect(statusSelectors.problems(store.getState())).toEqual([])
    expect(statusSelectors.infos(store.getState())[0]).toMatchObject({
      code: 'no-aws-config',
      action: 'open-settings',
    })
  })

  it('keeps at most 20 notices, the newest', () => {
    const store = makeStore()
    for (let i = 0; i < 25; i++) store.getState().notify({ level: 'warning', message: `w${i}` })
    const messages = store.getState().notices.map((n) => n.message)
    expect(messages).toHaveLength(20)
    expect(messages.at(-1)).toBe('w24')
  })
})

describe('readableMessage', () => {
  it('names the file, and leaves out stack frames', () => {
    const error = new Error(
      'tables.accounts.0.id: expected a 12-digit account id\n    at parse (backup.ts:3:1)',
    )
    expect(readableMessage(error, 'backup.json')).toBe(
      'backup.json: tables.accounts.0.id: expected a 12-digit account id',
    )
    expect(readableMessage('')).toBe('Something went wrong.')
  })
})
