import { createHash } from 'node:crypto'
import type { ScenarioClock } from '../clock'
import type { OrgRecommendation, Scenario, TaRecommendation } from '../scenario-schema'
import { CHECKS_BY_ID } from './ta-checks'

type Resource = TaRecommendation['resources'][number] & { accountId?: string | undefined }

/** Fields shared by account and organization recommendations, in their wire shape. */
function common(rec: TaRecommendation | OrgRecommendation, arn: string, clock: ScenarioClock) {
  const check = CHECKS_BY_ID.get(rec.checkId)
  const counts = { okCount: 0, warningCount: 0, errorCount: 0 }
  for (const r of rec.resources) counts[`${r.status}Count`] += 1
  return {
    arn,
    id: rec.id,
    type: rec.type,
    checkArn: `arn:aws:trustedadvisor:::check/${rec.checkId}`,
    status: rec.status,
    name: rec.name ?? check?.name ?? rec.checkId,
    pillars: rec.pillars ?? check?.pillars ?? ['security'],
    awsServices: rec.awsServices ?? (check?.awsServices ?? []).map((s) => s.toLowerCase()),
    source: rec.source,
    resourcesAggregates: rec.resourcesAggregates ?? counts,
    ...(rec.lifecycleStage ? { lifecycleStage: rec.lifecycleStage } : {}),
    ...(rec.estimatedMonthlySavings !== undefined || rec.estimatedPercentMonthlySavings !== undefined
      ? {
          pillarSpecificAggregates: {
            costOptimizing: {
              estimatedMonthlySavings: rec.estimatedMonthlySavings ?? 0,
              estimatedPercentMonthlySavings: rec.estimatedPercentMonthlySavings ?? 0,
            },
          },
        }
      : {}),
    ...(rec.created !== undefined ? { createdAt: clock.iso(rec.created) } : {}),
    ...(rec.lastUpdated !== undefined ? { lastUpdatedAt: clock.iso(rec.lastUpdated) } : {}),
  }
}

export const recommendationArn = (accountId: string, id: string) =>
  `arn:aws:trustedadvisor::${accountId}:recommendation/${id}`
export const orgRecommendationArn = (id: string) =>
  `arn:aws:trustedadvisor:::organization-recommendation/${id}`

/** RecommendationSummary (ListRecommendations). */
export function recommendationSummary(accountId: string, rec: TaRecommendation, clock: ScenarioClock) {
  return common(rec, recommendationArn(accountId, rec.id), clock)
}

/** Recommendation (GetRecommendation): the summary plus description. */
export function recommendationDetail(accountId: string, rec: TaRecommendation, clock: ScenarioClock) {
  const summary = recommendationSummary(accountId, rec, clock)
  return { ...summary, description: rec.description ?? `${summary.name}: see the affected resources.` }
}

export function orgRecommendationSummary(rec: OrgRecommendation, clock: ScenarioClock) {
  return common(rec, orgRecommendationArn(rec.id), clock)
}

export function orgRecommendationDetail(rec: OrgRecommendation, clock: ScenarioClock) {
  const summary = orgRecommendationSummary(rec, clock)
  return { ...summary, description: rec.description ?? `${summary.name}: see the affected resources.` }
}

/** RecommendationResourceSummary; `parentArn` is the (account or organization) recommendation ARN. */
export function resourceSummary(
  ownerAccountId: string,
  recId: string,
  parentArn: string,
  r: Resource,
  clock: ScenarioClock,
) {
  return {
    id: r.id,
    arn: r.arn ?? `arn:aws:trustedadvisor::${ownerAccountId}:recommendation-resource/${recId}/${r.id}`,
    awsResourceId: r.awsResourceId,
    regionCode: r.regionCode,
    status: r.status,
    metadata: r.metadata,
    lastUpdatedAt: clock.iso(r.lastUpdated),
    exclusionStatus: r.exclusionStatus,
    recommendationArn: parentArn,
    ...(r.accountId ? { accountId: r.accountId } : {}),
  }
}

function uuidFrom(text: string): string {
  const h = createHash('sha1').update(text).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
}

const severity = { ok: 0, warning: 1, error: 2 } as const

/**
 * The organization's recommendations: the scenario's explicit list, or one per check id aggregated over
 * the member accounts (worst status, resources tagged with their account).
 */
export function organizationRecommendations(scenario: Scenario): OrgRecommendation[] {
  const explicit = scenario.organization?.recommendations
  if (explicit) return explicit
  const cached = derivedCache.get(scenario)
  if (cached) return cached
  const derived = deriveOrganizationRecommendations(scenario)
  derivedCache.set(scenario, derived)
  return derived
}

/** Scenarios are not mutated once served, so the derived list is computed once per scenario. */
const derivedCache = new WeakMap<Scenario, OrgRecommendation[]>()

function deriveOrganizationRecommendations(scenario: Scenario): OrgRecommendation[] {
  const byCheck = new Map<string, OrgRecommendation>()
  for (const account of scenario.accounts) {
    for (const rec of account.trustedAdvisor) {
      let org = byCheck.get(rec.checkId)
      if (!org) {
        org = {
          ...rec,
          id: uuidFrom(`org/${rec.checkId}`),
          type: 'priority',
          resources: [],
          accounts: [],
          resourcesAggregates: undefined,
        }
        byCheck.set(rec.checkId, org)
      }
      if (severity[rec.status] > severity[org.status]) org.status = rec.status
      org.resources.push(
        ...rec.resources.map((r) => ({
          ...r,
          accountId: account.id,
          arn: r.arn ?? `arn:aws:trustedadvisor::${account.id}:recommendation-resource/${rec.id}/${r.id}`,
        })),
      )
      org.accounts.push({
        accountId: account.id,
        recommendationId: rec.id,
        lifecycleStage: rec.lifecycleStage,
        lastUpdated: rec.lastUpdated,
        updateReason: undefined,
        updateReasonCode: undefined,
      })
    }
  }
  return [...byCheck.values()]
}
