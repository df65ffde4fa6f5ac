import {
  paginateListRecommendationResources,
  paginateListRecommendations,
  type RecommendationPillar,
  type RecommendationResourceSummary,
  type RecommendationSummary,
  type ResourceStatus,
} from '@aws-sdk/client-trustedadvisor'
import {
  checkIdFromArn,
  type RawPayload,
  type SourceResult,
  type SourceStatus,
  type TaCheck,
  type TaResource,
} from '../../shared/evidence/schema'
import { type CollectContext, errorFacts, failure, paged, raw, settleAll } from './context'

/** The fault-tolerance checks the maturity model reads (RDS backups and Multi-AZ, EBS snapshots, S3 logging and versioning). */
export const defaultFaultToleranceCheckIds = [
  'opQPADkZvH',
  'f2iK5R6Dep',
  'H7IgTzjTYb',
  'BueAdJ7NrP',
  'R365s2Qddf',
]

export interface TrustedAdvisorOptions {
  faultToleranceCheckIds: string[]
  /**
   * The management account to read every account's Trusted Advisor through (organization APIs, Trusted
   * Advisor Priority). It must be one of the targets. When its organization APIs are denied, each account
   * is collected on its own; when they do not answer within the source deadline, Trusted Advisor is an
   * error for every account (asking each would hang on the same service again).
   */
  organizationAccountId?: string
}

/** The largest page the Trusted Advisor list APIs accept. */
export const TA_PAGE_SIZE = 200

/** Basic and Developer support answer AccessDenied "… due to support level": a fact, not a fault. */
export function isSupportLevelDenial(error: unknown): boolean {
  const { code, message } = errorFacts(error)
  return (
    (code === 'AccessDeniedException' || code === 'AccessDenied') &&
    /support (level|plan|subscription)/i.test(message)
  )
}

/**
 * Trusted Advisor for one account: ListRecommendations for the security pillar and for the fault-tolerance
 * pillar (two filtered listings are fewer calls than one per check), then ListRecommendationResources only
 * for recommendations with warning or error resources, filtered by status so ok resources are never paged.
 */
export async function collectTrustedAdvisor(
  ctx: CollectContext,
  options: TrustedAdvisorOptions,
): Promise<SourceResult<'trustedAdvisor'>> {
  const rawPayloads: RawPayload[] = []
  const result = (status: SourceResult<'trustedAdvisor'>['status'], checks: TaCheck[] | null) => ({
    status,
    collectedAt: ctx.now().toISOString(),
    raw: rawPayloads,
    records: checks === null ? null : { checks, via: 'account' as const },
  })
  try {
    // One after the other: on Basic or Developer support the first call's denial already says everything,
    // so the second would be a redundant call (and a redundant throttling token) for every such account.
    const security = await listRecommendations(ctx, 'security', rawPayloads)
    const faultTolerance = await listRecommendations(ctx, 'fault_tolerance', rawPayloads)
    const wanted = new Set(options.faultToleranceCheckIds)
    const byArn = new Map<string, RecommendationSummary>()
    for (const rec of security) byArn.set(rec.arn ?? '', rec)
    for (const rec of faultTolerance) {
      if (wanted.has(checkIdFromArn(rec.checkArn ?? ''))) byArn.set(rec.arn ?? '', rec)
    }
    const checks = await settleAll(
      [...byArn.values()].filter((rec) => rec.checkArn).map((rec) => toCheck(ctx, rec, rawPayloads)),
    )
    checks.sort((a, b) => a.checkId.localeCompare(b.checkId))
    return result({ state: 'ok' }, checks)
  } catch (error) {
    if (isSupportLevelDenial(error)) {
      return result(
        { state: 'unavailable', reason: 'not-subscribed', message: errorFacts(error).message },
        null,
      )
    }
    return result(failure(error, ctx), null)
  }
}

async function listRecommendations(
  ctx: CollectContext,
  pillar: RecommendationPillar,
  rawPayloads: RawPayload[],
): Promise<RecommendationSummary[]> {
  const ta = ctx.clients.trustedAdvisor()
  const all: RecommendationSummary[] = []
  const config = { client: paged(ctx, ta), pageSize: TA_PAGE_SIZE }
  for await (const page of paginateListRecommendations(config, { pillar })) {
    rawPayloads.push(raw('ListRecommendations', page, { request: { pillar } }))
    all.push(...(page.recommendationSummaries ?? []))
  }
  return all
}

