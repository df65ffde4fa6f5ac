import { beforeAll, describe, expect, it } from 'vitest'
import { redactSnapshots } from '../../shared/report/redact'
import type { Snapshot } from '../../shared/snapshot/schema'
import { buildFixtureSnapshots } from '../fixtures/snapshots/build'

let current: Snapshot
let previous: Snapshot
beforeAll(() => {
  ;({ current, previous } = buildFixtureSnapshots())
})

/** The fixture with a few hard cases added: a user named like a domain, a name inside a longer word. */
function withHardCases(snapshot: Snapshot): Snapshot {
  const copy = structuredClone(snapshot)
  const bundle = copy.evidence[0]
  const users = bundle?.credentialReport.records?.users
  const alice = users?.find((u) => !u.isRoot)
  if (!bundle || !users || !alice) throw new Error('the fixture has no IAM user')
  users.push({ ...alice, user: 'network', arn: `arn:aws:iam::${bundle.accountId}:user/network` })
  const waiver = copy.waivers[0]
  if (waiver) {
    waiver.approver = 'dana@corp.example'
    waiver.reason = `Approved by dana@corp.example. Ticket for ${bundle.accountId}, see bobsled and bob.`
  }
  users.push({ ...alice, user: 'bob', arn: `arn:aws:iam::${bundle.accountId}:user/bob` })
  return copy
}

describe('redaction', () => {
  it('masks the same value the same way in the snapshot and last quarter’s', () => {
    const { snapshot, previous: old } = redactSnapshots(current, previous)
    const first = current.scorecard.accounts[0]?.accountId ?? ''
    expect(snapshot.scorecard.accounts[0]?.accountId).toBe('account-1')
    // Account names (often the alias) read as the account's mask.
    expect(snapshot.accounts.find((a) => a.id === 'account-1')?.name).toBe('account-1')
    expect(old?.scorecard.accounts.find((a) => a.accountId === 'account-1')).toBeDefined()
    expect(JSON.stringify(snapshot)).not.toContain(first)
    expect(JSON.stringify(old)).not.toContain(first)
    // Scores, statuses and the model are untouched.
    expect(snapshot.scorecard.accounts.map((a) => [a.level, a.grade])).toEqual(
      current.scorecard.accounts.map((a) => [a.level, a.grade]),
    )
    expect(snapshot.modelVersion).toBe(current.modelVersion)
    expect(snapshot.scorecard.accounts.flatMap((a) => a.domains.map((d) => d.domainId))).toEqual(
      current.scorecard.accounts.flatMap((a) => a.domains.map((d) => d.domainId)),
    )
  })

  it('keeps ARNs readable: service, type and masked account and name', () => {
    const { snapshot } = redactSnapshots(current)
    const bundle = snapshot.evidence[0]
    const user = bundle?.credentialReport.records?.users.find((u) => !u.isRoot)
    expect(user?.user).toMatch(/^user-\d+$/)
    expect(user?.arn).toMatch(/^arn:aws:iam::account-1:user\/(service\/)?user-\d+$/)
    expect(user?.arn.endsWith(user.user)).toBe(true)
    const root = bundle?.credentialReport.records?.users.find((u) => u.isRoot)
    expect(root?.arn).toBe('arn:aws:iam::account-1:root')
  })

  it('masks whole names only, even when a user is named like a domain or ends a sentence', () => {
    const hard = withHardCases(current)
    const { snapshot } = redactSnapshots(hard)
    const users = snapshot.evidence[0]?.credentialReport.records?.users ?? []
    expect(users.some((u) => u.user === 'network')).toBe(false)
    // The domain id "network" is a value of the data model, not the user: it stays.
    expect(snapshot.scorecard.accounts[0]?.domains.some((d) => d.domainId === 'network')).toBe(true)
    const waiver = snapshot.waivers[0]
    expect(waiver?.approver).toMatch(/^person-\d+$/)
    expect(waiver?.reason).toMatch(
      /^Approved by person-\d+\. Ticket for account-1, see bobsled and user-\d+\.$/,
    )
  })

  it('drops raw AWS payloads, which could hold identifiers in any encoding', () => {
    expect(current.evidence.some((b) => b.credentialReport.raw.length > 0)).toBe(true)
    const { snapshot } = redactSnapshots(current)
    for (const bundle of snapshot.evidence) {
      for (const source of ['identity', 'credentialReport', 'trustedAdvisor', 'accessAnalyzer'] as const) {
        expect(bundle[source].raw).toEqual([])
      }
    }
  })
})
