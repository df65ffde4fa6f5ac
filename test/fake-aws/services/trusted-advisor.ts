import { errorReply, jsonReply, type Reply } from '../protocol'
import { type HandlerContext, optionalInt, paginate, type Route, type Router } from '../routing'
import type { ScenarioAccount } from '../scenario-schema'
import { CHECKS, checkSummary } from './ta-checks'
import {
  organizationRecommendations,
  orgRecommendationArn,
  orgRecommendationDetail,
  orgRecommendationSummary,
  recommendationArn,
  recommendationDetail,
  recommendationSummary,
  resourceSummary,
} from './ta-render'

const LIMITS = { max: 200, default: 100 }

function validation(message: string): Reply {
  return errorReply('rest-json', 'ValidationException', 400, message)
}
function notFound(what: string): Reply {
  return errorReply('rest-json', 'ResourceNotFoundException', 404, `${what} not found`)
}

/** Answers one page of `items` under `key`, honouring nextToken/maxResults from the query string. */
function pageOf(ctx: HandlerContext, key: string, items: readonly unknown[]): Reply {
  const q = ctx.req.query
  const result = paginate(items, q.get('nextToken'), optionalInt(q.get('maxResults') ?? undefined), LIMITS)
  if ('error' in result) return validation(result.error)
  return jsonReply({ [key]: result.page, ...(result.nextToken ? { nextToken: result.nextToken } : {}) })
}

/** Basic and Developer support get AccessDenied from every Trusted Advisor API. */
function supportGate(ctx: HandlerContext): { account: ScenarioAccount } | { reply: Reply } {
  const account = ctx.identity ? ctx.state.accounts.get(ctx.identity.accountId) : undefined
  if (!account) throw new Error('Trusted Advisor route reached without a caller')
  if (account.supportPlan === 'basic' || account.supportPlan === 'developer')
    return {
      reply: errorReply('rest-json', 'AccessDeniedException', 403, 'Access denied due to support level', {
        outcome: 'denied',
      }),
    }
  return { account }
}

/** Organization APIs: management account with Trusted Advisor Priority only. */
function orgGate(ctx: HandlerContext): { reply: Reply } | undefined {
  const gate = supportGate(ctx)
  if ('reply' in gate) return gate
  const org = ctx.state.scenario.organization
  if (!org || org.managementAccountId !== gate.account.id || !org.trustedAdvisorPriority)
    return {
      reply: errorReply(
        'rest-json',
        'AccessDeniedException',
        403,
        'Access denied: organization recommendations require Trusted Advisor Priority in the management account',
        { outcome: 'denied' },
      ),
    }
  return undefined
}

function filterSummaries<
  T extends { type: string; status: string; pillars: string[]; awsServices: string[] },
>(items: (T & { source: string; checkArn: string; lastUpdatedAt?: string })[], q: URLSearchParams) {
  const after = q.get('afterLastUpdatedAt')
  const before = q.get('beforeLastUpdatedAt')
  return items.filter(
    (s) =>
      (!q.get('type') || s.type === q.get('type')) &&
      (!q.get('status') || s.status === q.get('status')) &&
      (!q.get('pillar') || s.pillars.includes(q.get('pillar') ?? '')) &&
      (!q.get('awsService') || s.awsServices.includes(q.get('awsService') ?? '')) &&
      (!q.get('source') || s.source === q.get('source')) &&
      (!q.get('checkIdentifier') || s.checkArn === q.get('checkIdentifier')) &&
      (!after || (s.lastUpdatedAt !== undefined && Date.parse(s.lastUpdatedAt) > Date.parse(after))) &&
      (!before || (s.lastUpdatedAt !== undefined && Date.parse(s.lastUpdatedAt) < Date.parse(before))),
  )
}

function filterResources<
  T extends { status: string; exclusionStatus: string; regionCode: string; accountId?: string },
>(items: T[], q: URLSearchParams) {
  return items.filter(
    (r) =>
      (!q.get('status') || r.status === q.get('status')) &&
      (!q.get('exclusionStatus') || r.exclusionStatus === q.get('exclusionStatus')) &&
      (!q.get('regionCode') || r.regionCode === q.get('regionCode')) &&
      (!q.get('affectedAccountId') || r.accountId === q.get('affectedAccountId')),
  )
}

/** Finds an account recommendation by ARN (the SDK sends the full ARN) or bare id. */
function findRec(account: ScenarioAccount, identifier: string) {
  return account.trustedAdvisor.find(
    (r) => r.id === identifier || recommendationArn(account.id, r.id) === identifier,
  )
}

