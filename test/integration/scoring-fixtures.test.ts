import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Attestation, Waiver } from '../../shared/domain/types'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import { defaultModel } from '../../shared/model/default-model'
import { compileModel, scoreAccount, scoreOrganization } from '../../shared/scoring/engine'
import type { AccountScorecard, ControlResult } from '../../shared/scoring/types'
import { readEvidenceFolder } from '../../src-main/collect/offline'

/**
 * One case per bullet of "Scores that gaps and assertions cannot inflate", on the scoring fixtures
 * (test/fixtures/scoring/SOURCES.md: AWS documentation samples and other tools' public fixtures) and the
 * offline-import fixtures (test/fixtures/evidence/valid).
 */

const compiled = compileModel(defaultModel)
const now = new Date('2026-11-28T00:00:00.000Z')
const collectedAt = new Date('2026-11-27T00:00:00.000Z')
const named = '210987654321'
const gaps = '310987654321'
let dir: string
let bundles: EvidenceBundle[]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ratchet-fixtures-'))
  cpSync(resolve(import.meta.dirname, '../fixtures/scoring/evidence'), dir, { recursive: true })
  for (const account of readdirSync(dir))
    for (const file of readdirSync(join(dir, account)))
      utimesSync(join(dir, account, file), collectedAt, collectedAt)
  bundles = await readEvidenceFolder(dir)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const bundle = (id: string) => {
  const found = bundles.find((b) => b.accountId === id)
  if (!found) throw new Error(`no bundle for ${id}`)
  return found
}

function org(attestations: Attestation[] = [], waivers: Waiver[] = []) {
  return scoreOrganization({
    model: compiled,
    now,
    accounts: bundles.map((b) => ({ accountId: b.accountId, bundle: b, attestations, waivers })),
  })
}
function alone(id: string): AccountScorecard {
  return scoreAccount({
    model: compiled,
    now,
    accountId: id,
    bundle: bundle(id),
    attestations: [],
    waivers: [],
  })
}
function control(card: AccountScorecard | undefined, id: string): ControlResult {
  const found = card?.domains.flatMap((d) => d.controls).find((c) => c.controlId === id)
  if (!found) throw new Error(`no control ${id}`)
  return found
}
const card = (id: string, attestations: Attestation[] = [], waivers: Waiver[] = []) =>
  org(attestations, waivers).accounts.find((a) => a.accountId === id)

const yes = (accountId: string, controlId: string): Attestation => ({
  id: `yes-${controlId}`,
  accountId,
  controlId,
  isMet: true,
  note: 'bulk yes',
  attestedBy: 'someone',
  attestedAt: '2026-11-20T00:00:00.000Z',
  expiresAt: '2027-05-20T00:00:00.000Z',
})

describe('evidence beats a person’s word', () => {
  it('a "yes" does not hide the public RDS snapshot Trusted Advisor still lists; a waiver accepts it, shown as waived', () => {
    const answered = control(
      card(named, [yes(named, 'data.no-public-snapshots')]),
      'data.no-public-snapshots',
    )
    expect(answered.status).toBe('fail')
    expect(answered.resources.map((r) => r.id)).toEqual(['payments-db-2026-11-01'])
    const waiver: Waiver = {
      id: 'w1',
      accountId: named,
      controlId: 'data.no-public-snapshots',
      reason: 'snapshot shared with the auditors until the audit ends',
      approver: 'ciso',
      createdAt: '2026-11-20T00:00:00.000Z',
      expiresAt: '2026-12-31T00:00:00.000Z',
    }
    expect(control(card(named, [], [waiver]), 'data.no-public-snapshots')).toMatchObject({
      status: 'exempt',
      ruleStatus: 'fail',
    })
  })

  it('a "yes" does not resolve evidence that was not collected', () => {
    const c = control(card(gaps, [yes(gaps, 'iam.password-policy')]), 'iam.password-policy')
    expect(c).toMatchObject({ status: 'unknown', unknownReason: 'not-collected' })
  })
})

describe('missing data is never a fail', () => {
  it('a 0-byte password-policy file is unknown, not "no password policy"', () => {
    expect(control(alone(gaps), 'iam.password-policy')).toMatchObject({
      status: 'unknown',
      unknownReason: 'not-collected',
    })
  })

  it('a 16-column report (no last-used columns) never judges keys unused from their rotation date', () => {
    expect(control(alone(gaps), 'iam.unused-access-keys')).toMatchObject({
      status: 'unknown',
      reason: expect.stringContaining('access_key_1_last_used_date'),
    })
  })
})

describe('missing data is never a pass', () => {
  it('a report with no root row leaves the root controls unknown', () => {
    for (const id of ['iam.root-mfa', 'iam.root-no-access-keys', 'iam.root-not-used'])
      expect(control(alone(gaps), id)).toMatchObject({ status: 'unknown', unknownReason: 'not-collected' })
  })

  it('findings from ListFindingsV2 alone (no isPublic) do not pass "no public access"', () => {
    expect(control(alone(gaps), 'data.no-public-access-findings')).toMatchObject({
      status: 'unknown',
      reason: expect.stringContaining('isPublic'),
    })
  })

  it('an analyzer whose findings listing is missing does not pass unused access', () => {
    expect(control(alone(gaps), 'iam.unused-access')).toMatchObject({
      status: 'unknown',
      reason: 'The findings of analyzer unused in us-east-1 were not collected',
    })
  })
})

