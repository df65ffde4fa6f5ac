import { describe, expect, it } from 'vitest'
import type { Attestation } from '../../shared/domain/types'
import { summaryInputKey } from './summary'

const answer = (id: string, isMet: boolean): Attestation => ({
  id,
  accountId: '111111111111',
  controlId: 'iam.break-glass',
  isMet,
  note: '',
  attestedBy: 'ana@example.com',
  attestedAt: '2026-06-01T00:00:00.000Z',
  expiresAt: '2026-12-01T00:00:00.000Z',
})

describe('summaryInputKey', () => {
  const input = (attestations: Attestation[]) => ({
    account: { id: '111111111111', targets: {} },
    attestations,
    waivers: [],
  })
  const many = Array.from({ length: 60 }, (_, i) => answer(`att-${i}`, true))

  it('changes with every input the score depends on', () => {
    const key = summaryInputKey('v1', input(many), 'bundle-1')
    expect(summaryInputKey('v2', input(many), 'bundle-1')).not.toBe(key)
    expect(summaryInputKey('v1', input(many), 'bundle-2')).not.toBe(key)
    expect(summaryInputKey('v1', input([...many.slice(1), answer('att-0', false)]), 'bundle-1')).not.toBe(key)
    expect(summaryInputKey('v1', input(many), 'bundle-1')).toBe(key)
  })

  it('stays short however many answers an account has (it is rewritten with every summary)', () => {
    expect(summaryInputKey('v1', input(many), 'bundle-1').length).toBeLessThan(64)
  })
})
