import { randomUUID } from 'node:crypto'
import type { Outcome } from './request-log'

/** The wire protocol a route speaks; decides how errors are rendered. */
export type Protocol = 'iam' | 'sts' | 'rest-json' | 'sso' | 'oidc'

/** What a handler answers. `outcome` overrides the one derived from the status. */
export interface Reply {
  status: number
  headers?: Record<string, string>
  body: string
  outcome?: Outcome
}

/** Everything a handler needs to know about one request. */
export interface RequestInfo {
  method: string
  path: string
  query: URLSearchParams
  headers: Record<string, string | string[] | undefined>
  body: string
  /** From the SigV4 Authorization header, when signed. */
  accessKeyId: string | undefined
  signingRegion: string | undefined
  signingService: string | undefined
}

const XML_NS: Record<'iam' | 'sts', string> = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
}

/** Escapes text for an XML element body. */
export function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** A JSON 200 reply. */
export function jsonReply(body: unknown, status = 200): Reply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
}

/** An awsQuery success reply: `<{Action}Response><{Action}Result>inner</…Result><ResponseMetadata/>`. */
export function queryReply(protocol: 'iam' | 'sts', action: string, inner: string): Reply {
  const body =
    `<${action}Response xmlns="${XML_NS[protocol]}">` +
    `<${action}Result>${inner}</${action}Result>` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>` +
    `</${action}Response>`
  return { status: 200, headers: { 'content-type': 'text/xml' }, body }
}

/** An error in the protocol's own format (REST-JSON header + message, awsQuery ErrorResponse, OAuth error). */
export function errorReply(
  protocol: Protocol,
  code: string,
  status: number,
  message: string,
  extra: { headers?: Record<string, string>; outcome?: Outcome; oauthError?: string } = {},
): Reply {
  const headers: Record<string, string> = { ...extra.headers }
  let body: string
  if (protocol === 'iam' || protocol === 'sts') {
    headers['content-type'] = 'text/xml'
    const type = status >= 500 ? 'Receiver' : 'Sender'
    body =
      `<ErrorResponse xmlns="${XML_NS[protocol]}"><Error><Type>${type}</Type><Code>${code}</Code>` +
      `<Message>${xmlEscape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`
  } else {
    headers['content-type'] = 'application/json'
    headers['x-amzn-errortype'] = code
    body =
      protocol === 'oidc'
        ? JSON.stringify({ error: extra.oauthError ?? code, error_description: message })
        : JSON.stringify({ message })
  }
  return { status, headers, body, ...(extra.outcome ? { outcome: extra.outcome } : {}) }
}

/** The canned errors every protocol can produce, with each protocol's real code and status. */
export const cannedErrors = {
  throttled(protocol: Protocol, retryAfterSeconds?: number): Reply {
    const headers: Record<string, string> = retryAfterSeconds
      ? { 'retry-after': String(retryAfterSeconds) }
      : {}
    if (protocol === 'iam' || protocol === 'sts')
      return errorReply(protocol, 'Throttling', 400, 'Rate exceeded', { headers, outcome: 'throttled' })
    const code = protocol === 'sso' ? 'TooManyRequestsException' : 'ThrottlingException'
    return errorReply(protocol, code, 429, 'Rate exceeded', { headers, outcome: 'throttled' })
  },
  serverError(protocol: Protocol, status: 500 | 503): Reply {
    if (protocol === 'iam' || protocol === 'sts')
      return errorReply(
        protocol,
        status === 500 ? 'ServiceFailure' : 'ServiceUnavailable',
        status,
        'Injected failure',
      )
    const code = status === 500 ? 'InternalServerException' : 'ServiceUnavailableException'
    return errorReply(protocol, code, status, 'Injected failure')
  },
  accessDenied(protocol: Protocol, api: string, accountId: string | null): Reply {
    const principal = accountId ? `arn:aws:iam::${accountId}:user/fake` : 'anonymous'
    const message = `User: ${principal} is not authorized to perform: ${api} because no identity-based policy allows it`
    const code = protocol === 'iam' || protocol === 'sts' ? 'AccessDenied' : 'AccessDeniedException'
    return errorReply(protocol, code, 403, message, { outcome: 'denied' })
  },
  /** What AWS answers for an unknown key, and for any call into an opt-in Region that is not enabled. */
  invalidToken(protocol: Protocol): Reply {
    const code =
      protocol === 'iam' || protocol === 'sts' ? 'InvalidClientTokenId' : 'UnrecognizedClientException'
    return errorReply(protocol, code, 403, 'The security token included in the request is invalid.', {
      outcome: 'denied',
    })
  },
}
