import { stringify as toYaml } from 'yaml'
import type { StateCreator } from 'zustand'
import { AppError, asAppError } from '../../shared/errors'
import { defaultModel } from '../../shared/model/default-model'
import { type MaturityModel, ModelParseError, modelVersion, parseModel } from '../../shared/model/schema'
import { validateParamOverrides, withParamOverrides } from '../../shared/scoring/params'
import type { ParamOverrides } from '../../shared/scoring/types'
import type { ModelChoice, ScoredVersion, StoredModel } from '../db/models-repo'
import type { AppState } from './app-store'
import { buildDeskModel, type DeskModel } from './desk-model'

/**
 * The maturity model in use: the built-in model or an imported version, with the user's parameter values.
 * The model the desk scores with is derived (modelSelectors.activeModel) and handed to the desk on change.
 */
export interface ModelSlice {
  storedModels: StoredModel[]
  scoredVersions: ScoredVersion[]
  modelChoice: ModelChoice
  isModelLoaded: boolean
  /** The model the desk scores with (the active model with its parameters), read once into lookups. */
  deskModel: DeskModel
  /** Reads stored versions, the choice and the scored versions; applies the choice to the desk. */
  loadModels(): Promise<void>
  /** Validates a JSON/YAML model file and stores it. Nothing is stored when it is invalid. */
  importModel(fileName: string, text: string): Promise<StoredModel | undefined>
  /** Uses a stored version (by hash), or the built-in model (null). Parameter values are kept if they fit. */
  selectModel(hash: string | null): Promise<boolean>
  /** Sets parameter values; each must be a parameter of the model and within its bounds. */
  setParams(params: ParamOverrides): Promise<boolean>
  removeModel(hash: string): Promise<boolean>
}

const emptyChoice: ModelChoice = { activeHash: null, params: {} }

function baseModelOf(state: Pick<ModelSlice, 'storedModels' | 'modelChoice'>): MaturityModel {
  const hash = state.modelChoice.activeHash
  return (hash && state.storedModels.find((m) => m.hash === hash)?.model) || defaultModel
}

const effectiveCache = new WeakMap<
  MaturityModel,
  { params: ParamOverrides; model: MaturityModel; version: string }
>()
function effective(base: MaturityModel, params: ParamOverrides): { model: MaturityModel; version: string } {
  const cached = effectiveCache.get(base)
  if (cached && cached.params === params) return cached
  const model = withParamOverrides(base, params)
  const entry = { params, model, version: modelVersion(model) }
  effectiveCache.set(base, entry)
  return entry
}

/** Named selectors; activeModel and activeVersion are memoised per (model, params). */
export const modelSelectors = {
  /** The chosen model before parameter values are applied. */
  baseModel: (s: AppState): MaturityModel => baseModelOf(s),
  /** The model scoring uses: the chosen model with the parameter values baked in. */
  activeModel: (s: AppState): MaturityModel => effective(baseModelOf(s), s.modelChoice.params).model,
  /** The model the desk scores with, as lookups (titles, questions, the compiled model). */
  desk: (s: AppState): DeskModel => s.deskModel,
  /** The content hash of the model scoring uses; scorecards record it. */
  activeVersion: (s: AppState): string => effective(baseModelOf(s), s.modelChoice.params).version,
}

/** A model as a downloadable file (JSON or YAML). */
export function modelFile(model: MaturityModel, format: 'json' | 'yaml'): { fileName: string; text: string } {
  const base = `${model.id}-${modelVersion(model)}`
  return format === 'json'
    ? { fileName: `${base}.json`, text: `${JSON.stringify(model, null, 2)}\n` }
    : { fileName: `${base}.yaml`, text: toYaml(model) }
}

/** The model slice; `initialModel` is what the desk scores with until the stored choice is read. */
export const createModelSlice =
  (initialModel: MaturityModel = defaultModel): StateCreator<AppState, [], [], ModelSlice> =>
  (set, get) => {
    const repo = () => get().deps.repos.models
    const refresh = async () => {
      const [storedModels, modelChoice, scoredVersions] = await Promise.all([
        repo().list(),
        repo().getChoice(),
        repo().scoredVersions(),
      ])
      set({ storedModels, modelChoice, scoredVersions, isModelLoaded: true })
      // By version, not identity: a stored model is read anew each time, and rebuilding the desk model for an
      // unchanged one would recompute every summary.
      if (modelSelectors.activeVersion(get()) !== get().deskModel.compiled.version)
        set({ deskModel: buildDeskModel(modelSelectors.activeModel(get())) })
    }
    const run = <T>(work: () => Promise<T>, done?: string): Promise<T | undefined> =>
      get().attempt(async () => {
        const result = await work()
        await refresh()
        if (done) get().notify({ level: 'info', message: done })
        return result
      })
    return {
      storedModels: [],
      scoredVersions: [],
      modelChoice: emptyChoice,
      isModelLoaded: false,
      deskModel: buildDeskModel(initialModel),
      loadModels: async () => {
        await run(async () => undefined)
      },
      importModel: (fileName, text) =>
        run(async () => {
          const model = await asAppError(
            () => parseModel(text, fileName),
            ModelParseError,
            'invalid-model',
            'Fix the file and import it again; nothing was stored.',
          )
          return repo().add(model, 'import', get().deps.now().toISOString(), fileName)
        }, `Model imported from ${fileName}`),
      selectModel: async (hash) => {
        const stored: StoredModel[] = get().storedModels
        const target = hash === null ? defaultModel : stored.find((m) => m.hash === hash)?.model
        const current: ParamOverrides = get().modelChoice.params
        // Keep only the parameter values the new model understands and accepts.
        const params: ParamOverrides = {}
        for (const [id, value] of Object.entries(current)) {
          if (!target || validateParamOverrides(target, { [id]: value }).length === 0) params[id] = value
        }
        const result = await run(() => repo().setChoice({ activeHash: hash, params }), 'Model in use changed')
        return result !== undefined
      },
      setParams: async (params) => {
        const result = await run(async () => {
          const problems = validateParamOverrides(baseModelOf(get()), params)
          if (problems.length > 0)
            throw new AppError('invalid-input', `Invalid parameter values: ${problems.join('; ')}`)
          return repo().setChoice({ activeHash: get().modelChoice.activeHash, params })
        }, 'Parameters saved')
        return result !== undefined
      },
      removeModel: async (hash) => {
        const result = await run(async () => {
          await repo().remove(hash)
          return true
        }, 'Model version deleted')
        return result === true
      },
    }
  }
