import { copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { z } from 'zod'
import { describeZodError } from '../../shared/errors'
import {
  type EvidenceBundle,
  evidenceBundleSchema,
  type RawPayload,
  type SourceId,
  sourceIds,
} from '../../shared/evidence/schema'
import {
  analyzerFilePattern,
  findingsFilePattern,
  type MetaFile,
  offlineFiles,
  safeFileName,
} from './offline-files'

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

const payloadsOf = (raw: RawPayload[], operation: string) =>
  raw.filter((p) => p.operation === operation).map((p) => p.payload as Record<string, unknown>)

/**
 * Thrown when evidence cannot be rendered as files: names the account, the file and the field, and what to
 * do. It is thrown while rendering, before any file is written, so nothing is half-written.
 */
export class EvidenceRenderError extends Error {
  constructor(accountId: string, file: string, field: string, problem: string) {
    super(
      `account ${accountId}: ${file}: field ${field}: ${problem}. Nothing was written; collect the account again to replace this evidence.`,
    )
    this.name = 'EvidenceRenderError'
  }
}

/**
 * Concatenates the list field of several pages into one CLI-shaped document. A page whose field is not a
 * list (a summary kept instead of the payload, as the demo's bundles hold) is skipped: the file then holds
 * what the pages do list, and the records themselves stay in the bundle.
 */
function mergePages(
  pages: Array<Record<string, unknown>>,
  field: string,
  key?: string,
): Record<string, unknown> {
  const items: unknown[] = []
  const seen = new Set<unknown>()
  for (const page of pages) {
    const list = page?.[field]
    if (!Array.isArray(list)) continue
    for (const item of list) {
      const id =
        key && item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined
      if (id !== undefined && seen.has(id)) continue
      if (id !== undefined) seen.add(id)
      items.push(item)
    }
  }
  return { [field]: items }
}

/** The meta file of a bundle: statuses a missing file cannot carry, and when each source was collected. */
function metaOf(bundle: EvidenceBundle): MetaFile {
  const { credentialReport: cr, accessAnalyzer: aa } = bundle
  const regions = aa.records?.regions ?? []
  return {
    schemaVersion: 1,
    accountId: bundle.accountId,
    collectedAt: bundle.collectedAt,
    ...(cr.records ? { credentialReportGeneratedAt: cr.records.generatedAt } : {}),
    ...(cr.records?.gaps ? { credentialReportGaps: cr.records.gaps } : {}),
    sources: {
      identity: bundle.identity.status,
      credentialReport: cr.status,
      trustedAdvisor: bundle.trustedAdvisor.status,
      accessAnalyzer: aa.status,
    },
    accessAnalyzerRegions: Object.fromEntries(regions.map((r) => [r.region, r.status])),
    sourcesCollectedAt: Object.fromEntries(sourceIds.map((s) => [s, bundle[s].collectedAt])),
    accessAnalyzerRegionsCollectedAt: Object.fromEntries(regions.map((r) => [r.region, r.collectedAt])),
  }
}

/** The Access Analyzer files of one account: per Region read, its analyzers and each analyzer's findings. */
function accessAnalyzerFiles(bundle: EvidenceBundle, files: Map<string, string>): void {
  const aa = bundle.accessAnalyzer
  for (const region of aa.records?.regions ?? []) {
    const isRead =
      region.status.state === 'ok' ||
      (region.status.state === 'unavailable' && region.status.reason === 'no-analyzer')
    if (!isRead) continue // the meta file carries its status
    const inRegion = aa.raw.filter((p) => p.region === region.region)
    const regionName = safeFileName(region.region)
    files.set(
      `accessanalyzer-list-analyzers.${regionName}.json`,
      json(mergePages(payloadsOf(inRegion, 'ListAnalyzers'), 'analyzers', 'arn')),
    )
    for (const analyzer of region.analyzers) {
      const mine = inRegion.filter((p) => p.request?.analyzerArn === analyzer.arn)
      for (const [operation, name] of [
        ['ListFindings', 'accessanalyzer-list-findings'],
        ['ListFindingsV2', 'accessanalyzer-list-findings-v2'],
      ] as const) {
        const pages = payloadsOf(mine, operation)
        if (pages.length > 0) {
          files.set(
            `${name}.${regionName}.${safeFileName(analyzer.name)}.json`,
            json(mergePages(pages, 'findings', 'id')),
          )
        }
      }
    }
  }
}

/** The files of one account's folder, by name. Every name is one path step (no separator, never `..`). */
export function accountFiles(bundle: EvidenceBundle): Map<string, string> {
  const files = new Map<string, string>()
  const { identity, credentialReport: cr, trustedAdvisor: ta } = bundle

  if (identity.records) {
    const caller = payloadsOf(identity.raw, 'GetCallerIdentity')[0] ?? {
      Account: identity.records.accountId,
      Arn: identity.records.arn,
      UserId: identity.records.userId,
    }
    files.set(offlineFiles.identity, json(caller))
    files.set(offlineFiles.aliases, json({ AccountAliases: identity.records.aliases }))
  }

  if (cr.records) {
    const report = payloadsOf(cr.raw, 'GetCredentialReport')[0]
    if (typeof report?.Content === 'string') files.set(offlineFiles.credentialReportCsv, report.Content)
    else if (report?.Content !== undefined) {
      throw new EvidenceRenderError(
        bundle.accountId,
        offlineFiles.credentialReportCsv,
        'credentialReport.raw.GetCredentialReport.Content',
        'is not text',
      )
    }
    const policy = payloadsOf(cr.raw, 'GetAccountPasswordPolicy')[0]
    // What the AWS CLI leaves: the policy, or an empty file and, when there is no policy, its NoSuchEntity
    // error output (an empty file alone means the outcome is unknown). A part that could not be read has no
    // file at all, and the meta file says why.
    const gaps = cr.records.gaps ?? {}
    if (!gaps.passwordPolicy) {
      files.set(offlineFiles.passwordPolicy, policy && 'PasswordPolicy' in policy ? json(policy) : '')
      if (cr.records.passwordPolicy === null)
        files.set(
          offlineFiles.passwordPolicyError,
          '\nAn error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: The account has no password policy.\n',
        )
    }
    if (!gaps.accountSummary)
      files.set(offlineFiles.accountSummary, json({ SummaryMap: cr.records.accountSummary }))
  }

  if (ta.records) {
    files.set(
      offlineFiles.recommendations,
      json(mergePages(payloadsOf(ta.raw, 'ListRecommendations'), 'recommendationSummaries', 'arn')),
    )
    files.set(
      offlineFiles.recommendationResources,
      json(
        mergePages(
          payloadsOf(ta.raw, 'ListRecommendationResources'),
          'recommendationResourceSummaries',
          'arn',
        ),
      ),
    )
  }

  const aa = bundle.accessAnalyzer
  if (aa.records) {
    const scope = aa.records.regionsInScope ?? aa.records.regions.map((r) => r.region)
    files.set(offlineFiles.accessAnalyzerRegions, `${scope.join('\n')}\n`)
  }
  accessAnalyzerFiles(bundle, files)
  files.set(offlineFiles.meta, json(metaOf(bundle)))
  return files
}

/** The path of `name` inside `dir`, refusing anything that would land outside it. */
export function insideFolder(dir: string, ...names: string[]): string {
  const root = resolve(dir)
  const path = resolve(root, ...names)
  const rel = relative(root, path)
  if (rel === '' || rel.startsWith('..') || resolve(root, rel) !== path || rel.includes('\0')) {
    throw new Error(`${names.join('/')} would be written outside ${root}`)
  }
  return path
}

/** Which source (and Access Analyzer Region) a file of the layout holds; undefined for other files. */
export function fileSource(name: string): { source: SourceId | 'meta'; region?: string } | undefined {
  const bySource: Record<string, SourceId | 'meta'> = {
    [offlineFiles.identity]: 'identity',
    [offlineFiles.aliases]: 'identity',
    [offlineFiles.credentialReportCsv]: 'credentialReport',
    [offlineFiles.credentialReportJson]: 'credentialReport',
    [offlineFiles.passwordPolicy]: 'credentialReport',
    [offlineFiles.accountSummary]: 'credentialReport',
    [offlineFiles.recommendations]: 'trustedAdvisor',
    [offlineFiles.recommendationResources]: 'trustedAdvisor',
    [offlineFiles.meta]: 'meta',
  }
  const source = bySource[name]
  if (source) return { source }
  const region = analyzerFilePattern.exec(name)?.[1] ?? findingsFilePattern.exec(name)?.[2]
  if (analyzerFilePattern.test(name) || findingsFilePattern.test(name)) {
    return { source: 'accessAnalyzer', ...(region ? { region } : {}) }
  }
  return undefined
}

/**
 * Writes one account's folder: the files are written beside the final place and renamed into it, so a
 * failure never leaves a half-written folder. `keep(name)` names files to copy byte for byte from the
 * existing folder instead of writing them (evidence an attempt did not replace).
 */
export async function writeAccountFolder(
  dir: string,
  accountId: string,
  files: Map<string, string>,
  keep: { from: string; names: string[] } = { from: dir, names: [] },
): Promise<number> {
  const target = insideFolder(dir, accountId)
  const staging = insideFolder(dir, `.${accountId}.partial`)
  await rm(staging, { recursive: true, force: true })
  await mkdir(staging)
  for (const name of keep.names) await copyFile(join(keep.from, name), insideFolder(staging, name))
  for (const [name, content] of files) await writeFile(insideFolder(staging, name), content)
  const previous = insideFolder(dir, `.${accountId}.previous`)
  await rm(previous, { recursive: true, force: true })
  const hasTarget = await readdir(target).then(
    () => true,
    () => false,
  )
  if (hasTarget) await rename(target, previous)
  await rename(staging, target)
  await rm(previous, { recursive: true, force: true })
  return files.size + keep.names.length
}

/**
 * Writes bundles in the offline layout, one folder per account (the same layout the import reads).
 * Everything is validated and rendered first; each account folder is written beside its final place and
 * renamed into it. Every name comes from validated ids or is sanitized, and every path is checked to stay
 * inside `dir`.
 */
export async function writeEvidenceFolder(
  dir: string,
  bundles: EvidenceBundle[],
): Promise<{ accountCount: number; fileCount: number }> {
  const parsed = z.array(evidenceBundleSchema).safeParse(bundles)
  if (!parsed.success) throw new Error(`The evidence to export is invalid: ${describeZodError(parsed.error)}`)
  const rendered = parsed.data.map((bundle) => ({ accountId: bundle.accountId, files: accountFiles(bundle) }))
  await mkdir(dir, { recursive: true })
  let fileCount = 0
  for (const { accountId, files } of rendered) fileCount += await writeAccountFolder(dir, accountId, files)
  return { accountCount: rendered.length, fileCount }
}
