/**
 * Endpoint configuration for the SDK clients, read from the environment the host hands the services
 * (never from process.env directly), so tests and the CLI can point Ratchet at the fake AWS server.
 */

/** The services Ratchet talks to, by the SDK's service id. */
export const awsServices = [
  'sts',
  'iam',
  'trustedadvisor',
  'accessanalyzer',
  'sso',
  'sso-oidc',
  'organizations',
] as const
export type AwsService = (typeof awsServices)[number]

/** `AWS_ENDPOINT_URL_<SERVICE ID>`: the SDK's service id upper-cased, spaces (and dashes) as underscores. */
const envNames: Record<AwsService, string> = {
  sts: 'AWS_ENDPOINT_URL_STS',
  iam: 'AWS_ENDPOINT_URL_IAM',
  trustedadvisor: 'AWS_ENDPOINT_URL_TRUSTEDADVISOR',
  accessanalyzer: 'AWS_ENDPOINT_URL_ACCESSANALYZER',
  sso: 'AWS_ENDPOINT_URL_SSO',
  'sso-oidc': 'AWS_ENDPOINT_URL_SSO_OIDC',
  organizations: 'AWS_ENDPOINT_URL_ORGANIZATIONS',
}

type Env = Readonly<Record<string, string | undefined>>

/**
 * The endpoint for one service: `AWS_ENDPOINT_URL_<SERVICE>`, else `AWS_ENDPOINT_URL`, else undefined
 * (the SDK's default). `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` turns both off, as in the SDK.
 */
export function endpointFor(service: AwsService, env: Env): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true') return undefined
  const value = env[envNames[service]] ?? env.AWS_ENDPOINT_URL
  return value?.trim() ? value.trim() : undefined
}

/** Client options for one service: `{ endpoint }` when one is configured, `{}` otherwise. */
export function clientConfigFor(service: AwsService, env: Env): { endpoint?: string } {
  const endpoint = endpointFor(service, env)
  return endpoint ? { endpoint } : {}
}
