import type { Account, DomainId, Level } from '../domain/types'
import type { SourceId } from '../evidence/schema'
import type { Severity } from '../model/schema'
import type { ControlStatus, Grade, ResourceRef, UnknownReason } from '../scoring/types'
import type { Snapshot } from '../snapshot/schema'

/**
 * A report is built from a snapshot. The current state is a snapshot that was never saved, so the same code
 * reports both.
 */
export type ReportSnapshot = Snapshot

/**
 * Which accounts a report covers: the whole organization, or a selection (one account makes an owner's own
 * scorecard). `title` says how the selection was made ("Owner Priya Raman", "Filter: production") and heads
 * the executive summary.
 */
export type ReportScope = { kind: 'org' } | { kind: 'accounts'; accountIds: string[]; title?: string }

/**
 * How much a report holds: `summary` (the executive summary and one line per account), `failing` (the
 * default: plus a section per account with its failing controls) or `everything` (plus unverified controls,
 * attestations, waivers, every resource and the evidence appendix).
 */
export const detailLevels = ['summary', 'failing', 'everything'] as const
export type DetailLevel = (typeof detailLevels)[number]

/** Whose report it is: the layout of page 1 follows it. */
export type ScopeKind = 'org' | 'selection' | 'account'

/** A control's title and its fix, as the maturity model states them. */
export interface ControlInfo {
  title: string
  fix: string
  /** When absent (a lookup from elsewhere), the report derives it from the control's level and domain. */
  severity?: Severity
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
  /** Default `failing`. */
  detail?: DetailLevel
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
  /** The same, in words: title, what failed and the resources. */
  failed: Array<{ controlId: string; title: string; reason: string; resources: ResourceRef[] }>
}

export interface Risk {
  accountId: string
  accountName: string
  criticality: Account['criticality']
  controlId: string
  title: string
  domainId: DomainId
  level: Exclude<Level, 0>
  severity: Severity
  resourceCount: number
  /** The first resources, for the summary line. */
  resources: ResourceRef[]
  reason: string
}

export interface BelowTarget {
  accountId: string
  accountName: string
  owner: string
  domains: Array<{ domainId: DomainId; level: Level; target: Level }>
}

export type StatusCounts = Record<ControlStatus, number>

/**
 * A domain an account is expected to reach and doesn't. `target` comes from the account's own targets;
 * BASELINE SLOT: the baselines feature adds `kind: 'baseline'` entries (with the baseline's name in `source`)
 * here, and every renderer already lists them under "Baseline or target breaches".
 */
export interface Breach {
  kind: 'target' | 'baseline'
  source: string
  accountId: string
  accountName: string
  owner: string
  domainId: DomainId
  level: Level
  expected: Level
}

/**
 * One row of the headline: how many accounts sit at each level (L0..L5). Today one row, the assessed level;
 * the evidence-verified level (unknowns counted as not met) is a second row with its own id, so both numbers
 * have a place without another layout.
 */
export interface HeadlineRow {
  id: string
  title: string
  counts: number[]
  previousCounts?: number[]
}

/** One account in the summary heatmap: its level per domain, in domainIds order. */
export interface HeatRow {
  accountId: string
  name: string
  anchor: string
  level: Level
  /** The account's evidence-verified level; null: no automated evidence (absent for older snapshots). */
  evidenceLevel?: Level | null
  /** 'unassessed' when the account has no usable evidence: its level then reads "unassessed", never L0. */
  grade: Grade
  levels: Level[]
}

export interface SourceCoverage {
  source: SourceId
  ok: number
  unavailable: number
  error: number
  missing: number
}

/** How much of the scope was really checked, and how old the evidence is. */
export interface Coverage {
  accountCount: number
  withEvidence: number
  sources: SourceCoverage[]
  medianAgeDays: number | null
  oldest: { accountName: string; ageDays: number } | null
  /** Accounts whose evidence is older than 30 days. */
  staleCount: number
}
export interface ExecutivePage {
  accountCount: number
  headline: HeadlineRow[]
  /** Accounts with no usable evidence: no level of theirs is counted in the headline rows. */
  unassessedCount: number
  /** Accounts × domains, when the scope is small enough to show on one page (otherwise the domain table is the heatmap). */
  heatmap: HeatRow[] | null
  domains: DomainSummary[]
  /** The previous snapshot the trend is measured against; isRescored when it was re-scored under this model. */
  trend?: { label: string; createdAt: string; isRescored: boolean }
  regressions: Regression[]
  /** All regressions, when more than the page lists. */
  regressionCount: number
  /** The top risks: real failing findings (with resources), by control level, then severity, then criticality. */
  risks: Risk[]
  belowTarget: BelowTarget[]
  breaches: Breach[]
  counts: StatusCounts
  /** Unverified controls by why they could not be checked: the unknown categories, kept apart. */
  unknownByReason: Partial<Record<UnknownReason, number>>
  coverage: Coverage
}

export interface FailingControl {
  controlId: string
  title: string
  domainId: DomainId
  level: Exclude<Level, 0>
  reason: string
  resources: ResourceRef[]
  fix: string
  /** A person answered "not met" (an attestation), rather than evidence finding resources. */
  isAnswered: boolean
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
  /** The HTML anchor of the account's section: by position, so it never holds an identifier. */
  anchor: string
  name: string
  owner: string
  environment: string
  criticality: string
  level: Level
  /** The evidence-verified level beside the assessed one; null: no automated evidence. */
  evidenceLevel?: Level | null
  grade: Grade
  previousLevel?: Level
  domains: AccountDomainLine[]
  failing: FailingControl[]
  unverified: UnverifiedControl[]
  attestations: AttestationLine[]
  waivers: WaiverLine[]
  counts: StatusCounts
  unknownByReason: Partial<Record<UnknownReason, number>>
  collectedAt: string | null
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
  /** How to fix each control that fails somewhere in scope, once (the account sections refer to it). */
  fixes: Array<{ controlId: string; title: string; fix: string; accountCount: number }>
}

/** Everything a renderer needs, already in reading order. Renderers never look at the snapshot again. */
export interface ReportModel {
  snapshotId: string
  label: string
  notes: string
  createdAt: string
  generatedAt: string
  scopeLabel: string
  scopeKind: ScopeKind
  detail: DetailLevel
  isRedacted: boolean
  executive: ExecutivePage
  accounts: AccountPage[]
  appendix: Appendix
}

export const reportFormats = ['pdf', 'html', 'csv', 'md', 'json'] as const
export type ReportFormat = (typeof reportFormats)[number]
