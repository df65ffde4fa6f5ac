import { AppError } from '../../shared/errors'

/** What Ratchet was doing, for the message: "Listing the accounts of corp", "Signing in to 111111111111". */
export interface AwsErrorContext {
  action: string
  /** The SSO session, when there is one: the sign-in hint names it. */
  sessionId?: string
  accountId?: string
  roleName?: string
  /** The endpoint Ratchet tried to reach (for the unreachable error). */
  endpoint?: string
}

const networkCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
])

function fieldOf(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[key] : undefined
}

/** The network error code anywhere in the cause chain (the SDK wraps Node's errors). */
function networkCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = fieldOf(current, 'code')
    if (typeof code === 'string' && networkCodes.has(code)) return code
    const message = fieldOf(current, 'message')
    const match =
      typeof message === 'string' ? /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH)\b/.exec(message) : null
    if (match?.[1]) return match[1]
    current = fieldOf(current, 'cause')
  }
  return undefined
}

/** The sign-in error: the hint offers to sign in again. The renderer shows a Sign in button for this code. */
export function tokenExpiredError(sessionId: string | undefined, action: string): AppError {
  const name = sessionId ? ` ${sessionId}` : ''
  return new AppError(
    'sso-token-expired',
    `${action} failed: the SSO session${name} has expired or is not signed in.`,
    `Sign in again in Settings → AWS (or run \`aws sso login${sessionId && !sessionId.includes('://') ? ` --sso-session ${sessionId}` : ''}\`).`,
  )
}

/**
 * Turns an SDK, credential-provider or network error into an AppError that says what to do next:
 * token expired → sign in; role not assigned; AccessDenied → the policy in the README; unreachable.
 */
export function toAwsError(error: unknown, context: AwsErrorContext): AppError {
  if (error instanceof AppError) return error
  const name = String(fieldOf(error, 'name') ?? '')
  const message = String(fieldOf(error, 'message') ?? error)
  const status = fieldOf(fieldOf(error, '$metadata'), 'httpStatusCode')
  const net = networkCode(error)
  if (net) {
    return new AppError(
      'aws-unreachable',
      `${context.action} failed: could not reach ${context.endpoint ?? 'AWS'} (${net}).`,
      'Check your network connection, VPN or proxy, and any AWS_ENDPOINT_URL settings, then try again.',
    )
  }
  const isTokenProblem =
    name === 'UnauthorizedException' ||
    name === 'ExpiredTokenException' ||
    name === 'InvalidGrantException' ||
    /UnauthorizedException|session (token )?associated with (this )?profile|token is expired|has expired|not found or is invalid|Cannot refresh|run .?aws sso login/i.test(
      message,
    )
  if (isTokenProblem) return tokenExpiredError(context.sessionId, context.action)
  const isRoleMissing =
    name === 'ResourceNotFoundException' ||
    /^(ResourceNotFoundException|ForbiddenException)\b/.test(message) ||
    name === 'ForbiddenException'
  if (isRoleMissing && context.roleName) {
    return new AppError(
      'sso-role-not-assigned',
      `${context.action} failed: the role ${context.roleName ?? '(none)'} is not assigned to you in account ${context.accountId ?? '(unknown)'}.`,
      'Choose another role for this account in Settings → AWS, or ask your IAM Identity Center administrator to assign it.',
    )
  }
  if (
    name === 'AccessDeniedException' ||
    name === 'AccessDenied' ||
    name === 'ForbiddenException' ||
    status === 403 ||
    /AccessDenied|not authorized to perform/i.test(message)
  ) {
    return new AppError(
      'aws-access-denied',
      `${context.action} failed: AWS denied access${context.accountId ? ` in account ${context.accountId}` : ''}: ${message}`,
      'Use a role with the read-only permissions in the README (docs/iam-policy.json), such as SecurityAudit.',
    )
  }
  return new AppError(
    'aws-error',
    `${context.action} failed: ${name && name !== 'Error' ? `${name}: ` : ''}${message}`,
    'Try again; if it keeps failing, check the AWS Health Dashboard and your configuration.',
  )
}
