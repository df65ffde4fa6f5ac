import { describe, expect, it } from 'vitest'
import type { Attestation } from '../domain/types'
import { buildSnapshot } from './build'
import { ACCOUNT_A, ACCOUNT_B, tinyAccount, tinyAnswer, tinyBundle, tinyModel } from './fixtures.test-support'
import { editSnapshot, parseSnapshotFile, quarterLabel, SnapshotParseError } from './schema'

const Q3 = new Date('2026-09-28T12:00:00.000Z')

const answer = (extra: Partial<Attestation> = {}): Attestation =>
  tinyAnswer({ attestedAt: '2026-07-01T00:00:00.000Z', expiresAt: '2026-12-28T00:00:00.000Z', ...extra })

function sample() {
  return buildSnapshot({
    createdAt: Q3,
    model: tinyModel(),
    accounts: [tinyAccount(ACCOUNT_A, 'Payments'), tinyAccount(ACCOUNT_B, 'Data')],
    evidence: [
      tinyBundle(ACCOUNT_A, '2026-08-01T00:00:00.000Z', { isRootMfa: false }),
      tinyBundle(ACCOUNT_A, '2026-09-27T00:00:00.000Z'),
      // Collected after the snapshot: not part of it.
      tinyBundle(ACCOUNT_A, '2026-10-02T00:00:00.000Z', { isRootMfa: false }),
      tinyBundle(ACCOUNT_B, '2026-09-27T00:00:00.000Z', { keyAgeDays: 200 }),
      // An account that is not in the snapshot.
      tinyBundle('999999999999', '2026-09-27T00:00:00.000Z'),
    ],
    attestations: [answer(), answer({ id: 'att-later', attestedAt: '2026-10-05T00:00:00.000Z' })],
    waivers: [],
  })
}

describe('quarterLabel', () => {
  it('names the calendar quarter in UTC', () => {
    expect(quarterLabel(new Date('2026-01-01T00:00:00.000Z'))).toBe('2026-Q1')
    expect(quarterLabel(new Date('2026-03-31T23:59:59.999Z'))).toBe('2026-Q1')
    expect(quarterLabel(new Date('2026-04-01T00:00:00.000Z'))).toBe('2026-Q2')
    expect(quarterLabel(new Date('2026-12-31T12:00:00.000Z'))).toBe('2026-Q4')
  })
})

describe('buildSnapshot', () => {
  it('freezes the latest bundle per account at createdAt, the answers given by then, and the scorecard', () => {
    const snap = sample()
    expect(snap.label).toBe('2026-Q3')
    expect(snap.createdAt).toBe('2026-09-28T12:00:00.000Z')
    expect(snap.evidence.map((b) => [b.accountId, b.collectedAt])).toEqual([
      [ACCOUNT_A, '2026-09-27T00:00:00.000Z'],
      [ACCOUNT_B, '2026-09-27T00:00:00.000Z'],
    ])
    expect(snap.attestations.map((a) => a.id)).toEqual(['att-1'])
    expect(snap.scorecard.modelVersion).toBe(snap.modelVersion)
    const iamOf = (id: string) =>
      snap.scorecard.accounts.find((a) => a.accountId === id)?.domains.find((d) => d.domainId === 'iam')
    // A: root MFA on, break-glass attested, key 10 days old → level 5 (no controls above 2).
    expect(iamOf(ACCOUNT_A)?.level).toBe(5)
    // B: break-glass not answered → level 0; its key is 200 days old.
    expect(iamOf(ACCOUNT_B)?.level).toBe(0)
    expect(iamOf(ACCOUNT_B)?.controls.find((c) => c.controlId === 'iam.key-age')?.status).toBe('fail')
  })

  it('uses the label and notes given, and rejects an empty label', () => {
    const base = {
      createdAt: Q3,
      model: tinyModel(),
      accounts: [],
      evidence: [],
      attestations: [],
      waivers: [],
    }
    expect(buildSnapshot({ ...base, label: 'Board review', notes: 'before the audit' })).toMatchObject({
      label: 'Board review',
      notes: 'before the audit',
    })
    expect(() => buildSnapshot({ ...base, label: '   ' })).toThrow('a label is required')
  })
})

