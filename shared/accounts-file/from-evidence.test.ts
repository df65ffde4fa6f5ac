import { describe, expect, it } from 'vitest'
import { accountFromEvidence, evidenceAccountName } from './from-evidence'

const evidence = (aliases: string[] | null) => ({
  accountId: '111122223333',
  identity: {
    status: { state: 'ok' as const },
    collectedAt: '2026-11-28T12:00:00.000Z',
    raw: [],
    records:
      aliases === null
        ? null
        : { accountId: '111122223333', arn: 'arn:aws:iam::111122223333:user/a', userId: 'AIDA', aliases },
  },
})

describe('accountFromEvidence', () => {
  it.each([
    [['example-prod', 'second'], 'example-prod'],
    [[], '111122223333'],
    [[''], '111122223333'],
    [null, '111122223333'],
  ])('names the account with aliases %j "%s"', (aliases, name) => {
    expect(evidenceAccountName(evidence(aliases))).toBe(name)
    expect(accountFromEvidence(evidence(aliases))).toMatchObject({
      id: '111122223333',
      name,
      origin: 'import',
    })
  })

  it('gives the defaults every new account gets', () => {
    expect(accountFromEvidence(evidence([]))).toEqual({
      id: '111122223333',
      name: '111122223333',
      owner: '',
      environment: 'unknown',
      criticality: 'medium',
      tags: [],
      targets: {},
      origin: 'import',
    })
  })
})
