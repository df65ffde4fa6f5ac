import {
  type AnalyzerSummary,
  paginateListAnalyzers,
  paginateListFindings,
  paginateListFindingsV2,
} from '@aws-sdk/client-accessanalyzer'
import type {
  AccessAnalyzerRegion,
  Analyzer,
  Finding,
  RawPayload,
  SourceResult,
  SourceStatus,
} from '../../shared/evidence/schema'
import { combineRegionStatuses } from '../../shared/evidence/select'
import { type CollectContext, errorFacts, failure, paged, raw, settleAll } from './context'

/** The largest page ListFindings / ListFindingsV2 serve. */
export const AA_FINDINGS_PAGE_SIZE = 1000

/** What AWS answers for any call into an opt-in Region the account has not enabled. */
export const regionDisabledCodes: ReadonlySet<string> = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'OptInRequired',
])

/** Analyzer types whose findings are external access (ListFindings v1 carries `isPublic` for them). */
export function findingKindOf(analyzerType: string): Finding['kind'] {
  if (analyzerType.endsWith('_UNUSED_ACCESS')) return 'unused'
  if (analyzerType.endsWith('_INTERNAL_ACCESS')) return 'internal'
  return 'external'
}

const finalStatuses = new Set(['ACTIVE', 'ARCHIVED', 'RESOLVED'])

/** One finding, from a ListFindings (v1) or ListFindingsV2 summary (as SDK output or as JSON). */
export function toFinding(
  item: Record<string, unknown>,
  analyzerArn: string,
  kind: Finding['kind'],
): Finding {
  const time = (value: unknown): string =>
    value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()
  const status = String(item.status)
  return {
    id: String(item.id),
    analyzerArn,
    kind,
    findingType:
      typeof item.findingType === 'string' ? item.findingType : kind === 'external' ? 'ExternalAccess' : '',
    resource: typeof item.resource === 'string' ? item.resource : null,
    resourceType: String(item.resourceType ?? ''),
    resourceOwnerAccount: String(item.resourceOwnerAccount ?? ''),
    status: (finalStatuses.has(status) ? status : 'ACTIVE') as Finding['status'],
    isPublic: kind === 'external' && typeof item.isPublic === 'boolean' ? item.isPublic : null,
    ...principalOf(item.principal),
    ...(typeof item.error === 'string' && item.error !== '' ? { error: item.error } : {}),
    createdAt: time(item.createdAt),
    updatedAt: time(item.updatedAt ?? item.createdAt),
  }
}

/** ListFindings (v1) names who is granted access; V2 summaries do not. */
function principalOf(value: unknown): { principal?: Record<string, string> } {
  if (value === null || typeof value !== 'object') return {}
  const entries = Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string')
  return entries.length > 0 ? { principal: Object.fromEntries(entries) } : {}
}

export function toAnalyzer(item: AnalyzerSummary | Record<string, unknown>): Analyzer {
  const a = item as Record<string, unknown>
  const analyzedAt = a.lastResourceAnalyzedAt
  const at = analyzedAt instanceof Date || typeof analyzedAt === 'string' ? new Date(analyzedAt) : undefined
  return {
    arn: String(a.arn),
    name: String(a.name),
    type: String(a.type),
    status: String(a.status),
    // The analyzer's last analysis dates its findings (an invalid date is left out, never guessed).
    ...(at && !Number.isNaN(at.getTime()) ? { lastAnalyzedAt: at.toISOString() } : {}),
  }
}

/** Why a Region has no findings to read: no analyzer at all, or none active yet. */
export function noAnalyzerMessage(region: string, analyzers: Analyzer[]): string {
  return analyzers.length === 0
    ? `No analyzer in ${region}`
    : `No active analyzer in ${region} (${analyzers.map((a) => `${a.name}: ${a.status}`).join(', ')})`
}

