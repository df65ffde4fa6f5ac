import { errorReply, jsonReply, type Reply } from '../protocol'
import { type HandlerContext, paginate, type Route, type Router } from '../routing'

/**
 * AWS Organizations, awsJson1_1: `POST /` with `X-Amz-Target: AWSOrganizationsV20161128.<Operation>`.
 * Only ListAccounts and ListTagsForResource, which Ratchet reads to import account names and tags. Only the
 * scenario's management account may call them (a member gets AccessDeniedException, a scenario without an
 * organization AWSOrganizationsNotInUseException), as in AWS.
 */
const TARGET_PREFIX = 'AWSOrganizationsV20161128.'
const LIMITS = { max: 20, default: 20 }
type Json = Record<string, unknown>

function validation(message: string): Reply {
  return errorReply('rest-json', 'InvalidInputException', 400, message)
}

function parseBody(body: string): Json | undefined {
  try {
    const parsed: unknown = body.trim() === '' ? {} : JSON.parse(body)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Json) : undefined
  } catch {
    return undefined
  }
}

/** The management account's gate: undefined when the caller may read the organization. */
function managementGate(ctx: HandlerContext): Reply | undefined {
  const org = ctx.state.scenario.organization
  if (!org)
    return errorReply(
      'rest-json',
      'AWSOrganizationsNotInUseException',
      400,
      'Your account is not a member of an organization.',
    )
  if (ctx.identity?.accountId !== org.managementAccountId)
    return errorReply(
      'rest-json',
      'AccessDeniedException',
      400,
      "You don't have permissions to access this resource.",
      {
        outcome: 'denied',
      },
    )
  return undefined
}

function page(items: readonly unknown[], key: string, input: Json): Reply {
  const maxResults = input.MaxResults
  const result = paginate(
    items,
    typeof input.NextToken === 'string' ? input.NextToken : undefined,
    typeof maxResults === 'number' ? maxResults : undefined,
    LIMITS,
  )
  if ('error' in result) return validation(result.error)
  return jsonReply({ [key]: result.page, ...(result.nextToken ? { NextToken: result.nextToken } : {}) })
}

function listAccounts(ctx: HandlerContext, input: Json): Reply {
  const org = ctx.state.scenario.organization
  const accounts = ctx.state.scenario.accounts.map((a) => ({
    Id: a.id,
    Arn: `arn:aws:organizations::${org?.managementAccountId}:account/o-fake/${a.id}`,
    Email: a.email,
    Name: a.name,
    Status: 'ACTIVE',
    State: 'ACTIVE',
    JoinedMethod: a.id === org?.managementAccountId ? 'CREATED' : 'INVITED',
    // awsJson timestamps are epoch seconds.
    JoinedTimestamp: Math.floor(Date.parse(ctx.state.clock.iso(400)) / 1000),
  }))
  return page(accounts, 'Accounts', input)
}

function listTags(ctx: HandlerContext, input: Json): Reply {
  const id = input.ResourceId
  if (typeof id !== 'string') return validation('ResourceId is required')
  const account = ctx.state.accounts.get(id)
  if (!account)
    return errorReply('rest-json', 'TargetNotFoundException', 400, `We can't find a resource with ${id}.`)
  const tags = Object.entries(account.tags).map(([Key, Value]) => ({ Key, Value }))
  return page(tags, 'Tags', input)
}

const operations: Record<string, (ctx: HandlerContext, input: Json) => Reply> = {
  ListAccounts: listAccounts,
  ListTagsForResource: listTags,
}

/** Routes `POST /` requests whose X-Amz-Target names an Organizations operation. */
export const organizationsRouter: Router = (req) => {
  const target = req.headers['x-amz-target']
  if (req.method !== 'POST' || typeof target !== 'string' || !target.startsWith(TARGET_PREFIX))
    return undefined
  const api = target.slice(TARGET_PREFIX.length)
  const operation = operations[api]
  const route: Route = {
    api,
    protocol: 'rest-json',
    auth: 'sigv4',
    isRegional: false,
    handle(ctx) {
      if (!operation)
        return errorReply('rest-json', 'UnknownOperationException', 400, `Unknown operation ${api}`)
      const denied = managementGate(ctx)
      if (denied) return denied
      const input = parseBody(ctx.req.body)
      return input ? operation(ctx, input) : validation('The request body is not valid JSON')
    },
  }
  return route
}
