import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { FaultEngine } from './faults'
import { cannedErrors, errorReply, type Reply, type RequestInfo } from './protocol'
import { type Outcome, RequestLog } from './request-log'
import type { Route, Router } from './routing'
import { loadScenario, parseScenario } from './scenario-loader'
import type { Scenario, ScenarioInput } from './scenario-schema'
import { accessAnalyzerRouter } from './services/access-analyzer'
import { organizationsRouter } from './services/organizations'
import { queryRouter } from './services/query'
import { ssoOidcRouter } from './services/sso-oidc'
import { ssoPortalRouter } from './services/sso-portal'
import { trustedAdvisorRouter } from './services/trusted-advisor'
import { type SsoLoginOptions, writeSsoLogin } from './sso-login'
import { FakeState, staticKeyFor } from './state'

/** A running fake AWS server. */
export interface FakeAws {
  /** `http://127.0.0.1:PORT` */
  endpoint: string
  /** AWS_ENDPOINT_URL and every AWS_ENDPOINT_URL_<SERVICE> pointing at the endpoint, plus AWS_REGION. */
  env: Record<string, string>
  scenario: Scenario
  counts: RequestLog
  resetCounts(): void
  /** Static keys the server maps to the account (works for every scenario account). */
  staticCredentials(accountId: string): { accessKeyId: string; secretAccessKey: string }
  /** Writes an AWS-CLI-format SSO token cache + `[sso-session]` config under `home/.aws`. */
  writeSsoLogin(home: string, opts?: SsoLoginOptions): Promise<void>
  /** Invalidates every SSO access and refresh token issued so far. */
  revokeSsoTokens(): void
  close(): Promise<void>
}

/** Service ids whose endpoint env var is set (AWS_ENDPOINT_URL_ + serviceId uppercased, spaces → _). */
const SERVICE_ENV_IDS = ['STS', 'IAM', 'TRUSTEDADVISOR', 'ACCESSANALYZER', 'SSO', 'SSO_OIDC', 'ORGANIZATIONS']

const routers: readonly Router[] = [
  queryRouter,
  trustedAdvisorRouter,
  accessAnalyzerRouter,
  ssoPortalRouter,
  ssoOidcRouter,
  organizationsRouter,
]

/** Parses `Credential=AKID/date/region/service/aws4_request` out of a SigV4 Authorization header. */
function parseSigV4(header: string | undefined) {
  const match = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(header ?? '')
  return { accessKeyId: match?.[1], signingRegion: match?.[2], signingService: match?.[3] }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function send(res: ServerResponse, reply: Reply): void {
  const body = Buffer.from(reply.body)
  res.writeHead(reply.status, {
    'x-amzn-requestid': randomUUID(),
    ...reply.headers,
    'content-length': String(body.length),
  })
  res.end(body)
}

function outcomeOf(reply: Reply): Outcome {
  return reply.outcome ?? (reply.status < 300 ? 'ok' : 'error')
}

/** Builds the request handler for one scenario. */
function createHandler(state: FakeState, faults: FaultEngine, log: RequestLog) {
  const scenario = state.scenario
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const info: RequestInfo = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: await readBody(req),
      ...parseSigV4(req.headers.authorization),
    }
    let route: Route | undefined
    for (const router of routers) {
      route = router(info)
      if (route) break
    }
    const region =
      info.signingRegion ??
      (route?.protocol === 'sso' || route?.protocol === 'oidc' ? scenario.sso.region : scenario.defaultRegion)
    if (!route) {
      const reply = errorReply(
        'rest-json',
        'UnknownOperationException',
        404,
        `fake-aws: no route for ${info.method} ${info.path}`,
      )
      log.record({ accountId: null, api: 'Unknown', region, outcome: 'error', status: 404 })
      send(res, reply)
      return
    }
    const identity = route.auth === 'sigv4' && info.accessKeyId ? state.identify(info.accessKeyId) : undefined
    const accountId = route.auth === 'sigv4' ? (identity?.accountId ?? null) : (route.accountId ?? null)
    const target = {
      api: route.api,
      accountId,
      region,
      protocol: route.protocol,
      ...(route.isRegional ? { isRegional: true } : {}),
    }
    const finish = (reply: Reply) => {
      log.record({ accountId, api: route.api, region, outcome: outcomeOf(reply), status: reply.status })
      send(res, reply)
    }

    const delay = faults.delayMs()
    if (delay > 0) await sleep(delay)
    if (faults.shouldDrop(target)) {
      log.record({ accountId, api: route.api, region, outcome: 'dropped', status: 0 })
      req.socket.destroy()
      return
    }
    if (faults.shouldHang(target)) {
      // Never answered: the client's own timeouts must end it (server.close() destroys the socket).
      log.record({ accountId, api: route.api, region, outcome: 'hung', status: 0 })
      return
    }
    if (route.auth === 'sigv4' && !identity) return finish(cannedErrors.invalidToken(route.protocol))
    const account = accountId ? state.accounts.get(accountId) : undefined
    // Opt-in Regions that are not enabled reject the credentials outright, like AWS does.
    if (route.isRegional && account?.disabledRegions.includes(region))
      return finish(cannedErrors.invalidToken(route.protocol))
    const decision = faults.decide(target)
    if (decision.kind === 'reply') return finish(decision.reply)
    try {
      finish(await route.handle({ req: info, state, identity, region }))
    } catch (error) {
      finish(
        errorReply(
          route.protocol,
          'InternalFailure',
          500,
          `fake-aws handler failed: ${(error as Error).message}`,
        ),
      )
    }
  }
}

/**
 * Starts the fake AWS server on 127.0.0.1 (random port unless given) for a scenario object (defaults
 * optional) or a .json/.yaml file.
 * Throws ScenarioError for an invalid scenario.
 */
export async function startFakeAws(options: {
  scenario: Scenario | ScenarioInput | string
  port?: number
}): Promise<FakeAws> {
  const scenario =
    typeof options.scenario === 'string'
      ? await loadScenario(options.scenario)
      : parseScenario(options.scenario)
  const state = new FakeState(scenario)
  const faults = new FaultEngine(scenario.faults)
  const counts = new RequestLog()
  const handler = createHandler(state, faults, counts)
  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, errorReply('rest-json', 'InternalFailure', 500, String(error)))
    })
  })
  // Like AWS's endpoints, keep idle connections open a while: Node's agent gives up a socket 1 s before the
  // server's keep-alive hint, so a 1 s timeout made every call open a new connection.
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const endpoint = `http://127.0.0.1:${port}`
  const env: Record<string, string> = {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: scenario.defaultRegion,
    AWS_EC2_METADATA_DISABLED: 'true',
  }
  for (const id of SERVICE_ENV_IDS) env[`AWS_ENDPOINT_URL_${id}`] = endpoint

  let closing: Promise<void> | undefined
  return {
    endpoint,
    env,
    scenario,
    counts,
    resetCounts: () => counts.reset(),
    staticCredentials: (accountId) => {
      if (!state.accounts.has(accountId))
        throw new Error(`fake-aws: account ${accountId} is not in the scenario`)
      return staticKeyFor(accountId)
    },
    writeSsoLogin: (home, opts) => writeSsoLogin(state, home, opts),
    revokeSsoTokens: () => state.revokeSsoTokens(),
    // Closing twice (a test, then its clean-up) waits for the same close.
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
      return closing
    },
  }
}
