import { errorReply, jsonReply, type Reply } from '../protocol'
import { type HandlerContext, optionalInt, paginate, type Route, type Router } from '../routing'
import type { Analyzer, Finding } from '../scenario-schema'

const LIMITS = { max: 1000, default: 100 }
type Json = Record<string, unknown>

const analyzerArn = (region: string, accountId: string, name: string) =>
  `arn:aws:access-analyzer:${region}:${accountId}:analyzer/${name}`

function callerAnalyzers(ctx: HandlerContext): { accountId: string; analyzers: Analyzer[] } {
  const accountId = ctx.identity?.accountId ?? ''
  const account = ctx.state.accounts.get(accountId)
  return { accountId, analyzers: account?.accessAnalyzer[ctx.region] ?? [] }
}

function analyzerSummary(ctx: HandlerContext, accountId: string, a: Analyzer): Json {
  const clock = ctx.state.clock
  return {
    arn: analyzerArn(ctx.region, accountId, a.name),
    name: a.name,
    type: a.type,
    createdAt: clock.iso(a.created),
    status: a.status,
    ...(a.lastResourceAnalyzed ? { lastResourceAnalyzed: a.lastResourceAnalyzed } : {}),
    ...(a.lastResourceAnalyzedAt !== undefined
      ? { lastResourceAnalyzedAt: clock.iso(a.lastResourceAnalyzedAt) }
      : {}),
    ...(a.tags ? { tags: a.tags } : {}),
  }
}

function findingV2(ctx: HandlerContext, accountId: string, f: Finding): Json {
  const clock = ctx.state.clock
  return {
    id: f.id,
    ...(f.resource ? { resource: f.resource } : {}),
    resourceType: f.resourceType,
    resourceOwnerAccount: f.resourceOwnerAccount ?? accountId,
    status: f.status,
    findingType: f.findingType,
    createdAt: clock.iso(f.created),
    analyzedAt: clock.iso(f.analyzed),
    updatedAt: clock.iso(f.updated),
  }
}

function findingV1(ctx: HandlerContext, accountId: string, f: Finding): Json {
  const { findingType: _omit, ...base } = findingV2(ctx, accountId, f)
  return {
    ...base,
    ...(f.principal ? { principal: f.principal } : {}),
    ...(f.action ? { action: f.action } : {}),
    isPublic: f.isPublic,
    condition: f.condition,
  }
}

function findingDetails(f: Finding): Json {
  switch (f.findingType) {
    case 'ExternalAccess':
    case 'InternalAccess':
      return {
        externalAccessDetails: {
          ...(f.action ? { action: f.action } : {}),
          condition: f.condition,
          isPublic: f.isPublic,
          ...(f.principal ? { principal: f.principal } : {}),
        },
      }
    case 'UnusedIAMRole':
      return { unusedIamRoleDetails: {} }
    case 'UnusedIAMUserPassword':
      return { unusedIamUserPasswordDetails: {} }
    case 'UnusedIAMUserAccessKey':
      return { unusedIamUserAccessKeyDetails: { accessKeyId: 'AKIAFAKEUNUSEDKEY000' } }
    case 'UnusedPermission':
      return { unusedPermissionDetails: { serviceNamespace: 's3' } }
  }
}

/** Applies the eq/neq/exists criteria of a ListFindings filter to the rendered finding. */
function passesFilter(finding: Json, filter: unknown): boolean {
  if (!filter || typeof filter !== 'object') return true
  for (const [key, criterion] of Object.entries(filter as Record<string, Json>)) {
    const value = finding[key] === undefined ? undefined : String(finding[key])
    const eq = criterion.eq as string[] | undefined
    const neq = criterion.neq as string[] | undefined
    if (eq && (value === undefined || !eq.includes(value))) return false
    if (neq && value !== undefined && neq.includes(value)) return false
    if (typeof criterion.exists === 'boolean' && criterion.exists !== (value !== undefined)) return false
  }
  return true
}

function parseBody(ctx: HandlerContext): Json | undefined {
  try {
    const parsed: unknown = JSON.parse(ctx.req.body || '{}')
    return parsed && typeof parsed === 'object' ? (parsed as Json) : undefined
  } catch {
    return undefined
  }
}

function withAnalyzer(
  ctx: HandlerContext,
  arn: unknown,
  run: (a: Analyzer, accountId: string) => Reply,
): Reply {
  const { accountId, analyzers } = callerAnalyzers(ctx)
  const analyzer = analyzers.find((a) => analyzerArn(ctx.region, accountId, a.name) === arn)
  if (!analyzer)
    return errorReply('rest-json', 'ResourceNotFoundException', 404, `Analyzer ${String(arn)} not found`)
  return run(analyzer, accountId)
}

const isExternal = (a: Analyzer) => a.type === 'ACCOUNT' || a.type === 'ORGANIZATION'

