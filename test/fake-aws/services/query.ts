import { errorReply, queryReply, xmlEscape } from '../protocol'
import type { Route, Router } from '../routing'
import { iamRoute } from './iam'

/** STS awsQuery route. STS is regional, so a disabled Region rejects the token like AWS does. */
function stsRoute(action: string): Route {
  return {
    api: action,
    protocol: 'sts',
    auth: 'sigv4',
    isRegional: true,
    handle: (ctx) => {
      if (action !== 'GetCallerIdentity')
        return errorReply(
          'sts',
          'InvalidAction',
          400,
          `Could not find operation ${action} for version 2011-06-15`,
        )
      const id = ctx.identity
      if (!id) throw new Error('STS route reached without a caller')
      return queryReply(
        'sts',
        'GetCallerIdentity',
        `<Arn>${xmlEscape(id.arn)}</Arn><UserId>${xmlEscape(id.userId)}</UserId><Account>${id.accountId}</Account>`,
      )
    },
  }
}

/**
 * awsQuery (POST / with a form body). IAM and STS share the wire shape, so the service is taken from
 * the SigV4 credential scope, falling back to the API Version in the body.
 */
export const queryRouter: Router = (req) => {
  if (req.method !== 'POST' || req.path !== '/') return undefined
  const contentType = String(req.headers['content-type'] ?? '')
  if (!contentType.includes('application/x-www-form-urlencoded')) return undefined
  const form = new URLSearchParams(req.body)
  const action = form.get('Action') ?? ''
  const service = req.signingService ?? (form.get('Version') === '2011-06-15' ? 'sts' : 'iam')
  return service === 'sts' ? stsRoute(action) : iamRoute(action)
}
