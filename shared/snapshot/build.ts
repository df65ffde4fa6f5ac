import { inForceAt } from '../baseline/scope'
import type { Baseline } from '../baseline/types'
import type { Account, Attestation, Waiver } from '../domain/types'
import type { EvidenceBundle } from '../evidence/schema'
import { selectEvidenceByAccount } from '../evidence/select'
import { fnv1a64 } from '../model/hash'
import type { MaturityModel } from '../model/schema'
import { attestedAt, decidingRecords, waiverCreatedAt } from '../scoring/control'
import { type CompiledModel, compileModel, type OrgAccountInput, scoreOrganization } from '../scoring/engine'
import { groupByAccount } from '../scoring/score-accounts'
import type { OrgScorecard, ParamOverrides } from '../scoring/types'
import { quarterLabel, SNAPSHOT_SCHEMA_VERSION, type Snapshot, snapshotLabelSchema } from './schema'

/** The state a scorecard is computed from. */
export interface ScorableState {
  createdAt: string
  accounts: ReadonlyArray<Pick<Account, 'id' | 'targets'>>
  evidence: EvidenceBundle[]
  attestations: Attestation[]
  waivers: Waiver[]
  scoring?: { params?: ParamOverrides; maxEvidenceAgeDays?: number }
}

/**
 * Scores a state as of its own createdAt. Evidence, attestations and waivers are grouped by account once, so
 * scoring N accounts stays linear.
 */
export function scoreState(state: ScorableState, model: MaturityModel | CompiledModel): OrgScorecard {
  const bundles = new Map<string, EvidenceBundle>()
  for (const b of state.evidence) bundles.set(b.accountId, b)
  const attestations = groupByAccount(state.attestations)
  const waivers = groupByAccount(state.waivers)
  const withBundle = (bundle: EvidenceBundle | undefined) => (bundle ? { bundle } : {})
  const accounts = state.accounts.map(
    (account): OrgAccountInput => ({
      accountId: account.id,
      account: { id: account.id, targets: account.targets },
      attestations: attestations.get(account.id) ?? [],
      waivers: waivers.get(account.id) ?? [],
      ...withBundle(bundles.get(account.id)),
    }),
  )
  return scoreOrganization({
    model,
    accounts,
    now: new Date(state.createdAt),
    ...(state.scoring?.params ? { params: state.scoring.params } : {}),
    ...(state.scoring?.maxEvidenceAgeDays !== undefined
      ? { maxEvidenceAgeDays: state.scoring.maxEvidenceAgeDays }
      : {}),
  })
}

export interface BuildSnapshotInput {
  /** Defaults to a stable id derived from createdAt and the label. */
  id?: string
  /** Defaults to the calendar quarter of createdAt, e.g. "2026-Q4". */
  label?: string
  notes?: string
  createdAt: Date
  model: MaturityModel
  /** The same model already compiled (compileModel), to skip compiling it again. */
  compiled?: CompiledModel
  accounts: Account[]
  /** Any bundles: the latest one per account collected at or before createdAt is kept. */
  evidence: EvidenceBundle[]
  /**
   * Any answers: for each account and control, the one the engine selects as of createdAt is kept (the
   * newest recorded by then, even when it has expired, so the scorecard can say so); older answers are
   * history and are left out.
   */
  attestations: Attestation[]
  waivers: Waiver[]
  params?: ParamOverrides
  maxEvidenceAgeDays?: number
  /** Baseline versions (any): the ones in force at createdAt are recorded with the snapshot. */
  baselines?: readonly Baseline[]
}

/**
 * Freezes a state into a snapshot: keeps, for the given accounts, the newest good evidence of each source
 * collected by createdAt (shared/evidence/select),
 * and the answers and waivers recorded by then, scores them under the model as of createdAt, and records the
 * model and its version with them. Pure: the demo loader, the Snapshots area and the tests all call it.
 */
export function buildSnapshot(input: BuildSnapshotInput): Snapshot {
  const createdAt = input.createdAt.toISOString()
  const at = input.createdAt.getTime()
  const accountIds = new Set(input.accounts.map((a) => a.id))
  // The newest good evidence of each source collected by createdAt: the same selector as the app and the CLI.
  const latest = selectEvidenceByAccount(
    input.evidence.filter((b) => accountIds.has(b.accountId)),
    { at },
  )
  // The engine's own selection: the snapshot keeps only the answers that decide each control.
  const attestations = decidingRecords(
    input.attestations.filter((a) => accountIds.has(a.accountId)),
    attestedAt,
    at,
  )
  const waivers = decidingRecords(
    input.waivers.filter((w) => accountIds.has(w.accountId)),
    waiverCreatedAt,
    at,
  )
  const scoring = {
    ...(input.params ? { params: input.params } : {}),
    ...(input.maxEvidenceAgeDays !== undefined ? { maxEvidenceAgeDays: input.maxEvidenceAgeDays } : {}),
  }
  const evidence = input.accounts.flatMap((a) => latest.get(a.id)?.bundle ?? [])
  const compiled = input.compiled?.model === input.model ? input.compiled : compileModel(input.model)
  const scorecard = scoreState(
    { createdAt, accounts: input.accounts, evidence, attestations, waivers, scoring },
    compiled,
  )
  const label = snapshotLabelSchema.parse(input.label ?? quarterLabel(input.createdAt))
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    id: input.id ?? `snapshot-${fnv1a64(`${createdAt}\u0000${label}`)}`,
    label,
    notes: input.notes ?? '',
    createdAt,
    modelVersion: compiled.version,
    model: input.model,
    accounts: input.accounts,
    evidence,
    attestations,
    waivers,
    scoring,
    scorecard,
    ...(input.baselines ? { baselines: inForceAt(input.baselines, createdAt) } : {}),
  }
}

/** One quarter of a recorded history (the demo organization's quarters have this shape). */
export interface QuarterState {
  label: string
  asOf: string
  bundles: EvidenceBundle[]
  attestations: Attestation[]
  waivers: Waiver[]
}

/**
 * One snapshot per quarter, oldest first, each frozen as of its quarter's collection time. The demo loader
 * (or the Snapshots area) calls this with `buildDemoOrganization(...).quarters` to give the demo a history.
 */
export function snapshotsFromQuarters(input: {
  accounts: Account[]
  quarters: QuarterState[]
  model: MaturityModel
  idPrefix?: string
  notes?: string
  baselines?: readonly Baseline[]
}): Snapshot[] {
  return input.quarters.map((q) =>
    buildSnapshot({
      id: `${input.idPrefix ?? 'snapshot'}-${q.label}`,
      label: q.label,
      notes: input.notes ?? '',
      createdAt: new Date(q.asOf),
      model: input.model,
      accounts: input.accounts,
      evidence: q.bundles,
      attestations: q.attestations,
      waivers: q.waivers,
      ...(input.baselines ? { baselines: input.baselines } : {}),
    }),
  )
}