describe('every verdict names its resource', () => {
  it('Trusted Advisor failures name the snapshot, bucket, key id and security group, with metadata', () => {
    const c = card(named)
    expect(control(c, 'iam.no-exposed-keys').resources[0]).toMatchObject({
      id: 'AKIAIOSFODNN7EXAMPLE',
      detail: expect.stringContaining('two-keys'),
    })
    expect(control(c, 'data.bucket-permissions').resources[0]?.id).toBe('example-public-reports')
    expect(control(c, 'net.no-unrestricted-access').resources[0]).toMatchObject({
      id: 'sg-0123456789abcdef0',
      region: 'eu-west-1',
      detail: expect.stringContaining('3306'),
    })
    const snapshots = control(c, 'data.no-public-snapshots').resources
    expect(snapshots.length).toBeGreaterThan(0)
    for (const r of snapshots) expect(r.id).not.toMatch(/recommendation-resource/)
  })

  it('Access Analyzer verdicts name the resource ARN and the principal', () => {
    expect(control(card(named), 'data.no-access-outside-organization').resources).toContainEqual(
      expect.objectContaining({
        id: 'arn:aws:iam::210987654321:role/vendor-audit',
        detail: expect.stringContaining('AWS 999988887777'),
      }),
    )
  })
})

describe('Access Analyzer findings are attributed correctly', () => {
  it('an ERROR finding is never a violation', () => {
    const controls = card(named)?.domains.flatMap((d) => d.controls) ?? []
    expect(controls.length).toBeGreaterThan(0)
    for (const c of controls)
      expect(c.status === 'fail' && c.resources.some((r) => r.id.includes(':kms:'))).toBe(false)
  })

  it('a finding about another account in the run counts there; one about an account outside it is listed aside', () => {
    const public210 = control(card(named), 'data.no-public-access-findings')
    expect(public210.resources.map((r) => r.id)).not.toContain('arn:aws:s3:::gaps-account-exports')
    expect(public210.reason).toContain('1 finding about another account')
    expect(public210.resources).toContainEqual(
      expect.objectContaining({ detail: expect.stringContaining('about another account (777766665555)') }),
    )
    expect(control(card(gaps), 'data.no-public-access-findings')).toMatchObject({
      status: 'fail',
      resources: [expect.objectContaining({ id: 'arn:aws:s3:::gaps-account-exports' })],
    })
  })

  it('public and outside-the-organization access are told apart at level 2', () => {
    const c = card(named)
    expect(control(c, 'data.no-public-access-findings').resources.map((r) => r.id)).toContain(
      'arn:aws:s3:::example-public-reports',
    )
    expect(control(c, 'data.no-public-access-findings').resources.map((r) => r.id)).not.toContain(
      'arn:aws:iam::210987654321:role/vendor-audit',
    )
  })

  it('splits unused access: roles at level 3, permissions at level 4', () => {
    const c = card(named)
    expect(control(c, 'iam.unused-access').resources.map((r) => r.id)).toEqual([
      'arn:aws:iam::210987654321:role/old-batch',
    ])
    expect(control(c, 'iam.unused-permissions').resources.map((r) => r.id)).toEqual([
      'arn:aws:iam::210987654321:role/app',
    ])
  })
})

describe('what the credential report already tells', () => {
  it('flags two active keys and a key created at console-user setup and never used', () => {
    const c = card(named)
    expect(control(c, 'iam.single-active-key').resources.map((r) => r.detail)).toEqual(['two-keys'])
    expect(control(c, 'iam.no-keys-at-user-setup').resources.map((r) => r.detail)).toEqual(['console-user'])
  })
})

describe('the headline does not punish what was not asked', () => {
  it('shows the evidence-verified level beside the assessed one', () => {
    const c = card(named)
    expect(c?.level).toBe(0)
    expect(c?.domains.find((d) => d.domainId === 'governance')?.evidenceLevel).toBeNull()
    // The exposed key fails identity's level 1 on evidence alone; the account's figure is the lowest domain's.
    expect(c?.domains.find((d) => d.domainId === 'iam')?.evidenceLevel).toBe(0)
    const numbers = (c?.domains ?? []).flatMap((d) => (d.evidenceLevel == null ? [] : [d.evidenceLevel]))
    expect(c?.evidenceLevel).toBe(Math.min(...numbers))
  })

  it('an account with no usable evidence is unassessed, never F', () => {
    const empty = scoreAccount({
      model: compiled,
      now,
      accountId: '999999999999',
      bundle: undefined,
      attestations: [],
      waivers: [],
    })
    expect(empty.grade).toBe('unassessed')
    expect(empty.evidenceLevel).toBe(0)
  })
})
