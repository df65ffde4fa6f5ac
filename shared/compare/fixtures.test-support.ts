import type { Attestation, DomainId, Level, Waiver } from '../domain/types'
import { domainIds } from '../domain/types'
import type { AccountScorecard, ControlResult, ControlStatus, OrgScorecard } from '../scoring/types'
import type { DiffSide } from './types'

/** Builders for crafted scorecards in the compare tests. Not used by the app. */

export function control(
  controlId: string,
  status: ControlStatus,
  extra: Partial<ControlResult> = {},
): ControlResult {
  return {
    controlId,
    domainId: 'iam',
    level: 1,
    status,
    reason: `${controlId} is ${status}`,
    resources: [],
    evidence: [],
    ...extra,
  }
}

export function account(
  accountId: string,
  domains: Partial<Record<DomainId, { level: Level; target?: Level; controls: ControlResult[] }>>,
): AccountScorecard {
  const list = Object.entries(domains).map(([domainId, d]) => ({
    domainId: domainId as DomainId,
    level: d.level,
    ...(d.target !== undefined ? { target: d.target } : {}),
    progress: 0,
    blockers: { fails: [], unknowns: [] },
    controls: d.controls.map((c) => ({ ...c, domainId: domainId as DomainId })),
  }))
  const level = Math.min(...list.map((d) => d.level)) as Level
  return { accountId, level, grade: 'C', domains: list, belowTarget: [] }
}

export function org(accounts: AccountScorecard[], modelVersion = 'm1'): OrgScorecard {
  const distribution = Object.fromEntries(domainIds.map((d) => [d, [0, 0, 0, 0, 0, 0]])) as Record<
    DomainId,
    number[]
  >
  return { modelId: 'test', modelVersion, scoredAt: '2026-01-01T00:00:00.000Z', accounts, distribution }
}

export function side(
  label: string,
  createdAt: string,
  scorecard: OrgScorecard,
  names: Record<string, string> = {},
): DiffSide {
  return {
    info: { id: label, label, createdAt, modelVersion: scorecard.modelVersion, kind: 'snapshot' },
    scorecard,
    accounts: scorecard.accounts.map((a) => ({
      id: a.accountId,
      name: names[a.accountId] ?? `acct-${a.accountId}`,
      targets: {},
    })),
  }
}

export function attestation(extra: Partial<Attestation> = {}): Attestation {
  return {
    id: 'att-1',
    accountId: '111111111111',
    controlId: 'iam.manual',
    isMet: true,
    note: '',
    attestedBy: 'ana@example.com',
    attestedAt: '2026-01-10T00:00:00.000Z',
    expiresAt: '2026-05-10T00:00:00.000Z',
    ...extra,
  }
}

export function waiver(extra: Partial<Waiver> = {}): Waiver {
  return {
    id: 'w-1',
    accountId: '111111111111',
    controlId: 'iam.keys',
    reason: 'legacy batch job',
    approver: 'ciso@example.com',
    createdAt: '2026-01-10T00:00:00.000Z',
    expiresAt: '2026-05-10T00:00:00.000Z',
    ...extra,
  }
}
