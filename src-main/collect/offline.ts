import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { describeZodError } from '../../shared/errors'
import {
  checkIdFromArn,
  EVIDENCE_SCHEMA_VERSION,
  type EvidenceBundle,
  evidenceBundleSchema,
  type RawPayload,
  type SourceStatus,
  sourceIds,
  type TaCheck,
} from '../../shared/evidence/schema'
import { toPasswordPolicy } from './credential-report'
import { CredentialReportParseError, parseCredentialReportCsv } from './credential-report-csv'
import { readAccessAnalyzer } from './offline-access-analyzer'
import { asSdkError, type CliError, cliErrorOf, cliErrorStatus } from './offline-errors'
import {
  accountSummaryFile,
  aliasesFile,
  analyzerFilePattern,
  callerIdentityFile,
  credentialReportJsonFile,
  FileProblem,
  findingsFilePattern,
  type MetaFile,
  metaFile,
  OfflineImportError,
  offlineFiles,
  parseJsonDocuments,
  passwordPolicyFile,
  recommendationResourcesFile,
  recommendationsFile,
  validateDocument,
} from './offline-files'
import { defaultFaultToleranceCheckIds, isSupportLevelDenial, toResource } from './trusted-advisor'

export { OfflineImportError } from './offline-files'
export { writeEvidenceFolder } from './offline-write'

const knownOutput = (name: string) =>
  Object.values(offlineFiles).includes(name as never) ||
  analyzerFilePattern.test(name) ||
  findingsFilePattern.test(name)
/** An output file, or the AWS CLI's error output saved beside one (`<call>.err`). */
const knownFile = (name: string) =>
  knownOutput(name) || (name.endsWith('.err') && knownOutput(name.replace(/\.err$/, '.json')))

/**
 * Reads an offline evidence folder: one sub-folder per account holding AWS CLI outputs (or `dir` itself when
 * it is one account's folder). Every file is validated before anything is returned, so a malformed file
 * rejects the whole import with an error naming the file and the line or field: nothing is half-imported.
 */
export async function readEvidenceFolder(
  dir: string,
  options: { faultToleranceCheckIds?: string[] } = {},
): Promise<EvidenceBundle[]> {
  let entries: FolderEntry[]
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (error) {
    throw new OfflineImportError([
      `${dir} cannot be read (${error instanceof Error ? error.message : error})`,
    ])
  }
  return readEvidenceEntries(dir, entries, options)
}

/** One entry of a folder's listing (a `Dirent`, or as much of one as the reader needs). */
export interface FolderEntry {
  name: string
  isDirectory(): boolean
}

/**
 * `readEvidenceFolder` for a folder already listed: a caller that needs the listing itself (the merge into an
 * existing account folder) reads the folder once and passes what it read.
 */
export async function readEvidenceEntries(
  dir: string,
  entries: readonly FolderEntry[],
  options: { faultToleranceCheckIds?: string[] } = {},
): Promise<EvidenceBundle[]> {
  const isAccountFolder = entries.some((e) => !e.isDirectory() && knownFile(e.name))
  const folders = isAccountFolder
    ? [{ path: dir, label: '.', names: entries.map((e) => e.name) }]
    : entries
        .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
        .map((e) => ({ path: join(dir, e.name), label: e.name, names: undefined }))
  if (folders.length === 0) throw new OfflineImportError([`${dir} holds no account folders`])

  const problems: string[] = []
  const bundles: EvidenceBundle[] = []
  const seen = new Map<string, string>()
  for (const folder of folders.sort((a, b) => a.label.localeCompare(b.label))) {
    try {
      const names = folder.names ?? (await readdir(folder.path))
      const bundle = await readAccountFolder(folder.path, folder.label, names, options)
      const other = seen.get(bundle.accountId)
      if (other) throw new FileProblem(`${folder.label}: account ${bundle.accountId} is also in ${other}`)
      seen.set(bundle.accountId, folder.label)
      bundles.push(bundle)
    } catch (error) {
      if (!(error instanceof FileProblem)) throw error
      problems.push(error.message)
    }
  }
  if (problems.length > 0) throw new OfflineImportError(problems)
  return bundles
}

