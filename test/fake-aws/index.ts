/**
 * The fake AWS server: real wire protocols (awsQuery XML, restJson1, SSO bearer, OIDC) served from a
 * scenario, with fault injection and per-account request counting. See test/fake-aws/README.md.
 */
export { type GenerateOrganizationOptions, generateOrganization } from './generator'
export type { Outcome, RequestFilter, RequestLog, RequestLogEntry } from './request-log'
export { formatPath, loadScenario, parseScenario, ScenarioError } from './scenario-loader'
export type { Scenario, ScenarioAccount, ScenarioInput } from './scenario-schema'
export { type FakeAws, startFakeAws } from './server'
export type { SsoLoginOptions } from './sso-login'
export { staticKeyFor } from './state'
