import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { endpointFor } from './client-config'
import { toAwsError } from './errors'

const named = (name: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name, ...extra })

describe('AWS errors tell the user what to do', () => {
  const context = { action: 'Listing the accounts of corp', sessionId: 'corp' }

  it('maps an expired or unauthorized SSO token to the sign-in error', () => {
    for (const error of [
      named('UnauthorizedException', 'Session token not found or invalid'),
      named('CredentialsProviderError', 'UnauthorizedException: Session token not found or invalid'),
      named('CredentialsProviderError', 'The SSO session associated with this profile has expired.'),
      named(
        'TokenProviderError',
        'The SSO session token associated with profile=a was not found or is invalid.',
      ),
    ]) {
      const mapped = toAwsError(error, context)
      expect(mapped.code).toBe('sso-token-expired')
      expect(mapped.message).toContain('corp')
      expect(mapped.hint).toContain('Sign in again')
      expect(mapped.hint).toContain('aws sso login --sso-session corp')
    }
  })

  it('names the role and account when a role is not assigned', () => {
    const mapped = toAwsError(named('ForbiddenException', 'No access'), {
      action: 'Getting credentials',
      accountId: '111111111111',
      roleName: 'SecurityAudit',
    })
    expect(mapped).toMatchObject({ code: 'sso-role-not-assigned' })
    expect(mapped.message).toContain('SecurityAudit')
    expect(mapped.message).toContain('111111111111')
  })

  it('points AccessDenied at the least-privilege policy', () => {
    const mapped = toAwsError(
      named('AccessDenied', 'User is not authorized to perform: iam:GenerateCredentialReport', {
        $metadata: { httpStatusCode: 403 },
      }),
      { action: 'Collecting', accountId: '111111111111' },
    )
    expect(mapped.code).toBe('aws-access-denied')
    expect(mapped.hint).toContain('docs/iam-policy.json')
  })

  it('reports an unreachable endpoint from anywhere in the cause chain', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' })
    const mapped = toAwsError(Object.assign(new Error('socket failed'), { cause }), {
      action: 'Signing in',
      endpoint: 'http://127.0.0.1:9',
    })
    expect(mapped.code).toBe('aws-unreachable')
    expect(mapped.message).toContain('http://127.0.0.1:9')
    expect(mapped.message).toContain('ECONNREFUSED')
    expect(
      toAwsError(named('Error', 'getaddrinfo ENOTFOUND portal.sso.us-east-1.amazonaws.com'), context).code,
    ).toBe('aws-unreachable')
  })

  it('keeps AppErrors and wraps anything else with the action', () => {
    const original = new AppError('internal', 'y')
    expect(toAwsError(original, context)).toBe(original)
    expect(toAwsError(named('ThrottlingException', 'Rate exceeded'), context)).toMatchObject({
      code: 'aws-error',
      message: 'Listing the accounts of corp failed: ThrottlingException: Rate exceeded',
    })
  })
})

describe('endpoints from the environment', () => {
  it('prefers the service variable, falls back to AWS_ENDPOINT_URL, and honours the ignore switch', () => {
    const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:2' }
    expect(endpointFor('sso-oidc', env)).toBe('http://127.0.0.1:2')
    expect(endpointFor('sso', env)).toBe('http://127.0.0.1:1')
    expect(endpointFor('iam', {})).toBeUndefined()
    expect(endpointFor('sts', { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toBeUndefined()
  })
})
