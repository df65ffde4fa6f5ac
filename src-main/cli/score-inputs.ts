import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { AccountsFileError } from '../../shared/accounts-file/parse'
import { BaselineFileError } from '../../shared/baseline/io'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import { type AnswersFile, assertAnswersMatch, parseAnswers } from '../../shared/model/answers'
import { defaultModel } from '../../shared/model/default-model'
import { trustedAdvisorCheckIds } from '../../shared/model/describe'
import { type MaturityModel, ModelParseError, parseModel } from '../../shared/model/schema'
import { scoreOrganization } from '../../shared/scoring/engine'
import { validateParamOverrides } from '../../shared/scoring/params'
import type { OrgScorecard } from '../../shared/scoring/types'
import { SnapshotParseError } from '../../shared/snapshot/schema'
import { readEvidenceFolder } from '../collect/offline'
import { OfflineImportError } from '../collect/offline-files'
import { defaultFaultToleranceCheckIds } from '../collect/trusted-advisor'
import { type CliIo, UsageError, valueOptions } from './command'

/** A user-facing input failure (unreadable or invalid file): printed as is. */
export class CliInputError extends Error {}

/** Every error that means an input file can't be used: the commands print these as they are. */
export const inputErrors = [
  CliInputError,
  ModelParseError,
  AccountsFileError,
  BaselineFileError,
  OfflineImportError,
  SnapshotParseError,
] as const

/** Reads a file relative to the command's working directory; a missing file is a CliInputError naming it. */
export async function readText(path: string, io: CliIo): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new CliInputError(
      code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? String(error)})`,
    )
  }
}

/** The scoring inputs `score` and `check` share. */
export interface ScoreFlags {
  evidence: string
  answers?: string | undefined
  model?: string | undefined
  now: Date
  maxAgeDays?: number | undefined
  /** Accounts to score even without evidence (everything they need is then unknown, never a failure). */
  extraAccountIds?: readonly string[]
}

/** The files every scoring command reads: the model, the answers and the evidence folder. */
export interface ScoringInputs {
  model: MaturityModel
  answers: AnswersFile
  bundles: EvidenceBundle[]
}

/**
 * Reads the model (default: the built-in one), the answers and an evidence folder (the offline import
 * layout), checking the answers' params against the model. `score`, `check` and `snapshot` all start here.
 */
export async function readScoringInputs(
  flags: { evidence: string; answers?: string | undefined; model?: string | undefined },
  io: CliIo,
): Promise<ScoringInputs> {
  let model: MaturityModel = defaultModel
  let answers: AnswersFile = { attestations: [], waivers: [], params: {} }
  if (flags.model !== undefined) model = parseModel(await readText(flags.model, io), flags.model)
  if (flags.answers !== undefined) answers = parseAnswers(await readText(flags.answers, io), flags.answers)
  const paramProblems = validateParamOverrides(model, answers.params)
  if (paramProblems.length > 0)
    throw new CliInputError(`Invalid params in the answers file: ${paramProblems.join('; ')}`)
  // Keep every Trusted Advisor check the model reads, not only the security pillar's.
  const bundles = await readEvidenceFolder(resolve(io.cwd, flags.evidence), {
    faultToleranceCheckIds: [
      ...new Set([...defaultFaultToleranceCheckIds, ...trustedAdvisorCheckIds(model)]),
    ],
  })
  return { model, answers, bundles }
}

/**
 * Reads the scoring inputs and scores them with the engine the app uses. Throws CliInputError (or a parse
 * error naming the file and field) on bad input.
 */
export async function scoreEvidence(
  flags: ScoreFlags,
  io: CliIo,
): Promise<{ model: MaturityModel; answers: AnswersFile; org: OrgScorecard }> {
  const { model, answers, bundles } = await readScoringInputs(flags, io)
  const withEvidence = new Set(bundles.map((b) => b.accountId))
  // An answer naming a control or an account that is not there fails with the names (never silently ignored).
  if (flags.answers !== undefined)
    assertAnswersMatch(
      answers,
      model,
      new Set([...withEvidence, ...(flags.extraAccountIds ?? [])]),
      flags.answers,
    )
  const inputs = [
    ...bundles.map((bundle) => ({ accountId: bundle.accountId, bundle })),
    ...[...new Set(flags.extraAccountIds ?? [])]
      .filter((id) => !withEvidence.has(id))
      .map((accountId) => ({ accountId })),
  ]
  const org = scoreOrganization({
    model,
    accounts: inputs.map((a) => ({ ...a, attestations: answers.attestations, waivers: answers.waivers })),
    now: flags.now,
    params: answers.params,
    ...(flags.maxAgeDays === undefined ? {} : { maxEvidenceAgeDays: flags.maxAgeDays }),
  })
  return { model, answers, org }
}

/** The option table for the scoring flags `score` and `check` share. */
export const scoreOptions = valueOptions('evidence', 'answers', 'model', 'format', 'now', 'max-age-days')

/** `--max-age-days`: a positive number of days, or undefined for the default; otherwise a UsageError. */
export function parseMaxAge(value: string | undefined): number | undefined {
  const maxAge = value === undefined ? undefined : Number(value)
  if (maxAge !== undefined && !(Number.isFinite(maxAge) && maxAge > 0))
    throw new UsageError(`--max-age-days must be a positive number, not "${value}".`)
  return maxAge
}

/** Checks `--now` and `--max-age-days`; a bad value is a UsageError naming the option. */
export function parseTimeFlags(values: { now?: string | undefined; 'max-age-days'?: string | undefined }) {
  const now = values.now === undefined ? new Date() : new Date(values.now)
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO time, not "${values.now}".`)
  return { now, maxAge: parseMaxAge(values['max-age-days']) }
}
