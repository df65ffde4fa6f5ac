import type { Account, DomainId, Level } from '../domain/types'
import type { SourceId } from '../evidence/schema'
import type { ControlStatus, Grade, ResourceRef, UnknownReason } from '../scoring/types'
import type { Snapshot } from '../snapshot/schema'

/**
 * A report is built from a snapshot. The current state is a snapshot that was never saved, so the same code
 * reports both.
 */
export type ReportSnapshot = Snapshot

/** Which accounts a report covers: the whole organization, a selection, or one account (an owner's own). */
export type ReportScope = { kind: 'org' } | { kind: 'accounts'; accountIds: string[] }

/** A control's title and its fix, as the maturity model states them. */
export interface ControlInfo {
  title: string
  fix: string
}

export type ControlInfoLookup = (controlId: string) => ControlInfo | undefined

export interface ReportOptions {
  scope: ReportScope
  /** When the report is made: evidence ages and expiries are measured from it. */
  now: Date
  /** The snapshot to compare with ("last quarter"), when there is one. */
  previous?: ReportSnapshot
  /** How many regressions and risks the executive page lists. Default 10. */
  topCount?: number
  /** Title and fix per control. Defaults to what the snapshot's model says. */
  controlInfo?: ControlInfoLookup
  /** Set by the exporter when the snapshot was redacted, so the report can say so. */
  isRedacted?: boolean
}

export interface DomainSummary {
  domainId: DomainId
  title: string
  /** distribution[level] = number of accounts in scope at that level (0..5). */
  distribution: number[]
  /** Mean level over the accounts in scope, rounded to one decimal. */
  averageLevel: number
  minLevel: Level
  /** Last quarter's mean level over the same accounts, when a previous snapshot was given. */
  previousAverage?: number
  /** averageLevel − previousAverage, rounded to one decimal. */
  delta?: number
}

export interface Regression {
  accountId: string
  accountName: string
  domainId: DomainId
  from: Level
  to: Level
  /** Controls that passed (or were exempt or attested) last quarter and fail now. */
  newlyFailing: string[]
}

export interface Risk {
  accountId: string
  accountName: string
  criticality: Account['criticality']
  controlId: string
  title: string
  domainId: DomainId
  level: Exclude<Level, 0>
  resourceCount: number
  reason: string
}

export interface BelowTarget {
  accountId: string
  accountName: string
  owner: string
  domains: Array<{ domainId: DomainId; level: Level; target: Level }>
}

export type StatusCounts = Record<ControlStatus, number>

export interface ExecutivePage {
  accountCount: number
  domains: DomainSummary[]
  /** The previous snapshot the trend is measured against; isRescored when it was re-scored under this model. */
  trend?: { label: string; createdAt: string; isRescored: boolean }
  regressions: Regression[]
  risks: Risk[]
  belowTarget: BelowTarget[]
  counts: StatusCounts
}

export interface FailingControl {
  controlId: string
  title: string
  domainId: DomainId
  level: Exclude<Level, 0>
  reason: string
  resources: ResourceRef[]
  fix: string
}

export interface UnverifiedControl {
  controlId: string
  title: string
  domainId: DomainId
  level: Exclude<Level, 0>
  reason: string
  unknownReason?: UnknownReason
}

export interface AttestationLine {
  controlId: string
  title: string
  isMet: boolean
  attestedBy: string
  attestedAt: string
  expiresAt: string
  isExpired: boolean
  note: string
}

export interface WaiverLine {
  controlId: string
  title: string
  reason: string
  approver: string
  expiresAt: string
  isExpired: boolean
}

export interface AccountDomainLine {
  domainId: DomainId
  title: string
  level: Level
  /** Counting only automated controls; null: no automated evidence (absent for older snapshots). */
  evidenceLevel?: Level | null
  target?: Level
  isBelowTarget: boolean
  progress: number
  previousLevel?: Level
}

export interface AccountPage {
  accountId: string
  name: string
  owner: string
  environment: string
  criticality: string
  level: Level
  /** The evidence-verified level beside the assessed one; null: no automated evidence. */
  evidenceLevel?: Level | null
  grade: Grade
  previousLevel?: Level
  /** Unknown controls per category (not answered, answer expired, not subscribed, …). */
  unknownCounts: Partial<Record<UnknownReason, number>>
  domains: AccountDomainLine[]
  failing: FailingControl[]
  unverified: UnverifiedControl[]
  attestations: AttestationLine[]
  waivers: WaiverLine[]
  counts: StatusCounts
}

export interface EvidenceAge {
  accountId: string
  accountName: string
  collectedAt: string | null
  /** Whole days between collection and the report's `now`; null when nothing was collected. */
  ageDays: number | null
}

export interface CollectionGap {
  accountId: string
  accountName: string
  source: SourceId
  region?: string
  state: 'unavailable' | 'error' | 'missing'
  detail: string
}

export interface Appendix {
  modelId: string
  modelVersion: string
  scoredAt: string
  evidence: EvidenceAge[]
  gaps: CollectionGap[]
}

/** Everything a renderer needs, already in reading order. Renderers never look at the snapshot again. */
export interface ReportModel {
  snapshotId: string
  label: string
  notes: string
  createdAt: string
  generatedAt: string
  scopeLabel: string
  isRedacted: boolean
  executive: ExecutivePage
  accounts: AccountPage[]
  appendix: Appendix
}

export const reportFormats = ['pdf', 'html', 'csv', 'md', 'json'] as const
export type ReportFormat = (typeof reportFormats)[number]
