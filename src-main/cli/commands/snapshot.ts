import { dirname, resolve } from 'node:path'
import type { AccountDetails } from '../../../shared/accounts-file/parse'
import type { Account } from '../../../shared/domain/types'
import { buildSnapshot } from '../../../shared/snapshot/build'
import { quarterLabel, snapshotLabelSchema } from '../../../shared/snapshot/schema'
import { writeFileAtomic } from '../../export/write'
import { type CliCommand, type CliIo, parseCommandArgs, UsageError, valueOptions } from '../command'
import {
  accountsFor,
  CliInputError,
  inputErrors,
  isFolder,
  parseMaxAge,
  parseTimeOption,
  readAccountsFile,
  readScoringInputs,
} from '../score-inputs'

const usage = `snapshot --evidence <dir> --out <file> [--answers <file>] [--accounts <file>] [--model <file>]
         [--at <time>] [--label <text>] [--notes <text>] [--max-age-days <n>]

  --evidence <dir>    One account folder, or a folder of account folders (the offline import layout)
  --out <file>        The snapshot file to write (JSON), which compare, export and the app read
  --answers <file>    JSON or YAML: { attestations: [...], waivers: [...], params: { name: value } }
  --accounts <file>   CSV, JSON or YAML: id, name, email, owner, environment, criticality, tags ("a;b") and
                      targets ("iam=3;network=2"); an account the file does not name is named by its
                      evidence's alias, else its id (as in check and the app)
  --model <file>      A custom model (JSON or YAML); default: the built-in Ratchet model
  --at <time>         Freeze as of this time (ISO, default now): evidence and answers recorded after it
                      are left out, expiries and evidence age are judged against it
  --label <text>      Default: the calendar quarter of --at, e.g. 2026-Q4
  --notes <text>      A note kept with the snapshot
  --max-age-days <n>  Evidence older than this is unknown (stale); default 30

The same snapshot builder as the app's Snapshots area freezes the state, so the CLI and the app agree.`

function parseSnapshotArgs(args: string[]) {
  const { values } = parseCommandArgs(
    args,
    valueOptions('evidence', 'out', 'answers', 'accounts', 'model', 'at', 'label', 'notes', 'max-age-days'),
  )
  if (values.evidence === undefined) throw new UsageError('snapshot needs --evidence <dir>.')
  if (values.out === undefined) throw new UsageError('snapshot needs --out <file>.')
  const at = parseTimeOption('at', values.at)
  const label = values.label === undefined ? quarterLabel(at) : values.label
  const checked = snapshotLabelSchema.safeParse(label)
  if (!checked.success) throw new UsageError(`--label: ${checked.error.issues[0]?.message}.`)
  const maxAge = parseMaxAge(values['max-age-days'])
  return { values, evidence: values.evidence, out: values.out, at, label: checked.data, maxAge }
}

/**
 * The accounts to freeze, named as `check` and the app name them (`accountsFor`): the accounts file's first,
 * in its order, then those only evidence names.
 */
function fileOrderFirst(accounts: readonly Account[], details: readonly AccountDetails[]): Account[] {
  const position = new Map(details.map((d, i) => [d.id, i]))
  const rank = (a: Account) => position.get(a.id) ?? details.length
  return [...accounts].sort((a, b) => rank(a) - rank(b))
}

async function freeze(parsed: ReturnType<typeof parseSnapshotArgs>, io: CliIo): Promise<number> {
  const flags = parsed.values
  const { model, answers, bundles } = await readScoringInputs(
    { evidence: parsed.evidence, answers: flags.answers, model: flags.model },
    io,
  )
  const details = await readAccountsFile(flags.accounts, io)
  const late = bundles.filter((b) => Date.parse(b.collectedAt) > parsed.at.getTime())
  if (late.length > 0) {
    io.err(
      `Note: ${late.length} account(s) have evidence collected after --at (${late.map((b) => b.accountId).join(', ')}); it is left out, so their controls are unverified.\n`,
    )
  }
  const snapshot = buildSnapshot({
    label: parsed.label,
    ...(flags.notes !== undefined ? { notes: flags.notes } : {}),
    createdAt: parsed.at,
    model,
    accounts: fileOrderFirst(accountsFor(bundles, details), details),
    evidence: bundles,
    attestations: answers.attestations,
    waivers: answers.waivers,
    params: answers.params,
    ...(parsed.maxAge === undefined ? {} : { maxEvidenceAgeDays: parsed.maxAge }),
  })
  const target = resolve(io.cwd, parsed.out)
  if (await isFolder(parsed.out, io)) {
    throw new CliInputError(`--out ${parsed.out} is a folder; give the snapshot file's name.`)
  }
  if (!(await isFolder(dirname(target), io))) {
    throw new CliInputError(`--out: the folder ${dirname(target)} does not exist.`)
  }
  await writeFileAtomic(target, `${JSON.stringify(snapshot, null, 2)}\n`)
  const withEvidence = snapshot.evidence.length
  io.out(
    `Froze ${snapshot.label} as of ${snapshot.createdAt}: ${snapshot.accounts.length} account(s), ${withEvidence} with evidence, model ${model.id}. Wrote ${target}.\n`,
  )
  return 0
}

/**
 * `snapshot --evidence <dir> --out <file> …`: freezes a quarter from evidence folders, headless, with the
 * app's snapshot builder. Exit 0, 1 when an input cannot be read or is invalid (nothing is written), 2 for a
 * usage error.
 */
export const snapshotCommand: CliCommand = {
  name: 'snapshot',
  summary: 'Freeze a quarter from evidence folders into a snapshot file (for compare and export)',
  usage,
  inputErrors,
  run: async (args, io) => freeze(parseSnapshotArgs(args), io),
}
