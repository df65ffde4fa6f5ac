import { compareStates } from '../../../shared/compare/compare'
import { comparisonToMarkdown } from '../../../shared/compare/markdown'
import { type CliCommand, parseCommandArgs, UsageError } from '../command'
import { inputErrors, readSnapshotFile } from '../score-inputs'

function parseCompareArgs(args: string[]) {
  const parsed = parseCommandArgs(
    args,
    {
      format: { type: 'string' },
      'as-recorded': { type: 'boolean' },
      'fail-on-regression': { type: 'boolean' },
    },
    { maxPositionals: 2 },
  )
  const format = parsed.values.format ?? 'md'
  if (format !== 'md' && format !== 'json')
    throw new UsageError(`--format must be md or json, not "${format}".`)
  if (parsed.positionals.length !== 2)
    throw new UsageError(`compare needs exactly two snapshot files (got ${parsed.positionals.length}).`)
  return { ...parsed, format }
}

/**
 * `compare <a.json> <b.json> [--format md|json] [--as-recorded] [--fail-on-regression]`: compares two snapshot
 * files (older first whatever the order given). Exit 0, or 3 with --fail-on-regression when anything slipped,
 * 1 when a file cannot be read or is not a snapshot, 2 for a usage error.
 */
export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'Compare two snapshot files: regressions, level changes and why, resources, accounts, gaps',
  inputErrors,
  usage:
    'compare <snapshotA.json> <snapshotB.json> [--format md|json] [--as-recorded] [--fail-on-regression]\n\n' +
    '  --format md|json       Markdown (default) or the full comparison as JSON\n' +
    '  --as-recorded          Compare the scorecards as saved, instead of re-scoring the older snapshot under\n' +
    '                         the newer model (the default, so a model change is not mistaken for progress)\n' +
    '  --fail-on-regression   Exit with code 3 when there is any regression (for CI)',
  async run(args, io) {
    const { values: flags, positionals: positional, format } = parseCompareArgs(args)
    const [pathA, pathB] = positional as [string, string]
    const [a, b] = await Promise.all([readSnapshotFile(pathA, io), readSnapshotFile(pathB, io)])
    const comparison = compareStates(a, b, {
      mode: flags['as-recorded'] === true ? 'as-recorded' : 'one-model',
    })
    if (format === 'json') io.out(`${JSON.stringify(comparison, null, 2)}\n`)
    else {
      const names = new Map(b.model.domains.map((d) => [d.id, d.name]))
      io.out(comparisonToMarkdown(comparison, { domainName: (id) => names.get(id) ?? id }))
    }
    return flags['fail-on-regression'] === true && comparison.regressions.length > 0 ? 3 : 0
  },
}