const notCollected = (file: string): SourceStatus => ({
  state: 'unavailable',
  reason: 'not-in-scope',
  message: `${file} is not in the folder`,
})

async function readAccountFolder(
  folder: string,
  label: string,
  names: readonly string[],
  options: { faultToleranceCheckIds?: string[] },
): Promise<EvidenceBundle> {
  const files = new Map<string, string>()
  let newest = 0
  for (const name of names.filter(knownFile).sort()) {
    const text = await readFile(join(folder, name), 'utf8')
    newest = Math.max(newest, (await stat(join(folder, name))).mtimeMs)
    files.set(name, text)
  }
  if (files.size === 0) throw new FileProblem(`${label}: the folder holds none of the evidence files`)
  const where = (name: string) => (label === '.' ? name : `${label}/${name}`)
  const docs = (name: string): unknown[] | undefined => {
    const text = files.get(name)
    return text === undefined || text.trim() === '' ? undefined : parseJsonDocuments(text, where(name))
  }
  const one = <T>(name: string, parse: (value: unknown, file: string) => T): T | undefined => {
    const list = docs(name)
    if (!list) return undefined
    if (list.length !== 1)
      throw new FileProblem(`${where(name)}: expected one JSON document, found ${list.length}`)
    return parse(list[0], where(name))
  }

  const meta = one(offlineFiles.meta, (v, f) => validateDocument(metaFile, v, f))
  const collectedAt = meta?.collectedAt ?? new Date(newest).toISOString()
  const at = (source: keyof MetaFile['sources']) => meta?.sourcesCollectedAt?.[source] ?? collectedAt
  const missing: Missing = (source, file, errorsFrom = [file]) => {
    const recorded = meta?.sources[source]
    if (recorded && recorded.state !== 'ok') return recorded
    const error = errorsFrom.map((name) => cliErrorOf(files, name)).find(Boolean)
    return error ? offlineErrorStatus(source, error) : notCollected(file)
  }

  // identity
  const caller = one(offlineFiles.identity, (v, f) => validateDocument(callerIdentityFile, v, f))
  const accountId = caller?.Account ?? meta?.accountId ?? (/^\d{12}$/.test(label) ? label : undefined)
  if (!accountId) {
    throw new FileProblem(
      `${where(offlineFiles.identity)}: missing, and the folder name is not an account id`,
    )
  }
  if (caller && /^\d{12}$/.test(label) && caller.Account !== label) {
    throw new FileProblem(
      `${where(offlineFiles.identity)}: field Account: ${caller.Account} is not the folder's ${label}`,
    )
  }
  const aliases = one(offlineFiles.aliases, (v, f) => validateDocument(aliasesFile, v, f))
  const identity: EvidenceBundle['identity'] = caller
    ? {
        status: { state: 'ok' },
        collectedAt: at('identity'),
        raw: [
          { operation: 'GetCallerIdentity', payload: caller },
          ...(aliases ? [{ operation: 'ListAccountAliases', payload: aliases }] : []),
        ],
        records: {
          accountId,
          arn: caller.Arn,
          userId: caller.UserId,
          aliases: aliases?.AccountAliases ?? [],
        },
      }
    : {
        status: missing('identity', offlineFiles.identity),
        collectedAt: at('identity'),
        raw: [],
        records: null,
      }

  const bundle = {
    schemaVersion: EVIDENCE_SCHEMA_VERSION,
    accountId,
    collectedAt,
    identity,
    credentialReport: readCredentialReport(files, where, one, meta, at('credentialReport'), missing),
    trustedAdvisor: readTrustedAdvisor(docs, where, at('trustedAdvisor'), missing, {
      ...options,
      resourcesError: cliErrorOf(files, offlineFiles.recommendationResources),
    }),
    accessAnalyzer: readAccessAnalyzer(files, docs, where, at('accessAnalyzer'), meta, missing),
  }
  // Without Ratchet's meta file the only collection time is the files' modification time, which a copy
  // changes: say so. The evidence's own dates (GeneratedTime, lastUpdatedAt, last analysis) still date it.
  if (!meta) {
    for (const source of sourceIds) {
      if (bundle[source].collectedAt === collectedAt) Object.assign(bundle[source], { isFileTime: true })
    }
  }
  const parsed = evidenceBundleSchema.safeParse(bundle)
  if (!parsed.success)
    throw new FileProblem(`${label}: the evidence is invalid: ${describeZodError(parsed.error)}`)
  return parsed.data
}