function accountHandler(kind: 'list' | 'get' | 'resources', identifier?: string) {
  return (ctx: HandlerContext): Reply => {
    const gate = supportGate(ctx)
    if ('reply' in gate) return gate.reply
    const { account } = gate
    const clock = ctx.state.clock
    if (kind === 'list') {
      const all = account.trustedAdvisor.map((r) => recommendationSummary(account.id, r, clock))
      return pageOf(ctx, 'recommendationSummaries', filterSummaries(all, ctx.req.query))
    }
    const rec = findRec(account, identifier ?? '')
    if (!rec) return notFound(`Recommendation ${identifier}`)
    if (kind === 'get') return jsonReply({ recommendation: recommendationDetail(account.id, rec, clock) })
    const arn = recommendationArn(account.id, rec.id)
    const resources = rec.resources.map((r) => resourceSummary(account.id, rec.id, arn, r, clock))
    return pageOf(ctx, 'recommendationResourceSummaries', filterResources(resources, ctx.req.query))
  }
}

function orgHandler(kind: 'list' | 'get' | 'resources' | 'accounts', identifier?: string) {
  return (ctx: HandlerContext): Reply => {
    const denied = orgGate(ctx)
    if (denied) return denied.reply
    const clock = ctx.state.clock
    const recs = organizationRecommendations(ctx.state.scenario)
    if (kind === 'list') {
      const all = recs.map((r) => orgRecommendationSummary(r, clock))
      return pageOf(ctx, 'organizationRecommendationSummaries', filterSummaries(all, ctx.req.query))
    }
    const rec = recs.find((r) => r.id === identifier || orgRecommendationArn(r.id) === identifier)
    if (!rec) return notFound(`Organization recommendation ${identifier}`)
    if (kind === 'get') return jsonReply({ organizationRecommendation: orgRecommendationDetail(rec, clock) })
    const arn = orgRecommendationArn(rec.id)
    if (kind === 'resources') {
      const mgmt = ctx.identity?.accountId ?? ''
      const resources = rec.resources.map((r) => resourceSummary(r.accountId ?? mgmt, rec.id, arn, r, clock))
      return pageOf(
        ctx,
        'organizationRecommendationResourceSummaries',
        filterResources(resources, ctx.req.query),
      )
    }
    const affected = ctx.req.query.get('affectedAccountId')
    const accounts = rec.accounts
      .filter((a) => !affected || a.accountId === affected)
      .map((a) => ({
        accountId: a.accountId,
        accountRecommendationArn: recommendationArn(a.accountId, a.recommendationId ?? rec.id),
        ...(a.lifecycleStage ? { lifecycleStage: a.lifecycleStage } : {}),
        ...(a.updateReason ? { updateReason: a.updateReason } : {}),
        ...(a.updateReasonCode ? { updateReasonCode: a.updateReasonCode } : {}),
        ...(a.lastUpdated !== undefined ? { lastUpdatedAt: clock.iso(a.lastUpdated) } : {}),
      }))
    return pageOf(ctx, 'accountRecommendationLifecycleSummaries', accounts)
  }
}

function listChecks(ctx: HandlerContext): Reply {
  const gate = supportGate(ctx)
  if ('reply' in gate) return gate.reply
  const q = ctx.req.query
  const custom = ctx.state.scenario.trustedAdvisorChecks
  const all = custom
    ? custom.map((c) => ({ ...c, arn: `arn:aws:trustedadvisor:::check/${c.id}` }))
    : CHECKS.map(checkSummary)
  const checks = all.filter(
    (c) =>
      (!q.get('pillar') || c.pillars.includes(q.get('pillar') ?? '')) &&
      (!q.get('awsService') || c.awsServices.includes(q.get('awsService') ?? '')) &&
      (!q.get('source') || c.source === q.get('source')),
  )
  return pageOf(ctx, 'checkSummaries', checks)
}

const route = (api: string, handle: (ctx: HandlerContext) => Reply): Route => ({
  api,
  protocol: 'rest-json',
  auth: 'sigv4',
  isRegional: false,
  handle,
})

/**
 * Trusted Advisor (restJson1, /v1/...). Identifiers arrive as one URL-encoded path segment holding a
 * full ARN, so segments are split first and decoded after.
 */
export const trustedAdvisorRouter: Router = (req) => {
  if (!req.path.startsWith('/v1/') || req.method !== 'GET') return undefined
  const [, , collection, rawId, sub, ...rest] = req.path.split('/')
  if (rest.length > 0) return undefined
  const id = rawId === undefined ? undefined : decodeURIComponent(rawId)
  if (collection === 'checks' && id === undefined) return route('ListChecks', listChecks)
  if (collection === 'recommendations') {
    if (id === undefined) return route('ListRecommendations', accountHandler('list'))
    if (sub === undefined) return route('GetRecommendation', accountHandler('get', id))
    if (sub === 'resources') return route('ListRecommendationResources', accountHandler('resources', id))
  }
  if (collection === 'organization-recommendations') {
    if (id === undefined) return route('ListOrganizationRecommendations', orgHandler('list'))
    if (sub === undefined) return route('GetOrganizationRecommendation', orgHandler('get', id))
    if (sub === 'resources')
      return route('ListOrganizationRecommendationResources', orgHandler('resources', id))
    if (sub === 'accounts') return route('ListOrganizationRecommendationAccounts', orgHandler('accounts', id))
  }
  return undefined
}
