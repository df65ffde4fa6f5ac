import { toMarkdown, toStableJson, toTable } from '../../../shared/scoring/format'
import { type CliCommand, parseCommandArgs, UsageError } from '../command'
import { inputErrors, parseTimeFlags, scoreEvidence, scoreOptions } from '../score-inputs'

const formats = ['json', 'md', 'table'] as const
type Format = (typeof formats)[number]
const isFormat = (value: unknown): value is Format => formats.some((f) => f === value)

function parseScoreArgs(args: string[]) {
  const { values } = parseCommandArgs(args, scoreOptions)
  const format = values.format ?? 'json'
  if (values.evidence === undefined) throw new UsageError('score needs --evidence <dir>.')
  if (!isFormat(format)) throw new UsageError(`--format must be json, md or table, not "${format}".`)
  const { now, maxAge } = parseTimeFlags(values)
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
  inputErrors,
  usage:
    'score --evidence <dir> [--answers <file>] [--model <file>] [--format json|md|table] [--now <iso>] [--max-age-days <n>]\n\n' +
    '  --evidence <dir>      One account folder, or a folder of account folders (the offline import layout)\n' +
    '  --answers <file>      JSON or YAML: { attestations: [...], waivers: [...], params: { name: value } }\n' +
    '  --model <file>        A custom model (JSON or YAML); default: the built-in Ratchet model\n' +
    '  --format json|md|table  json (default, the stable shape in docs/maturity-model.md), md or table\n' +
    '  --now <iso>           Score as of this time (default: now); evidence and answers are judged against it\n' +
    '  --max-age-days <n>    Evidence older than this is unknown (stale); default 30',
  async run(args, io) {
    const { evidence, format, now, maxAge, values: flags } = parseScoreArgs(args)
    const { model, org } = await scoreEvidence(
      { evidence, answers: flags.answers, model: flags.model, now, maxAgeDays: maxAge },
      io,
    )
    const text =
      format === 'json'
        ? `${JSON.stringify(toStableJson(org), null, 2)}\n`
        : format === 'md'
          ? toMarkdown(org, model)
          : toTable(org)
    io.out(text)
    return 0
  },
}
