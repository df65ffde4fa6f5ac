import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { type AnswersFile, assertAnswersMatch, parseAnswers } from '../../../shared/model/answers'
import { defaultModel } from '../../../shared/model/default-model'
import { trustedAdvisorCheckIds } from '../../../shared/model/describe'
import { type MaturityModel, parseModel } from '../../../shared/model/schema'
import { scoreOrganization } from '../../../shared/scoring/engine'
import { toMarkdown, toStableJson, toTable } from '../../../shared/scoring/format'
import { validateParamOverrides } from '../../../shared/scoring/params'
import { readEvidenceFolder } from '../../collect/offline'
import { defaultFaultToleranceCheckIds } from '../../collect/trusted-advisor'
import { type CliCommand, type CliIo, parseCommandArgs, UsageError } from '../command'

/** A user-facing failure: printed as is, exit code 1. */
class ScoreInputError extends Error {}

async function readText(path: string, io: CliIo): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new ScoreInputError(
      code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? String(error)})`,
    )
  }
}

const formats = ['json', 'md', 'table'] as const
type Format = (typeof formats)[number]
const isFormat = (value: unknown): value is Format => formats.some((f) => f === value)

function parseScoreArgs(args: string[]) {
  const { values } = parseCommandArgs(args, {
    evidence: { type: 'string' },
    answers: { type: 'string' },
    model: { type: 'string' },
    format: { type: 'string' },
    now: { type: 'string' },
    'max-age-days': { type: 'string' },
  })
  const format = values.format ?? 'json'
  const now = values.now === undefined ? new Date() : new Date(values.now)
  const maxAge = values['max-age-days'] === undefined ? undefined : Number(values['max-age-days'])
  if (values.evidence === undefined) throw new UsageError('score needs --evidence <dir>.')
  if (!isFormat(format)) throw new UsageError(`--format must be json, md or table, not "${format}".`)
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO time, not "${values.now}".`)
  if (maxAge !== undefined && !(Number.isFinite(maxAge) && maxAge > 0))
    throw new UsageError(`--max-age-days must be a positive number, not "${values['max-age-days']}".`)
  return { values, evidence: values.evidence, format, now, maxAge }
}

/**
 * `score --evidence <dir> [--answers <file>] [--model <file>] [--format json|md|table] [--now <iso>]
 * [--max-age-days <n>]`: scores one account folder, or a folder of account folders, in the offline import
 * layout. Exit 0 on success, 1 when an input cannot be read or is invalid (nothing is printed to stdout),
 * 2 for a usage error.
 */
export const scoreCommand: CliCommand = {
  name: 'score',
  summary: 'Score an evidence folder against the maturity model (JSON, Markdown or a table)',
  usage:
    'score --evidence <dir> [--answers <file>] [--model <file>] [--format json|md|table] [--now <iso>] [--max-age-days <n>]\n\n' +
    '  --evidence <dir>      One account folder, or a folder of account folders (the offline import layout)\n' +
    '  --answers <file>      JSON or YAML: { attestations: [...], waivers: [...], params: { name: value } }\n' +
    '  --model <file>        A custom model (JSON or YAML); default: the built-in Ratchet model\n' +
    '  --format json|md|table  json (default, the stable shape in docs/maturity-model.md), md or table\n' +
    '  --now <iso>           Score as of this time (default: now); evidence and answers are judged against it\n' +
    '  --max-age-days <n>    Evidence older than this is unknown (stale); default 30',
  async run(args, io) {
    let parsed: ReturnType<typeof parseScoreArgs>
    try {
      parsed = parseScoreArgs(args)
    } catch (error) {
      if (!(error instanceof UsageError)) throw error
      io.err(`${error.message}\n\nUsage: npm run cli -- ${this.usage}\n`)
      return 2
    }
    const { evidence, format, now, maxAge, values: flags } = parsed

    let model: MaturityModel = defaultModel
    let answers: AnswersFile = { attestations: [], waivers: [], params: {} }
    try {
      const modelPath = flags.model
      if (typeof modelPath === 'string') model = parseModel(await readText(modelPath, io), modelPath)
      const answersPath = flags.answers
      if (typeof answersPath === 'string')
        answers = parseAnswers(await readText(answersPath, io), answersPath)
      const paramProblems = validateParamOverrides(model, answers.params)
      if (paramProblems.length > 0)
        throw new ScoreInputError(`Invalid params in the answers file: ${paramProblems.join('; ')}`)
      // Keep every Trusted Advisor check the model reads, not only the security pillar's.
      const bundles = await readEvidenceFolder(resolve(io.cwd, evidence), {
        faultToleranceCheckIds: [
          ...new Set([...defaultFaultToleranceCheckIds, ...trustedAdvisorCheckIds(model)]),
        ],
      })
      if (typeof flags.answers === 'string')
        assertAnswersMatch(answers, model, new Set(bundles.map((b) => b.accountId)), flags.answers)
      const org = scoreOrganization({
        model,
        accounts: bundles.map((bundle) => ({
          accountId: bundle.accountId,
          bundle,
          attestations: answers.attestations,
          waivers: answers.waivers,
        })),
        now,
        params: answers.params,
        ...(maxAge === undefined ? {} : { maxEvidenceAgeDays: maxAge }),
      })
      const text =
        format === 'json'
          ? `${JSON.stringify(toStableJson(org), null, 2)}\n`
          : format === 'md'
            ? toMarkdown(org, model)
            : toTable(org)
      io.out(text)
      return 0
    } catch (error) {
      io.err(`${error instanceof Error ? error.message : String(error)}\n`)
      return 1
    }
  },
}
