import type { DomainId, Level } from '../domain/types'
import type { ControlStatus, OrgScorecard, ResourceRef } from '../scoring/types'

/**
 * The result of comparing two states of the organization (two snapshots, or a snapshot and now). The older
 * state is always `before`, the newer `after`, whichever order they were picked in.
 */

/** Why a control's status changed between the two states. */
export const changeReasons = [
  'new-failure',
  'fixed',
  'attestation-added',
  'attestation-changed',
  'attestation-expired',
  'attestation-removed',
  'waiver-added',
  'waiver-expired',
  'waiver-removed',
  'evidence-missing',
  'evidence-stale',
  'evidence-restored',
  'model-change',
] as const
export type ChangeReason = (typeof changeReasons)[number]

/** A short, human title for each reason, used by the UI and the CLI. */
export const reasonTitles: Record<ChangeReason, string> = {
  'new-failure': 'New failure',
  fixed: 'Fixed',
  'attestation-added': 'Attestation added',
  'attestation-changed': 'Attestation changed',
  'attestation-expired': 'Attestation expired',
  'attestation-removed': 'Attestation removed',
  'waiver-added': 'Waiver added',
  'waiver-expired': 'Waiver expired',
  'waiver-removed': 'Waiver removed',
  'evidence-missing': 'Evidence missing',
  'evidence-stale': 'Evidence stale',
  'evidence-restored': 'Evidence available again',
  'model-change': 'Model change',
}

/** One control whose status differs between the two states. `null` means the control was not scored there. */
export interface ControlChange {
  accountId: string
  domainId: DomainId
  controlId: string
  controlTitle: string
  /** The control's level in the model (1–5). */
  level: number
  from: ControlStatus | null
  to: ControlStatus | null
  reason: ChangeReason
  /** One sentence: what happened, e.g. "The attestation by ana@example.com expired on 2026-10-01". */
  detail: string
  /** A control that was met (pass, attested or waived) and now fails. */
  isRegression: boolean
}

/** A level that differs between the two states, for one account and one domain. */
export interface LevelChange {
  accountId: string
  accountName: string
  domainId: DomainId
  from: Level
  to: Level
  target?: Level
  /** The control changes in this domain that explain the move, the ones that decide it first. */
  changes: ControlChange[]
}

export interface AccountLevelChange {
  accountId: string
  accountName: string
  from: Level
  to: Level
}

/** A violating resource that appeared or disappeared. */
export interface ResourceChange {
  accountId: string
  controlId: string
  resource: ResourceRef
}

/** Anything that makes the ratchet slip: a level drop or a control that was met and now fails. */
export type Regression =
  | { kind: 'level-drop'; accountId: string; accountName: string; domainId: DomainId; from: Level; to: Level }
  | { kind: 'control'; accountId: string; accountName: string; change: ControlChange }

/** A domain below its target in the newer state. */
export interface Gap {
  accountId: string
  accountName: string
  domainId: DomainId
  level: Level
  target: Level
  gap: number
}

export interface SideInfo {
  id: string
  label: string
  createdAt: string
  modelVersion: string
  /** 'now' when this side is the current state rather than a saved snapshot. */
  kind: 'snapshot' | 'now'
}

export type CompareMode = 'one-model' | 'as-recorded'

export interface Comparison {
  before: SideInfo
  after: SideInfo
  mode: CompareMode
  /** True when the picked order was newer → older and the sides were swapped. */
  isSwapped: boolean
  /** The two states were scored under different models. */
  isModelChanged: boolean
  /** True when the older state's evidence was re-scored under the newer model for this comparison. */
  isRescored: boolean
  regressions: Regression[]
  levelChanges: LevelChange[]
  accountLevelChanges: AccountLevelChange[]
  /** Every control change, including those that moved no level. */
  controlChanges: ControlChange[]
  resources: { added: ResourceChange[]; resolved: ResourceChange[] }
  accounts: { added: string[]; removed: string[] }
  gaps: Gap[]
  /**
   * In one-model mode with a model change: how the older state's levels moved from the recorded scorecard to
   * the re-scored one. This is the model's effect, kept apart so it is not mistaken for progress.
   */
  modelEffects: LevelChange[]
  summary: CompareSummary
}

export interface CompareSummary {
  regressions: number
  levelsUp: number
  levelsDown: number
  controlsFixed: number
  controlsNewlyFailing: number
  accountsAdded: number
  accountsRemoved: number
  resourcesAdded: number
  resourcesResolved: number
  gaps: number
}

/** What the diff needs from each side: its scorecard, its time and the account names and targets. */
export interface DiffSide {
  info: SideInfo
  scorecard: OrgScorecard
  accounts: ReadonlyArray<{ id: string; name: string; targets: Partial<Record<DomainId, Level | number>> }>
}

/** What the diff needs from the (newer) model: a control's title, domain and level. */
export type ControlLookup = (
  controlId: string,
) => { title: string; domainId: DomainId; level: number } | undefined
