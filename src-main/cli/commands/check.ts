import { type AccountBaselineResult, evaluateBaselines, worstState } from '../../../shared/baseline/breaches'
import { baselinesFromTargets, parseBaselinesFile } from '../../../shared/baseline/io'
import { latestVersions } from '../../../shared/baseline/scope'
import type { Baseline } from '../../../shared/baseline/types'
import { type CliCommand, type CliIo, parseCommandArgs, UsageError, valueOptions } from '../command'
import {
  accountsFor,
  inputErrors,
  parseTimeFlags,
  readAccountsFile,
  readText,
  scoreEvidence,
  scoreOptions,
} from '../score-inputs'

/** Exit codes: 0 no breach (waived breaches included), 1 a failing breach, 3 only unknown breaches, 2 usage. */
export const checkExitCodes = { ok: 0, failing: 1, usage: 2, unknown: 3 } as const

function parseCheckArgs(args: string[]) {
  const { values } = parseCommandArgs(args, {
    ...scoreOptions,
    ...valueOptions('baselines', 'accounts'),
  })
  const format = values.format ?? 'text'
  if (values.evidence === undefined) throw new UsageError('check needs --evidence <dir>.')
  if (values.baselines === undefined) throw new UsageError('check needs --baselines <file>.')
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format must be text or json, not "${format}".`)
  const { now, maxAge } = parseTimeFlags(values)
  return { ...values, evidence: values.evidence, baselines: values.baselines, format, now, maxAge }
}

const label = { failing: 'FAILING', unknown: 'UNKNOWN', waived: 'WAIVED' } as const

function toText(results: readonly AccountBaselineResult[], names: ReadonlyMap<string, string>): string {
  const lines: string[] = []
  for (const r of results) {
    const name = names.get(r.accountId)
    const who = name && name !== r.accountId ? `${r.accountId} (${name})` : r.accountId
    if (!r.baselineId) {
      lines.push(`${who}: no baseline holds it`)
      continue
    }
    const held = `${r.baselineId} v${r.baselineVersion} (by ${r.matchedBy})`
    lines.push(`${who}: ${held}, ${r.breaches.length === 0 ? 'meets it' : `${r.breaches.length} breach(es)`}`)
    for (const b of r.breaches) {
      const at = [...new Set(b.evidence.map((e) => `${e.source} ${e.collectedAt}`))].join(', ')
      lines.push(`  ${label[b.state]} ${b.kind}: ${b.reason}${at ? ` [evidence: ${at}]` : ''}`)
    }
  }
  const all = results.flatMap((r) => r.breaches)
  const count = (s: string) => all.filter((b) => b.state === s).length
  lines.push(
    '',
    `${count('failing')} failing, ${count('unknown')} unknown, ${count('waived')} waived breach(es) in ${results.length} account(s)`,
  )
  return `${lines.join('\n')}\n`
}

async function runCheck(flags: ReturnType<typeof parseCheckArgs>, io: CliIo): Promise<number> {
  const versions: Baseline[] = parseBaselinesFile(await readText(flags.baselines, io), flags.baselines)
  const details = await readAccountsFile(flags.accounts, io)
  const { org, bundles } = await scoreEvidence(
    {
      evidence: flags.evidence,
      answers: flags.answers,
      model: flags.model,
      now: flags.now,
      maxAgeDays: flags.maxAge,
      extraAccountIds: details.map((d) => d.id),
    },
    io,
  )
  // Those with evidence, then those only the accounts file lists, as org.accounts has them.
  const accounts = accountsFor(bundles, details)
  // Per-account targets from the accounts file are the most specific scope, as in the app.
  const fromTargets = baselinesFromTargets(accounts, {
    by: flags.accounts ?? 'accounts file',
    at: flags.now.toISOString(),
    reason: 'targets from the accounts file',
  })
  const inForce = [...latestVersions(versions), ...fromTargets]
  const results = evaluateBaselines(accounts, org.accounts, inForce)
  const breaches = results.flatMap((r) => r.breaches)
  if (flags.format === 'json') io.out(`${JSON.stringify({ checkedAt: org.scoredAt, results }, null, 2)}\n`)
  else io.out(toText(results, new Map(accounts.map((a) => [a.id, a.name]))))
  const worst = worstState(breaches)
  return worst === 'failing'
    ? checkExitCodes.failing
    : worst === 'unknown'
      ? checkExitCodes.unknown
      : checkExitCodes.ok
}

/**
 * `check --evidence <dir> --baselines <file> [--accounts <file>] [--answers <file>]`: scores the evidence,
 * finds the baseline that holds each account and prints every breach. A guardrail for CI or a schedule.
 */
export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check evidence against baselines; exit 0 none, 1 failing, 3 only unknown breaches, 2 usage',
  usage:
    'check --evidence <dir> --baselines <file> [--accounts <file>] [--answers <file>] [--model <file>] [--format text|json] [--now <iso>] [--max-age-days <n>]\n\n' +
    '  --evidence <dir>      One account folder, or a folder of account folders (the offline import layout)\n' +
    '  --baselines <file>    JSON or YAML baselines (docs/baselines.md); the latest version of each id is in force\n' +
    '  --accounts <file>     CSV, JSON or YAML account details: names, owners, environments, tags, targets\n' +
    '  --answers <file>      Attestations, waivers and params, as for score\n' +
    '  --model <file>        A custom model; default: the built-in Ratchet model\n' +
    '  --format text|json    text (default) or JSON\n' +
    '  --now <iso>           Check as of this time (default: now)\n' +
    '  --max-age-days <n>    Evidence older than this is unknown (stale); default 30\n\n' +
    'Exit codes: 0 no breach (waived breaches are printed but pass), 1 at least one failing breach,\n' +
    '3 only unknown breaches (resolve them; nothing is hidden), 2 a usage error or an unreadable or invalid file.',
  inputErrors,
  inputExitCode: checkExitCodes.usage,
  run: (args, io) => runCheck(parseCheckArgs(args), io),
}
