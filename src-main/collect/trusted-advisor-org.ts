import {
  type OrganizationRecommendationSummary,
  paginateListOrganizationRecommendationAccounts,
  paginateListOrganizationRecommendationResources,
  paginateListOrganizationRecommendations,
  type RecommendationPillar,
} from '@aws-sdk/client-trustedadvisor'
import {
  checkIdFromArn,
  type RawPayload,
  type SourceResult,
  type TaCheck,
} from '../../shared/evidence/schema'
import { type CollectContext, paged, raw, settleAll, toJsonValue } from './context'
import { TA_PAGE_SIZE, type TrustedAdvisorOptions, toResource } from './trusted-advisor'

/** Trusted Advisor for many accounts at once, read through the management account's organization APIs. */
export interface OrganizationTrustedAdvisor {
  managementAccountId: string
  /** Per member account: its Trusted Advisor source, as if collected in the account. */
  byAccount: Map<string, SourceResult<'trustedAdvisor'>>
  /** The organization-wide responses, kept verbatim (they go into the management account's bundle). */
  raw: RawPayload[]
}

/** Every item of every page of a paginator, keeping each page as a raw payload. */
async function allItems<P, T>(
  pages: AsyncIterable<P>,
  operation: string,
  request: Record<string, unknown>,
  rawPayloads: RawPayload[],
  items: (page: P) => T[] | undefined,
): Promise<T[]> {
  const all: T[] = []
  for await (const page of pages) {
    rawPayloads.push(raw(operation, page, { request }))
    all.push(...(items(page) ?? []))
  }
  return all
}

/**
 * Lists the organization's recommendations (security, and the model's fault-tolerance checks), then for
 * each one the accounts it applies to and every resource (unfiltered, so each account's ok, warning and
 * error counts are exact), and splits them per account. Throws when the organization APIs are not
 * available (not the management account, or Trusted Advisor Priority off): the caller then collects
 * account by account.
 */
export async function collectOrganizationTrustedAdvisor(
  ctx: CollectContext,
  managementAccountId: string,
  options: TrustedAdvisorOptions,
): Promise<OrganizationTrustedAdvisor> {
  const ta = ctx.clients.trustedAdvisor()
  const rawPayloads: RawPayload[] = []
  const config = { client: paged(ctx, ta), pageSize: TA_PAGE_SIZE }
  const listRecs = (pillar: RecommendationPillar) =>
    allItems(
      paginateListOrganizationRecommendations(config, { pillar }),
      'ListOrganizationRecommendations',
      { pillar },
      rawPayloads,
      (page) => page.organizationRecommendationSummaries,
    )
  const [security, faultTolerance] = await settleAll([listRecs('security'), listRecs('fault_tolerance')])
  const wanted = new Set(options.faultToleranceCheckIds)
  const recs = new Map<string, OrganizationRecommendationSummary>()
  for (const rec of security) if (rec.checkArn) recs.set(rec.arn ?? '', rec)
  for (const rec of faultTolerance) {
    if (rec.checkArn && wanted.has(checkIdFromArn(rec.checkArn))) recs.set(rec.arn ?? '', rec)
  }

  const details = await settleAll(
    [...recs.values()].map(async (rec) => {
      const id = rec.arn ?? ''
      const request = { organizationRecommendationIdentifier: id }
      const list = <P, T>(pages: AsyncIterable<P>, operation: string, items: (page: P) => T[] | undefined) =>
        allItems(pages, operation, request, rawPayloads, items)
      const [accounts, resources] = await settleAll([
        list(
          paginateListOrganizationRecommendationAccounts(config, { ...request }),
          'ListOrganizationRecommendationAccounts',
          (page) => page.accountRecommendationLifecycleSummaries,
        ),
        list(
          paginateListOrganizationRecommendationResources(config, { ...request }),
          'ListOrganizationRecommendationResources',
          (page) => page.organizationRecommendationResourceSummaries,
        ),
      ] as const)
      return { rec, accounts, resources }
    }),
  )

  const checksByAccount = new Map<string, TaCheck[]>()
  for (const { rec, accounts, resources } of details) {
    for (const account of accounts) {
      const accountId = account.accountId ?? ''
      const mine = resources.filter((r) => r.accountId === accountId)
      const count = (status: string) => mine.filter((r) => r.status === status).length
      const counts = {
        ok: count('ok'),
        warning: count('warning'),
        error: count('error'),
        excluded: mine.filter((r) => r.exclusionStatus === 'excluded').length,
      }
      const updated = account.lastUpdatedAt ?? rec.lastUpdatedAt
      const check: TaCheck = {
        checkId: checkIdFromArn(rec.checkArn ?? ''),
        checkArn: rec.checkArn ?? '',
        name: rec.name ?? '',
        recommendationArn: account.accountRecommendationArn ?? rec.arn ?? '',
        status: counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'ok',
        pillars: rec.pillars ?? [],
        source: rec.source ?? '',
        counts,
        resources: mine.filter((r) => r.status !== 'ok').map((r) => toResource(r)),
        lastUpdatedAt: updated ? updated.toISOString() : null,
      }
      checksByAccount.set(accountId, [...(checksByAccount.get(accountId) ?? []), check])
    }
  }

  const byAccount = new Map<string, SourceResult<'trustedAdvisor'>>()
  for (const [accountId, checks] of checksByAccount) {
    checks.sort((a, b) => a.checkId.localeCompare(b.checkId))
    byAccount.set(accountId, {
      status: { state: 'ok' },
      collectedAt: ctx.now().toISOString(),
      // The organization-wide responses live in the management account's bundle; each account keeps the
      // part about itself, marked as derived.
      raw: [
        {
          operation: 'ListOrganizationRecommendationResources',
          request: { derivedFrom: 'organization', managementAccountId, affectedAccountId: accountId },
          payload: toJsonValue({ checks }),
        },
      ],
      records: { checks, via: 'organization' },
    })
  }
  return { managementAccountId, byAccount, raw: rawPayloads }
}
