import type { Account, Attestation, DomainId, Level, Waiver } from '../domain/types'
import type { EvidenceBundle, SourceId } from '../evidence/schema'

/**
 * The scorecard shapes the engine returns. The engine itself (shared/scoring/engine.ts) is pure:
 *   scoreAccount(input: AccountScoreInput): AccountScorecard
 *   scoreOrganization(input: OrgScoreInput): OrgScorecard
 */

export const controlStatuses = ['pass', 'fail', 'unknown', 'exempt', 'attested', 'not-applicable'] as const
export type ControlStatus = (typeof controlStatuses)[number]

/** Why a control could not be verified. Never shown or counted as a failure. */
export type UnknownReason =
  | 'not-collected' // the source was never collected for this account
  | 'unavailable' // AWS said it is not available (e.g. Trusted Advisor on Basic support)
  | 'collection-error' // collecting the source failed
  | 'stale' // the evidence is older than the maximum evidence age
  | 'region-gap' // some Regions in scope were not read
  | 'not-answered' // a manual control without a current attestation
  | 'check-missing' // the Trusted Advisor check was not in the collected recommendations

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
  level: Level
  target?: Level
  /** Share of the next level's controls (and of the levels below it) that are met; 1 at level 5. */
  progress: number
  /** What keeps the domain from the next level, fails and unknowns listed separately. */
  blockers: { fails: string[]; unknowns: string[] }
  controls: ControlResult[]
}

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E' | 'F'

export interface AccountScorecard {
  accountId: string
  /** Headline level: the lowest domain level. */
  level: Level
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
  attestations: Attestation[]
  waivers: Waiver[]
}
