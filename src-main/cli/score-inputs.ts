import { readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { applyAccountDetails } from '../../shared/accounts-file/apply'
import { accountFromEvidence } from '../../shared/accounts-file/from-evidence'
import { type AccountDetails, AccountsFileError, parseAccountsFile } from '../../shared/accounts-file/parse'
import { BaselineFileError } from '../../shared/baseline/io'
import type { Account } from '../../shared/domain/types'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import { type AnswersFile, assertAnswersMatch, parseAnswers } from '../../shared/model/answers'
import { defaultModel } from '../../shared/model/default-model'
import { trustedAdvisorCheckIds } from '../../shared/model/describe'
import { type MaturityModel, ModelParseError, parseModel } from '../../shared/model/schema'
import { scoreOrganization } from '../../shared/scoring/engine'
import { validateParamOverrides } from '../../shared/scoring/params'
import type { OrgScorecard } from '../../shared/scoring/types'
import { parseSnapshotFile, type Snapshot, SnapshotParseError } from '../../shared/snapshot/schema'
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

/** Reads a snapshot file (`compare`, `export`): unreadable or invalid, the error names the file and exits 1. */
export async function readSnapshotFile(path: string, io: CliIo): Promise<Snapshot> {
  return parseSnapshotFile(await readText(path, io), path)
}

/** Reads an accounts file (`--accounts` of `snapshot` and `check`); no file, no details. */
export async function readAccountsFile(path: string | undefined, io: CliIo): Promise<AccountDetails[]> {
  return path === undefined ? [] : parseAccountsFile(await readText(path, io), path)
}

/** Whether a path (relative to the working directory) is an existing folder. */
export async function isFolder(path: string, io: CliIo): Promise<boolean> {
  return (await stat(resolve(io.cwd, path)).catch(() => undefined))?.isDirectory() ?? false
}

/**
 * The accounts `snapshot` and `check` name: one per account with evidence, named as the app names an account it
 * learns of from evidence (`accountFromEvidence`: its alias, else its id), in the evidence's order; then the
 * accounts file's details merged over them as the app's import merges them (`applyAccountDetails`: a name the
 * file gives wins), and the file's accounts without evidence after them.
 */
export function accountsFor(
  bundles: readonly EvidenceBundle[],
  details: readonly AccountDetails[],
): Account[] {
  const fromEvidence = new Map<string, Account>()
  for (const bundle of bundles)
    if (!fromEvidence.has(bundle.accountId)) fromEvidence.set(bundle.accountId, accountFromEvidence(bundle))
  return applyAccountDetails([...fromEvidence.values()], details)
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
): Promise<ScoringInputs & { org: OrgScorecard }> {
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
  return { model, answers, bundles, org }
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

/** A time option (`--now`, `--at`): an ISO time, or now when not given; otherwise a UsageError naming it. */
export function parseTimeOption(option: string, value: string | undefined): Date {
  const time = value === undefined ? new Date() : new Date(value)
  if (Number.isNaN(time.getTime())) throw new UsageError(`--${option} must be an ISO time, not "${value}".`)
  return time
}

/** Checks `--now` and `--max-age-days`; a bad value is a UsageError naming the option. */
export function parseTimeFlags(values: { now?: string | undefined; 'max-age-days'?: string | undefined }) {
  return { now: parseTimeOption('now', values.now), maxAge: parseMaxAge(values['max-age-days']) }
}