async function toCheck(
  ctx: CollectContext,
  rec: RecommendationSummary,
  rawPayloads: RawPayload[],
): Promise<TaCheck> {
  const counts = {
    ok: rec.resourcesAggregates?.okCount ?? 0,
    warning: rec.resourcesAggregates?.warningCount ?? 0,
    error: rec.resourcesAggregates?.errorCount ?? 0,
    excluded: rec.resourcesAggregates?.excludedCount ?? 0,
  }
  const resources: TaResource[] = []
  let resourcesStatus: SourceStatus | undefined
  try {
    for (const status of resourceStatusesToList(counts)) {
      for (const item of await listResources(ctx, rec.arn ?? '', status, rawPayloads)) {
        if (item.status === 'warning' || item.status === 'error') resources.push(toResource(item))
      }
    }
  } catch (error) {
    // The check's counts still hold: keep it, and say its resources could not be listed.
    resourcesStatus = failure(error, ctx)
    resources.length = 0
  }
  return {
    ...(resourcesStatus ? { resourcesStatus } : {}),
    checkId: checkIdFromArn(rec.checkArn ?? ''),
    checkArn: rec.checkArn ?? '',
    name: rec.name ?? '',
    recommendationArn: rec.arn ?? '',
    status: rec.status ?? 'ok',
    pillars: rec.pillars ?? [],
    source: rec.source ?? '',
    counts,
    resources,
    lastUpdatedAt: rec.lastUpdatedAt ? rec.lastUpdatedAt.toISOString() : null,
  }
}

/**
 * Which status filters to list resources with, in the fewest pages: one filter when only warnings or only
 * errors exist; with both, two filtered listings unless one unfiltered listing (ok resources included) is
 * fewer pages. `undefined` means unfiltered.
 */
export function resourceStatusesToList(counts: {
  ok: number
  warning: number
  error: number
}): Array<ResourceStatus | undefined> {
  const pages = (n: number) => Math.ceil(n / TA_PAGE_SIZE)
  if (counts.warning === 0 && counts.error === 0) return []
  if (counts.error === 0) return ['warning']
  if (counts.warning === 0) return ['error']
  const unfiltered = pages(counts.ok + counts.warning + counts.error)
  return unfiltered < pages(counts.warning) + pages(counts.error) ? [undefined] : ['warning', 'error']
}

async function listResources(
  ctx: CollectContext,
  recommendationArn: string,
  status: ResourceStatus | undefined,
  rawPayloads: RawPayload[],
): Promise<RecommendationResourceSummary[]> {
  const ta = ctx.clients.trustedAdvisor()
  const all: RecommendationResourceSummary[] = []
  const config = { client: paged(ctx, ta), pageSize: TA_PAGE_SIZE }
  const input = { recommendationIdentifier: recommendationArn, ...(status ? { status } : {}) }
  for await (const page of paginateListRecommendationResources(config, input)) {
    rawPayloads.push(
      raw('ListRecommendationResources', page, {
        request: { recommendationIdentifier: recommendationArn, ...(status ? { status } : {}) },
      }),
    )
    all.push(...(page.recommendationResourceSummaries ?? []))
  }
  return all
}

/** Normalizes one resource; exported for the offline import, which reads the same shape from JSON. */
export function toResource(item: {
  arn?: string | undefined
  awsResourceId?: string | undefined
  regionCode?: string | undefined
  status?: string | undefined
  metadata?: Record<string, string> | undefined
  exclusionStatus?: string | undefined
}): TaResource {
  return {
    arn: item.arn ?? '',
    awsResourceId: item.awsResourceId ?? '',
    regionCode: item.regionCode ?? '',
    status: item.status === 'error' ? 'error' : item.status === 'warning' ? 'warning' : 'ok',
    metadata: item.metadata ?? {},
    isExcluded: item.exclusionStatus === 'excluded',
  }
}
