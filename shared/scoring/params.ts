import type { ParamRef } from '../model/rules'
import type { MaturityModel } from '../model/schema'
import type { ParamOverrides } from './types'

/** Parameter values after overrides, by id. */
export type ResolvedParams = Readonly<Record<string, number>>

/**
 * The model's parameter defaults with the user's overrides applied. Overrides for unknown parameters are
 * ignored and out-of-range values are clamped to the model's bounds, so scoring is total; use
 * validateParamOverrides to tell the user first.
 */
export function resolveParams(model: MaturityModel, overrides: ParamOverrides | undefined): ResolvedParams {
  const resolved: Record<string, number> = {}
  for (const [id, param] of Object.entries(model.params)) {
    const override = overrides?.[id]
    resolved[id] =
      override === undefined || !Number.isFinite(override)
        ? param.default
        : Math.min(param.max, Math.max(param.min, override))
  }
  return resolved
}

/** Problems with a set of overrides, one sentence each; empty when every override is known and in bounds. */
export function validateParamOverrides(model: MaturityModel, overrides: ParamOverrides): string[] {
  const problems: string[] = []
  for (const [id, value] of Object.entries(overrides)) {
    const param = model.params[id]
    if (!param) problems.push(`"${id}" is not a parameter of model ${model.id}`)
    else if (!Number.isFinite(value) || value < param.min || value > param.max)
      problems.push(`"${id}" must be between ${param.min} and ${param.max} (got ${value})`)
  }
  return problems
}

/** The number a ParamRef stands for. A reference to a missing parameter is NaN (the schema rejects those). */
export function paramValue(ref: ParamRef, params: ResolvedParams): number {
  return typeof ref === 'number' ? ref : (params[ref.param] ?? Number.NaN)
}

/**
 * The model with the user's overrides written into its parameter defaults (clamped to bounds). Scoring this
 * model with no overrides equals scoring the base model with the overrides, and its content hash differs
 * from the base model's whenever a value differs, so every scorecard records exactly which values it used.
 */
export function withParamOverrides(
  model: MaturityModel,
  overrides: ParamOverrides | undefined,
): MaturityModel {
  const resolved = resolveParams(model, overrides)
  if (Object.entries(model.params).every(([id, p]) => resolved[id] === p.default)) return model
  const params: MaturityModel['params'] = {}
  for (const [id, p] of Object.entries(model.params))
    params[id] = { ...p, default: resolved[id] ?? p.default }
  return { ...model, params }
}