type One = <T>(name: string, parse: (value: unknown, file: string) => T) => T | undefined
/** Why a source's file is missing or empty: the meta file's status, the call's saved error, or not collected. */
type Missing = (source: keyof MetaFile['sources'], file: string, errorsFrom?: string[]) => SourceStatus

/** A saved CLI error as a source status; Trusted Advisor's support-level denial is "not subscribed". */
function offlineErrorStatus(source: keyof MetaFile['sources'], error: CliError): SourceStatus {
  if (source === 'trustedAdvisor' && isSupportLevelDenial(asSdkError(error)))
    return { state: 'unavailable', reason: 'not-subscribed', message: error.message }
  return cliErrorStatus(error)
}

function readCredentialReport(
  files: Map<string, string>,
  where: (name: string) => string,
  one: One,
  meta: MetaFile | undefined,
  collectedAt: string,
  missing: Missing,
): EvidenceBundle['credentialReport'] {
  const json = one(offlineFiles.credentialReportJson, (v, f) =>
    validateDocument(credentialReportJsonFile, v, f),
  )
  const csvText = files.get(offlineFiles.credentialReportCsv)
  const csvFile = csvText?.trim() ? offlineFiles.credentialReportCsv : offlineFiles.credentialReportJson
  const csv = csvText?.trim()
    ? csvText
    : json
      ? Buffer.from(json.Content, 'base64').toString('utf8')
      : undefined
  if (csv === undefined) {
    return {
      status: missing('credentialReport', offlineFiles.credentialReportCsv, [
        offlineFiles.credentialReportJson,
        offlineFiles.credentialReportGenerateError.replace(/\.err$/, '.json'),
      ]),
      collectedAt,
      raw: [],
      records: null,
    }
  }
  let parsed: ReturnType<typeof parseCredentialReportCsv>
  try {
    parsed = parseCredentialReportCsv(csv)
  } catch (error) {
    if (error instanceof CredentialReportParseError)
      throw new FileProblem(`${where(csvFile)}: ${error.message}`)
    throw error
  }
  const generatedAt = new Date(
    json?.GeneratedTime ?? meta?.credentialReportGeneratedAt ?? collectedAt,
  ).toISOString()
  const policy = one(offlineFiles.passwordPolicy, (v, f) => validateDocument(passwordPolicyFile, v, f))
  // A missing or 0-byte policy file is what the AWS CLI leaves whenever the call fails: only its saved error
  // tells "no policy" (NoSuchEntity) from "not allowed to read it" (AccessDenied); without one it is unknown.
  const policyError = policy ? undefined : cliErrorOf(files, offlineFiles.passwordPolicy)
  const hasNoPolicy = policyError?.code === 'NoSuchEntity'
  const summary = one(offlineFiles.accountSummary, (v, f) => validateDocument(accountSummaryFile, v, f))
  const summaryError = summary ? undefined : cliErrorOf(files, offlineFiles.accountSummary)
  const gaps = {
    ...(policyError && !hasNoPolicy ? { passwordPolicy: cliErrorStatus(policyError) } : {}),
    ...(summaryError ? { accountSummary: cliErrorStatus(summaryError) } : {}),
    // The meta file, when there is one, says which parts could not be read.
    ...meta?.credentialReportGaps,
  }
  const raw: RawPayload[] = [
    {
      operation: 'GetCredentialReport',
      payload: { Content: csv, ReportFormat: 'text/csv', GeneratedTime: generatedAt },
    },
  ]
  if (policy) raw.push({ operation: 'GetAccountPasswordPolicy', payload: policy })
  else if (hasNoPolicy) {
    raw.push({
      operation: 'GetAccountPasswordPolicy',
      payload: { error: { code: 'NoSuchEntity', message: '' } },
    })
  }
  if (summary) raw.push({ operation: 'GetAccountSummary', payload: summary })
  return {
    status: { state: 'ok' },
    // Without Ratchet's meta file, the report's own GeneratedTime dates it: never a file's copy time.
    collectedAt: meta || !json ? collectedAt : generatedAt,
    raw,
    records: {
      generatedAt,
      users: parsed.users,
      columns: parsed.columns,
      ...(policy ? { passwordPolicy: toPasswordPolicy(policy.PasswordPolicy) } : {}),
      ...(hasNoPolicy ? { passwordPolicy: null } : {}),
      accountSummary: summary?.SummaryMap ?? {},
      // A part that could not be read is unknown, with why: never "no policy".
      ...(Object.keys(gaps).length > 0 ? { gaps } : {}),
    },
  }
}

