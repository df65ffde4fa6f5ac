import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { defaultRegions } from '../../../shared/aws/regions'
import type { CollectStart, CollectSummary } from '../../../shared/ipc/domains/collect'
import { collectStartSchema } from '../../../shared/ipc/domains/collect'
import { createAwsService } from '../../aws/aws-service'
import { clientConfigFor } from '../../aws/client-config'
import { targetResolver } from '../../collect/handlers'
import { mergeIntoEvidenceFolder, recordFailedAttempt } from '../../collect/offline-merge'
import { createCollectService, tuningFromEnv } from '../../collect/service'
import {
  type CliCommand,
  type CliIo,
  commaList,
  parseCommandArgs,
  requiredOption,
  UsageError,
  valueOptions,
} from '../command'

const usage = `collect --profile <name> | --sso-session <name> --out <dir>
         [--accounts <id,id,…>] [--regions <region,region,…>] [--max-report-age-hours <n>]
         [--ta-organization <management-account-id>]

  --profile       collect one account with this profile's credentials
  --sso-session   collect every account the signed-in SSO session reaches (sign in first: aws sso login)
  --accounts      only these accounts (comma-separated ids)
  --regions       Access Analyzer Regions (default: the ${defaultRegions.length} Regions enabled by default)
  --max-report-age-hours  reuse a credential report younger than this (default 4)
  --ta-organization  read Trusted Advisor for every account through this management account's
                  organization APIs (needs Trusted Advisor Priority; falls back to each account)
  --out           the folder to write: one sub-folder per account in the AWS CLI layout Ratchet imports,
                  plus collect-summary.json

Exits 0 when every account was collected, 1 when any account failed or was partly collected.`

const finishedStates = new Set(['done', 'partial', 'failed'])

/** The summary as a fixed-width table: one row per account, one column per source. */
export function summaryTable(summary: CollectSummary): string {
  const rows = [
    ['account', 'name', 'result', 'identity', 'cred. report', 'trusted advisor', 'access analyzer', 'calls'],
    ...summary.accounts.map((a) => [
      a.accountId ?? a.targetKey,
      a.label,
      a.state,
      a.sources.identity.state,
      a.sources.credentialReport.state,
      a.sources.trustedAdvisor.state,
      a.sources.accessAnalyzer.state,
      String(a.calls),
    ]),
  ]
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? []
  const lines = rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  )
  const t = summary.totals
  const problems = summary.accounts.flatMap((a) =>
    Object.entries(a.sources)
      .filter(([, s]) => s.detail && (s.state === 'error' || s.state === 'unavailable'))
      .map(([source, s]) => `  ${a.accountId ?? a.targetKey} ${source}: ${s.detail}`),
  )
  return [
    ...lines,
    '',
    `${t.accounts} account${t.accounts === 1 ? '' : 's'}: ${t.ok} ok, ${t.partial} partial, ${t.failed} failed, ${t.cancelled} cancelled`,
    ...(problems.length > 0 ? ['', 'Not collected:', ...problems] : []),
    '',
  ].join('\n')
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values: flags } = parseCommandArgs(
    args,
    valueOptions(
      'profile',
      'sso-session',
      'accounts',
      'regions',
      'out',
      'max-report-age-hours',
      'ta-organization',
    ),
  )
  const out = requiredOption('out', flags.out)
  const maxAge = flags['max-report-age-hours']
  const parsed = collectStartSchema.safeParse({
    profile: flags.profile,
    ssoSession: flags['sso-session'],
    accountIds: commaList(flags.accounts),
    regions: commaList(flags.regions),
    credentialReportMaxAgeHours: maxAge === undefined ? undefined : Number(maxAge),
    trustedAdvisorOrganizationAccountId: flags['ta-organization'],
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path[0]
    const flag = {
      accountIds: 'accounts',
      regions: 'regions',
      credentialReportMaxAgeHours: 'max-report-age-hours',
    }
    throw new UsageError(
      typeof field === 'string' && field in flag
        ? `--${flag[field as keyof typeof flag]}: ${issue?.message ?? 'invalid'}`
        : 'Give either --profile or --sso-session (one of them).',
    )
  }
  const request: CollectStart = parsed.data
  const dir = resolve(io.cwd, out)
  await mkdir(dir, { recursive: true })

  const aws = createAwsService({ env: io.env, emitLoginProgress: () => {}, openExternal: async () => {} })
  const writes: Array<Promise<unknown>> = []
  const service = createCollectService({
    resolveTargets: targetResolver(aws),
    credentialsFor: (target) => aws.credentials.forTarget(target),
    clientConfig: (service) => clientConfigFor(service, io.env),
    onProgress: (p) => {
      if (p.source === 'account' && finishedStates.has(p.state)) {
        io.err(`${p.accountId ?? p.targetKey} ${p.label}: ${p.state} (${p.counts.calls} calls)\n`)
      }
    },
    // Each account's folder is written as soon as it is complete, so an interrupted run keeps it. An
    // earlier collection's evidence stays byte for byte for every source this one did not read.
    onBundle: (_jobId, bundle) => {
      writes.push(mergeIntoEvidenceFolder(dir, bundle))
    },
    onSummary: () => {},
    onCrash: () => {},
    tuning: tuningFromEnv(io.env),
  })
  const { jobId, accountCount } = await service.start(request)
  io.err(`Collecting ${accountCount} account${accountCount === 1 ? '' : 's'} into ${dir}\n`)
  const summary = await service.finished(jobId)
  await Promise.all(writes)
  for (const a of summary.accounts) {
    if (a.accountId && (a.state === 'failed' || a.state === 'cancelled') && a.detail)
      await recordFailedAttempt(dir, a.accountId, summary.finishedAt, a.detail)
  }
  await writeFile(join(dir, 'collect-summary.json'), `${JSON.stringify(summary, null, 2)}\n`)
  io.out(summaryTable(summary))
  return summary.totals.ok === summary.totals.accounts ? 0 : 1
}

export const collectCommand: CliCommand = {
  name: 'collect',
  summary: 'Collect the evidence of AWS accounts into a folder (the offline layout Ratchet imports)',
  usage,
  run,
}
