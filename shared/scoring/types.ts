import type { Account, Attestation, DomainId, Level, Waiver } from '../domain/types'
import type { EvidenceBundle, SourceId } from '../evidence/schema'
import type { OrganizationView } from './evidence-index'
import type { UnknownReason } from './unknown-reasons'

/**
 * The scorecard shapes the engine returns. The engine itself (shared/scoring/engine.ts) is pure:
 *   scoreAccount(input: AccountScoreInput): AccountScorecard
 *   scoreOrganization(input: OrgScoreInput): OrgScorecard
 */

export const controlStatuses = ['pass', 'fail', 'unknown', 'exempt', 'attested', 'not-applicable'] as const
export type ControlStatus = (typeof controlStatuses)[number]

export type { UnknownReason } from './unknown-reasons'

/** A resource that puts a control in its state: an ARN, a user name, a Region. */
export interface ResourceRef {
  id: string
  type: string
  region?: string
  detail?: string
}

export interface ControlResult {
  controlId: string
  domainId: DomainId
  level: Exclude<Level, 0>
  status: ControlStatus
  /** One sentence that explains the status, e.g. "2 users have a console password and no MFA". */
  reason: string
  unknownReason?: UnknownReason
  /**
   * What the automated rule alone decided, before answers and waivers (absent for question-only controls and
   * in snapshots made before 2026-11-29). The evidence-verified level counts only this.
   */
  ruleStatus?: 'pass' | 'fail' | 'unknown' | 'not-applicable' | undefined
  /** The violating resources (for fail), or the ones that were checked when useful. */
  resources: ResourceRef[]
  /** The evidence that decided it: which source, when it was collected. */
  evidence: Array<{ source: SourceId; collectedAt: string }>
  attestation?: Attestation
  waiver?: Waiver
  /** Set when an attestation or waiver exists but has expired, so the scorecard can say so. */
  expired?: { kind: 'attestation' | 'waiver'; expiredAt: string }
}

export interface DomainResult {
  domainId: DomainId
  /** The assessed level: evidence plus current answers. Targets and baselines compare against it. */
  level: Level
  /**
   * The evidence-verified level: counting only automated controls (their rule's own result), and only the
   * levels that have one. null means "no automated evidence" (no level of the domain has an automated
   * control). Absent in snapshots made before 2026-11-29.
   */
  evidenceLevel?: Level | null
  target?: Level
  /** Share of the next level's controls (and of the levels below it) that are met; 1 at level 5. */
  progress: number
  /** What keeps the domain from the next level, fails and unknowns listed separately. */
  blockers: { fails: string[]; unknowns: string[] }
  controls: ControlResult[]
}

/** A letter grade, or 'unassessed' when the account has no usable evidence (never F for that). */
export type Grade = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'unassessed'

export interface AccountScorecard {
  accountId: string
  /** Headline level: the lowest assessed domain level. */
  level: Level
  /** The lowest evidence-verified domain level (null: no automated evidence). Absent in older snapshots. */
  evidenceLevel?: Level | null
  grade: Grade
  domains: DomainResult[]
  /** Domains whose level is below the account's target. */
  belowTarget: DomainId[]
}

export interface OrgScorecard {
  modelId: string
  /** The model's content hash. */
  modelVersion: string
  scoredAt: string
  accounts: AccountScorecard[]
  /** distribution[domainId][level] = number of accounts at that level. */
  distribution: Record<DomainId, number[]>
}

/** Parameter overrides by name, within the bounds the model sets (e.g. { 'access-key-max-age-days': 60 }). */
export type ParamOverrides = Record<string, number>

export interface ScoreOptions {
  now: Date
  params?: ParamOverrides
  /** Evidence older than this makes dependent controls unknown (stale). Default 30. */
  maxEvidenceAgeDays?: number
}

export interface AccountScoreInput<M = unknown> extends ScoreOptions {
  model: M
  account?: Pick<Account, 'id' | 'targets'>
  accountId: string
  /** The latest bundle for the account, if any. */
  bundle: EvidenceBundle | undefined
  /** Every answer recorded for the account (history included): the engine selects the current one. */
  attestations: Attestation[]
  waivers: Waiver[]
  /** The rest of the organization (see organizationViews); without it the account is scored on its own. */
  org?: OrganizationView | undefined
}
