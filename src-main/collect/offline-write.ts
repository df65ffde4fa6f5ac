import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { describeZodError } from '../../shared/errors'
import { type EvidenceBundle, evidenceBundleSchema, type RawPayload } from '../../shared/evidence/schema'
import { type MetaFile, offlineFiles } from './offline-files'

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

const payloadsOf = (raw: RawPayload[], operation: string) =>
  raw.filter((p) => p.operation === operation).map((p) => p.payload as Record<string, unknown>)

/** Concatenates the list field of several pages into one CLI-shaped document. */
function mergePages(
  pages: Array<Record<string, unknown>>,
  field: string,
  key?: string,
): Record<string, unknown> {
  const items: unknown[] = []
  const seen = new Set<unknown>()
  for (const page of pages) {
    for (const item of (page[field] as unknown[] | undefined) ?? []) {
      const id = key ? (item as Record<string, unknown>)[key] : undefined
      if (id !== undefined && seen.has(id)) continue
      if (id !== undefined) seen.add(id)
      items.push(item)
    }
  }
  return { [field]: items }
}

/** The files of one account's folder, by name. */
export function accountFiles(bundle: EvidenceBundle): Map<string, string> {
  const files = new Map<string, string>()
  const { identity, credentialReport: cr, trustedAdvisor: ta, accessAnalyzer: aa } = bundle

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
    const policy = payloadsOf(cr.raw, 'GetAccountPasswordPolicy')[0]
    // What the AWS CLI leaves: the policy, or an empty file and, when there is no policy, its NoSuchEntity
    // error output (an empty file alone means the outcome is unknown).
    files.set(offlineFiles.passwordPolicy, policy && 'PasswordPolicy' in policy ? json(policy) : '')
    if (cr.records.passwordPolicy === null)
      files.set(
        offlineFiles.passwordPolicyError,
        '\nAn error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: The account has no password policy.\n',
      )
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

  if (aa.records) {
    const scope = aa.records.regionsInScope ?? aa.records.regions.map((r) => r.region)
    files.set(offlineFiles.accessAnalyzerRegions, `${scope.join('\n')}\n`)
  }
  for (const region of aa.records?.regions ?? []) {
    const isRead =
      region.status.state === 'ok' ||
      (region.status.state === 'unavailable' && region.status.reason === 'no-analyzer')
    if (!isRead) continue // the meta file carries its status
    const inRegion = aa.raw.filter((p) => p.region === region.region)
    files.set(
      `accessanalyzer-list-analyzers.${region.region}.json`,
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
            `${name}.${region.region}.${analyzer.name}.json`,
            json(mergePages(pages, 'findings', 'id')),
          )
        }
      }
    }
  }

  const meta: MetaFile = {
    schemaVersion: 1,
    accountId: bundle.accountId,
    collectedAt: bundle.collectedAt,
    ...(cr.records ? { credentialReportGeneratedAt: cr.records.generatedAt } : {}),
    sources: {
      identity: identity.status,
      credentialReport: cr.status,
      trustedAdvisor: ta.status,
      accessAnalyzer: aa.status,
    },
    accessAnalyzerRegions: Object.fromEntries((aa.records?.regions ?? []).map((r) => [r.region, r.status])),
  }
  files.set(offlineFiles.meta, json(meta))
  return files
}

/**
 * Writes bundles in the offline layout, one folder per account (the same layout the import reads).
 * Everything is validated and rendered first; each account folder is written beside its final place and
 * renamed into it, so a failure never leaves a half-written folder.
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
  for (const { accountId, files } of rendered) {
    const staging = join(dir, `.${accountId}.partial`)
    await rm(staging, { recursive: true, force: true })
    await mkdir(staging)
    for (const [name, content] of files) await writeFile(join(staging, name), content)
    await rm(join(dir, accountId), { recursive: true, force: true })
    await rename(staging, join(dir, accountId))
    fileCount += files.size
  }
  return { accountCount: rendered.length, fileCount }
}