/**
 * Access Analyzer across Regions. Per Region: ListAnalyzers, then, for each ACTIVE analyzer, every ACTIVE
 * finding across all pages. External-access analyzers are listed with ListFindings (v1), whose summaries
 * carry `isPublic`; V2 summaries do not, and fetching it per finding (GetFindingV2) would cost one call per
 * finding. Unused- and internal-access analyzers are listed with ListFindingsV2, which v1 does not serve.
 * GetFindingsStatistics is not used: an empty listing costs one call, the same as the statistics.
 * `kept` are Regions already collected (a retry of what failed): they are carried over unchanged.
 */
export async function collectAccessAnalyzer(
  ctx: CollectContext,
  regions: string[],
  kept: { regions: AccessAnalyzerRegion[]; raw: RawPayload[] } = { regions: [], raw: [] },
): Promise<SourceResult<'accessAnalyzer'>> {
  const rawPayloads: RawPayload[] = [...kept.raw]
  const collected = await Promise.all(regions.map((region) => collectRegion(ctx, region, rawPayloads)))
  const all = [...kept.regions, ...collected].sort((a, b) => a.region.localeCompare(b.region))
  return {
    status: combineRegionStatuses(all),
    collectedAt: ctx.now().toISOString(),
    raw: rawPayloads,
    records: { regions: all, regionsInScope: all.map((r) => r.region) },
  }
}

async function collectRegion(ctx: CollectContext, region: string, rawPayloads: RawPayload[]) {
  const client = ctx.clients.accessAnalyzer(region)
  const regionRaw: RawPayload[] = []
  const result = (status: SourceStatus, analyzers: Analyzer[], findings: Finding[]): AccessAnalyzerRegion => {
    rawPayloads.push(...regionRaw)
    return { region, status, collectedAt: ctx.now().toISOString(), analyzers, findings }
  }
  let analyzers: Analyzer[]
  try {
    analyzers = []
    for await (const page of paginateListAnalyzers({ client: paged(ctx, client) }, {})) {
      regionRaw.push(raw('ListAnalyzers', page, { region }))
      analyzers.push(...(page.analyzers ?? []).map(toAnalyzer))
    }
  } catch (error) {
    const { code, message } = errorFacts(error)
    if (regionDisabledCodes.has(code) && !ctx.signal.aborted) {
      return result({ state: 'unavailable', reason: 'region-disabled', message }, [], [])
    }
    return result(failure(error, ctx), [], [])
  }
  const active = analyzers.filter((a) => a.status === 'ACTIVE')
  if (active.length === 0) {
    return result(
      { state: 'unavailable', reason: 'no-analyzer', message: noAnalyzerMessage(region, analyzers) },
      analyzers,
      [],
    )
  }
  try {
    const lists = await settleAll(active.map((analyzer) => listFindings(ctx, region, analyzer, regionRaw)))
    const listed = analyzers.map((a) => (a.status === 'ACTIVE' ? { ...a, findingsListed: true } : a))
    return result({ state: 'ok' }, listed, lists.flat())
  } catch (error) {
    return result(failure(error, ctx), analyzers, [])
  }
}

async function listFindings(
  ctx: CollectContext,
  region: string,
  analyzer: Analyzer,
  regionRaw: RawPayload[],
): Promise<Finding[]> {
  const client = ctx.clients.accessAnalyzer(region)
  const kind = findingKindOf(analyzer.type)
  const findings: Finding[] = []
  const input = { analyzerArn: analyzer.arn, filter: { status: { eq: ['ACTIVE'] } } }
  const config = { client: paged(ctx, client), pageSize: AA_FINDINGS_PAGE_SIZE }
  // External access is listed with ListFindings (v1), whose summaries say which findings are public.
  const pages: AsyncIterable<{ findings?: unknown[]; nextToken?: string | undefined }> =
    kind === 'external' ? paginateListFindings(config, input) : paginateListFindingsV2(config, input)
  for await (const page of pages) {
    regionRaw.push(
      raw(kind === 'external' ? 'ListFindings' : 'ListFindingsV2', page, {
        region,
        request: { analyzerArn: analyzer.arn },
      }),
    )
    for (const item of page.findings ?? []) {
      findings.push(toFinding(item as Record<string, unknown>, analyzer.arn, kind))
    }
  }
  return findings
}
