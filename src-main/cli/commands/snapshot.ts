import { readFile, stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { type Account, accountSchema } from '../../../shared/domain/types'
import { isAppError } from '../../../shared/errors'
import type { EvidenceBundle } from '../../../shared/evidence/schema'
import { type AnswersFile, parseAnswers } from '../../../shared/model/answers'
import { defaultModel } from '../../../shared/model/default-model'
import { trustedAdvisorCheckIds } from '../../../shared/model/describe'
import { type MaturityModel, parseModel } from '../../../shared/model/schema'
import { validateParamOverrides } from '../../../shared/scoring/params'
import { buildSnapshot } from '../../../shared/snapshot/build'
import { quarterLabel, snapshotLabelSchema } from '../../../shared/snapshot/schema'
import { readEvidenceFolder } from '../../collect/offline'
import { defaultFaultToleranceCheckIds } from '../../collect/trusted-advisor'
import { writeFileAtomic } from '../../export/write'
import { type CliCommand, type CliIo, parseCommandArgs, UsageError } from '../command'
import { parseAccountsFile } from './accounts-file'

/** A user-facing failure: printed as is, exit code 1, nothing written. */
class SnapshotInputError extends Error {}

const usage = `snapshot --evidence <dir> --out <file> [--answers <file>] [--accounts <file>] [--model <file>]
         [--at <time>] [--label <text>] [--notes <text>] [--max-age-days <n>]

  --evidence <dir>    One account folder, or a folder of account folders (the offline import layout)
  --out <file>        The snapshot file to write (JSON), which compare, export and the app read
  --answers <file>    JSON or YAML: { attestations: [...], waivers: [...], params: { name: value } }
  --accounts <file>   CSV or JSON: id, name, email, owner, environment, criticality, tags ("a;b") and
                      targets ("iam=3;network=2"); accounts with evidence but not listed keep their alias
  --model <file>      A custom model (JSON or YAML); default: the built-in Ratchet model
  --at <time>         Freeze as of this time (ISO, default now): evidence and answers recorded after it
                      are left out, expiries and evidence age are judged against it
  --label <text>      Default: the calendar quarter of --at, e.g. 2026-Q4
  --notes <text>      A note kept with the snapshot
  --max-age-days <n>  Evidence older than this is unknown (stale); default 30

The same snapshot builder as the app's Snapshots area freezes the state, so the CLI and the app agree.`

async function readText(path: string, io: CliIo): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new SnapshotInputError(
      code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? String(error)})`,
    )
  }
}

function parseSnapshotArgs(args: string[]) {
  const { values } = parseCommandArgs(args, {
    evidence: { type: 'string' },
    out: { type: 'string' },
    answers: { type: 'string' },
    accounts: { type: 'string' },
    model: { type: 'string' },
    at: { type: 'string' },
    label: { type: 'string' },
    notes: { type: 'string' },
    'max-age-days': { type: 'string' },
  })
  if (values.evidence === undefined) throw new UsageError('snapshot needs --evidence <dir>.')
  if (values.out === undefined) throw new UsageError('snapshot needs --out <file>.')
  const at = values.at === undefined ? new Date() : new Date(values.at)
  if (Number.isNaN(at.getTime())) throw new UsageError(`--at must be an ISO time, not "${values.at}".`)
  const label = values.label === undefined ? quarterLabel(at) : values.label
  const checked = snapshotLabelSchema.safeParse(label)
  if (!checked.success) throw new UsageError(`--label: ${checked.error.issues[0]?.message}.`)
  const maxAge = values['max-age-days'] === undefined ? undefined : Number(values['max-age-days'])
  if (maxAge !== undefined && !(Number.isFinite(maxAge) && maxAge > 0))
    throw new UsageError(`--max-age-days must be a positive number, not "${values['max-age-days']}".`)
  return { values, evidence: values.evidence, out: values.out, at, label: checked.data, maxAge }
}

/** The accounts to freeze: the file's, plus any account with evidence but not listed (named by its alias). */
function accountsFor(listed: Account[], bundles: EvidenceBundle[]): Account[] {
  const known = new Set(listed.map((a) => a.id))
  const extra = bundles
    .filter((b) => !known.has(b.accountId))
    .map((b) =>
      accountSchema.parse({
        id: b.accountId,
        name: b.identity.records?.aliases[0] ?? b.accountId,
        origin: 'import',
      }),
    )
  return [...listed, ...extra]
}

async function freeze(parsed: ReturnType<typeof parseSnapshotArgs>, io: CliIo): Promise<number> {
  const flags = parsed.values
  let model: MaturityModel = defaultModel
  if (flags.model !== undefined) model = parseModel(await readText(flags.model, io), flags.model)
  let answers: AnswersFile = { attestations: [], waivers: [], params: {} }
  if (flags.answers !== undefined) answers = parseAnswers(await readText(flags.answers, io), flags.answers)
  const paramProblems = validateParamOverrides(model, answers.params)
  if (paramProblems.length > 0)
    throw new SnapshotInputError(`Invalid params in the answers file: ${paramProblems.join('; ')}`)
  const listed =
    flags.accounts === undefined ? [] : parseAccountsFile(await readText(flags.accounts, io), flags.accounts)
  // Keep every Trusted Advisor check the model reads, not only the security pillar's (as `score` does).
  const bundles = await readEvidenceFolder(resolve(io.cwd, parsed.evidence), {
    faultToleranceCheckIds: [
      ...new Set([...defaultFaultToleranceCheckIds, ...trustedAdvisorCheckIds(model)]),
    ],
  })
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
    accounts: accountsFor(listed, bundles),
    evidence: bundles,
    attestations: answers.attestations,
    waivers: answers.waivers,
    params: answers.params,
    ...(parsed.maxAge === undefined ? {} : { maxEvidenceAgeDays: parsed.maxAge }),
  })
  const target = resolve(io.cwd, parsed.out)
  if ((await stat(target).catch(() => undefined))?.isDirectory()) {
    throw new SnapshotInputError(`--out ${parsed.out} is a folder; give the snapshot file's name.`)
  }
  if (!(await stat(dirname(target)).catch(() => undefined))?.isDirectory()) {
    throw new SnapshotInputError(`--out: the folder ${dirname(target)} does not exist.`)
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
  async run(args, io) {
    let parsed: ReturnType<typeof parseSnapshotArgs>
    try {
      parsed = parseSnapshotArgs(args)
    } catch (error) {
      if (!(error instanceof UsageError)) throw error
      io.err(`${error.message}\n\nUsage: npm run cli -- ${usage}\n`)
      return 2
    }
    try {
      return await freeze(parsed, io)
    } catch (error) {
      const hint = isAppError(error) && error.hint ? `\n${error.hint}` : ''
      io.err(`${error instanceof Error ? error.message : String(error)}${hint}\n`)
      return 1
    }
  },
}