function listFindings(version: 1 | 2) {
  return (ctx: HandlerContext): Reply => {
    const body = parseBody(ctx)
    if (!body) return errorReply('rest-json', 'ValidationException', 400, 'Request body is not valid JSON')
    return withAnalyzer(ctx, body.analyzerArn, (analyzer, accountId) => {
      if (version === 1 && !isExternal(analyzer))
        return errorReply(
          'rest-json',
          'ValidationException',
          400,
          'ListFindings supports only external access analyzers. Use ListFindingsV2.',
        )
      const render = version === 1 ? findingV1 : findingV2
      const all = analyzer.findings
        .map((f) => render(ctx, accountId, f))
        .filter((f) => passesFilter(f, body.filter))
      const result = paginate(all, body.nextToken as string | undefined, optionalInt(body.maxResults), LIMITS)
      if ('error' in result) return errorReply('rest-json', 'ValidationException', 400, result.error)
      return jsonReply({
        findings: result.page,
        ...(result.nextToken ? { nextToken: result.nextToken } : {}),
      })
    })
  }
}

function getFindingsStatistics(ctx: HandlerContext): Reply {
  const body = parseBody(ctx) ?? {}
  return withAnalyzer(ctx, body.analyzerArn, (analyzer, accountId) => {
    const count = (status: string) => analyzer.findings.filter((f) => f.status === status).length
    const totals = {
      totalActiveFindings: count('ACTIVE'),
      totalArchivedFindings: count('ARCHIVED'),
      totalResolvedFindings: count('RESOLVED'),
    }
    const active = analyzer.findings.filter((f) => f.status === 'ACTIVE')
    let statistics: Json
    if (isExternal(analyzer)) {
      type Stat = { totalActivePublic: number; totalActiveCrossAccount: number; totalActiveErrors: number }
      const byType: Record<string, Stat> = {}
      for (const f of active) {
        const entry = byType[f.resourceType] ?? {
          totalActivePublic: 0,
          totalActiveCrossAccount: 0,
          totalActiveErrors: 0,
        }
        byType[f.resourceType] = entry
        if (f.isPublic) entry.totalActivePublic += 1
        else entry.totalActiveCrossAccount += 1
      }
      statistics = { externalAccessFindingsStatistics: { resourceTypeStatistics: byType, ...totals } }
    } else {
      const types = new Map<string, number>()
      for (const f of active) types.set(f.findingType, (types.get(f.findingType) ?? 0) + 1)
      statistics = {
        unusedAccessFindingsStatistics: {
          unusedAccessTypeStatistics: [...types].map(([unusedAccessType, total]) => ({
            unusedAccessType,
            total,
          })),
          topAccounts:
            active.length > 0 ? [{ account: accountId, numberOfActiveFindings: active.length }] : [],
          ...totals,
        },
      }
    }
    return jsonReply({ findingsStatistics: [statistics], lastUpdatedAt: ctx.state.clock.iso(0) })
  })
}

function getFindingV2(id: string) {
  return (ctx: HandlerContext): Reply =>
    withAnalyzer(ctx, ctx.req.query.get('analyzerArn'), (analyzer, accountId) => {
      const finding = analyzer.findings.find((f) => f.id === id)
      if (!finding)
        return errorReply('rest-json', 'ResourceNotFoundException', 404, `Finding ${id} not found`)
      return jsonReply({ ...findingV2(ctx, accountId, finding), findingDetails: [findingDetails(finding)] })
    })
}

function listAnalyzers(ctx: HandlerContext): Reply {
  const { accountId, analyzers } = callerAnalyzers(ctx)
  const type = ctx.req.query.get('type')
  const all = analyzers.filter((a) => !type || a.type === type).map((a) => analyzerSummary(ctx, accountId, a))
  const q = ctx.req.query
  const result = paginate(all, q.get('nextToken'), optionalInt(q.get('maxResults') ?? undefined), LIMITS)
  if ('error' in result) return errorReply('rest-json', 'ValidationException', 400, result.error)
  return jsonReply({ analyzers: result.page, ...(result.nextToken ? { nextToken: result.nextToken } : {}) })
}

const route = (api: string, handle: (ctx: HandlerContext) => Reply): Route => ({
  api,
  protocol: 'rest-json',
  auth: 'sigv4',
  isRegional: true,
  handle,
})

/** IAM Access Analyzer (restJson1). Regional: the Region comes from the SigV4 scope. */
export const accessAnalyzerRouter: Router = (req) => {
  const { method, path } = req
  if (method === 'GET' && path === '/analyzer') return route('ListAnalyzers', listAnalyzers)
  if (method === 'POST' && path === '/finding') return route('ListFindings', listFindings(1))
  if (method === 'POST' && path === '/findingv2') return route('ListFindingsV2', listFindings(2))
  if (method === 'POST' && path === '/analyzer/findings/statistics')
    return route('GetFindingsStatistics', getFindingsStatistics)
  const v2 = /^\/findingv2\/([^/]+)$/.exec(path)
  if (method === 'GET' && v2?.[1]) return route('GetFindingV2', getFindingV2(decodeURIComponent(v2[1])))
  return undefined
}
