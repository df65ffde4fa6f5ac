import type { Account, Attestation, Waiver } from '../domain/types'
import type { EvidenceBundle } from '../evidence/schema'
import type { MaturityModel } from '../model/schema'
import type { OrgScorecard, ParamOverrides } from '../scoring/types'
import { scoreState } from '../snapshot/build'
import { diffScorecards } from './diff'
import type { CompareMode, Comparison, ControlLookup, DiffSide, SideInfo } from './types'

/** A state of the organization that can be compared: a saved snapshot, or the current data built like one. */
export interface ComparableState {
  id: string
  label: string
  createdAt: string
  modelVersion: string
  model: MaturityModel
  accounts: Account[]
  evidence: EvidenceBundle[]
  attestations: Attestation[]
  waivers: Waiver[]
  scorecard: OrgScorecard
  scoring?: { params?: ParamOverrides; maxEvidenceAgeDays?: number }
  /** 'now' for the current state; saved snapshots leave it out. */
  kind?: 'snapshot' | 'now'
}

/** Re-scores a state's evidence, answers and waivers under another model, as of the state's own time. */
export type Rescore = (state: ComparableState, model: MaturityModel) => OrgScorecard

export interface CompareOptions {
  /** 'one-model' (default) re-scores the older state under the newer model; 'as-recorded' compares as saved. */
  mode?: CompareMode
  /** How to re-score; defaults to the scoring engine, as of the older state's createdAt. */
  rescore?: Rescore
}

/** A control lookup over one or more models; the first model that knows a control wins. */
export function controlLookupFor(...models: MaturityModel[]): ControlLookup {
  const byId = new Map<
    string,
    { title: string; domainId: MaturityModel['domains'][number]['id']; level: number }
  >()
  for (const model of [...models].reverse()) {
    for (const domain of model.domains) {
      for (const level of domain.levels) {
        for (const control of level.controls) {
          byId.set(control.id, { title: control.title, domainId: domain.id, level: level.level })
        }
      }
    }
  }
  return (controlId) => byId.get(controlId)
}

function sideInfo(state: ComparableState): SideInfo {
  return {
    id: state.id,
    label: state.label,
    createdAt: state.createdAt,
    modelVersion: state.modelVersion,
    kind: state.kind ?? 'snapshot',
  }
}

function side(state: ComparableState, scorecard: OrgScorecard = state.scorecard): DiffSide {
  return { info: sideInfo(state), scorecard, accounts: state.accounts }
}

/**
 * Compares two states of the organization. The older one (by createdAt) is always `before`. In one-model mode
 * (the default) and when the models differ, the older state's evidence, answers and waivers are re-scored
 * under the newer model as of the older state's time, so a model change is not mistaken for progress; how
 * the model alone moved the older levels is reported apart as `modelEffects`. In as-recorded mode the saved
 * scorecards are compared and control changes that come from the model are named as model changes.
 */
export function compareStates(
  a: ComparableState,
  b: ComparableState,
  options: CompareOptions = {},
): Comparison {
  const mode = options.mode ?? 'one-model'
  const isSwapped = Date.parse(a.createdAt) > Date.parse(b.createdAt)
  const [before, after] = isSwapped ? [b, a] : [a, b]
  const isModelChanged = before.modelVersion !== after.modelVersion
  const rescore = options.rescore ?? scoreState
  const rescored = isModelChanged ? rescore(before, after.model) : undefined
  const controlLookup = controlLookupFor(after.model, before.model)
  const common = { isSwapped, isModelChanged, controlLookup }
  if (mode === 'as-recorded' || rescored === undefined) {
    return diffScorecards(side(before), side(after), {
      ...common,
      mode,
      isRescored: false,
      ...(rescored ? { rescoredBefore: rescored } : {}),
    })
  }
  const recordedBefore = side(before)
  const rescoredBefore = side(before, rescored)
  const effects = diffScorecards(
    recordedBefore,
    { ...rescoredBefore, info: recordedBefore.info },
    {
      ...common,
      mode,
      isRescored: true,
      rescoredBefore: rescored,
    },
  )
  return diffScorecards(rescoredBefore, side(after), {
    ...common,
    mode,
    isRescored: true,
    modelEffects: effects.levelChanges,
  })
}