describe('parseSnapshotFile', () => {
  it('round-trips a snapshot through JSON', () => {
    const snap = sample()
    expect(parseSnapshotFile(JSON.stringify(snap), 'q3.json')).toEqual(snap)
  })

  it('names the file when it is not JSON', () => {
    expect(() => parseSnapshotFile('{"schemaVersion": 1,', 'broken.json')).toThrow(
      /^broken\.json is not valid JSON: /,
    )
  })

  it('names the file, the path and what was expected', () => {
    const snap = JSON.parse(JSON.stringify(sample()))
    snap.scorecard.accounts[1].domains[0].level = 'high'
    delete snap.createdAt
    let error: unknown
    try {
      parseSnapshotFile(JSON.stringify(snap), 'q3.json')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(SnapshotParseError)
    const message = (error as SnapshotParseError).message
    expect(message).toContain('q3.json is not a valid Ratchet snapshot:')
    expect(message).toMatch(/createdAt: Invalid input: expected string, received undefined/)
    expect(message).toMatch(
      /scorecard\.accounts\[1\]\.domains\[0\]\.level: Invalid option: expected one of 0\|1\|2\|3\|4\|5/,
    )
  })

  it('refuses a scorecard that does not belong to the recorded model version', () => {
    const snap = { ...sample(), modelVersion: '0000000000000000' }
    expect(() => parseSnapshotFile(JSON.stringify(snap), 'mixed.json')).toThrow(
      'mixed.json is not a valid Ratchet snapshot:\n  scorecard.modelVersion: the scorecard was computed under another model version than the snapshot records',
    )
  })

  it('asks for a newer Ratchet for a newer schema version', () => {
    const snap = { ...sample(), schemaVersion: 2 }
    expect(() => parseSnapshotFile(JSON.stringify(snap), 'future.json')).toThrow(
      'future.json is a snapshot of schema version 2; this version of Ratchet reads version 1. Update Ratchet to read it.',
    )
  })

  it('rejects a non-object', () => {
    expect(() => parseSnapshotFile('[]', 'list.json')).toThrow(
      /list\.json is not a valid Ratchet snapshot:\n {2}\(root\): /,
    )
  })
})

describe('editSnapshot', () => {
  it('changes only the label and notes', () => {
    const snap = sample()
    const edited = editSnapshot(snap, { label: '  Q3 board  ', notes: 'after the MFA push' })
    expect(edited).toEqual({ ...snap, label: 'Q3 board', notes: 'after the MFA push' })
    expect(editSnapshot(snap, { notes: 'x' }).label).toBe('2026-Q3')
  })

  it('rejects an empty label and leaves the snapshot as it was', () => {
    const snap = sample()
    const copy = structuredClone(snap)
    expect(() => editSnapshot(snap, { label: '' })).toThrow('a label is required')
    expect(snap).toEqual(copy)
  })
})

describe('buildSnapshot answers', () => {
  it('keeps only the newest answer per account and control, as the desk scores them', () => {
    const snap = buildSnapshot({
      createdAt: Q3,
      model: tinyModel(),
      accounts: [tinyAccount(ACCOUNT_A, 'Payments')],
      evidence: [tinyBundle(ACCOUNT_A, '2026-09-27T00:00:00.000Z')],
      attestations: [
        answer({
          id: 'old-met',
          attestedAt: '2026-07-01T00:00:00.000Z',
          expiresAt: '2027-06-01T00:00:00.000Z',
        }),
        answer({ id: 'new-not-met', isMet: false, attestedAt: '2026-09-01T00:00:00.000Z' }),
      ],
      waivers: [],
    })
    expect(snap.attestations.map((a) => a.id)).toEqual(['new-not-met'])
    const iam = snap.scorecard.accounts[0]?.domains.find((d) => d.domainId === 'iam')
    expect(iam?.controls.find((c) => c.controlId === 'iam.break-glass')?.status).toBe('fail')
    expect(iam?.level).toBe(0)
  })
})