function readTrustedAdvisor(
  docs: (name: string) => unknown[] | undefined,
  where: (name: string) => string,
  collectedAt: string,
  missing: Missing,
  options: { faultToleranceCheckIds?: string[]; resourcesError?: CliError | undefined },
): EvidenceBundle['trustedAdvisor'] {
  const recDocs = docs(offlineFiles.recommendations)
  if (!recDocs) {
    return {
      status: missing('trustedAdvisor', offlineFiles.recommendations),
      collectedAt,
      raw: [],
      records: null,
    }
  }
  const recFiles = recDocs.map((d) =>
    validateDocument(recommendationsFile, d, where(offlineFiles.recommendations)),
  )
  const resFiles = (docs(offlineFiles.recommendationResources) ?? []).map((d) =>
    validateDocument(recommendationResourcesFile, d, where(offlineFiles.recommendationResources)),
  )
  const wanted = new Set(options.faultToleranceCheckIds ?? defaultFaultToleranceCheckIds)
  const byArn = new Map<string, (typeof recFiles)[number]['recommendationSummaries'][number]>()
  for (const rec of recFiles.flatMap((f) => f.recommendationSummaries)) {
    if (!rec.checkArn) continue
    if (rec.pillars.includes('security') || wanted.has(checkIdFromArn(rec.checkArn))) byArn.set(rec.arn, rec)
  }
  const resources = resFiles.flatMap((f) => f.recommendationResourceSummaries)
  // A failed resource listing leaves the flagged checks' resources unknown (their counts still hold).
  const resourcesStatus = options.resourcesError ? cliErrorStatus(options.resourcesError) : undefined
  const isUnlisted = (rec: {
    arn: string
    resourcesAggregates: { warningCount: number; errorCount: number }
  }) =>
    resourcesStatus !== undefined &&
    rec.resourcesAggregates.warningCount + rec.resourcesAggregates.errorCount > 0 &&
    !resources.some((r) => r.recommendationArn === rec.arn)
  const checks: TaCheck[] = [...byArn.values()].map((rec) => ({
    checkId: checkIdFromArn(rec.checkArn ?? ''),
    checkArn: rec.checkArn ?? '',
    name: rec.name,
    recommendationArn: rec.arn,
    status: rec.status,
    pillars: rec.pillars,
    source: rec.source,
    counts: {
      ok: rec.resourcesAggregates.okCount,
      warning: rec.resourcesAggregates.warningCount,
      error: rec.resourcesAggregates.errorCount,
      excluded: rec.resourcesAggregates.excludedCount ?? 0,
    },
    resources: resources
      .filter((r) => r.recommendationArn === rec.arn && r.status !== 'ok')
      .map((r) => toResource(r)),
    ...(resourcesStatus && isUnlisted(rec) ? { resourcesStatus } : {}),
    lastUpdatedAt: rec.lastUpdatedAt ? new Date(rec.lastUpdatedAt).toISOString() : null,
  }))
  checks.sort((a, b) => a.checkId.localeCompare(b.checkId))
  return {
    status: { state: 'ok' },
    collectedAt,
    raw: [
      ...recFiles.map((payload) => ({ operation: 'ListRecommendations', payload })),
      ...resFiles.map((payload) => ({ operation: 'ListRecommendationResources', payload })),
    ],
    records: { checks, via: 'account' },
  }
}
