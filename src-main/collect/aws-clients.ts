import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer'
import { IAMClient } from '@aws-sdk/client-iam'
import { STSClient } from '@aws-sdk/client-sts'
import { TrustedAdvisorClient } from '@aws-sdk/client-trustedadvisor'
import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'
import type { ApiRateLimiter } from './rate-limit'

/** The services the collectors call, named as in AWS_ENDPOINT_URL_<SERVICE>. */
export type ServiceName = 'sts' | 'iam' | 'trustedadvisor' | 'accessanalyzer'

/** Client options a host adds per service and Region (the endpoint override for the fake AWS, for example). */
export type ClientConfigFor = (
  service: ServiceName,
  region: string,
) => { endpoint?: string } & Record<string, unknown>

/** How retries back off: the SDK's standard strategy with this delay per attempt. */
export interface RetrySettings {
  maxAttempts: number
  /** Full-jitter exponential backoff: random() × min(baseDelayMs × 2^attempt, maxDelayMs). */
  baseDelayMs: number
  maxDelayMs: number
}

export const defaultRetry: RetrySettings = { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 20_000 }

export interface ClientSettings {
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider
  clientConfig: ClientConfigFor
  retry: RetrySettings
  /** Each HTTP attempt gives up after this long (a TimeoutError, which the SDK retries). */
  attemptTimeoutMs: number
  /** The account's own limiter: AWS applies its quotas per account (and per Region for regional APIs). */
  limiter: ApiRateLimiter
  /** The run's cancellation signal: also stops requests waiting for a rate-limit token. */
  signal: AbortSignal
  /** Called once per HTTP attempt (retries included) with `service:Operation`. */
  onAttempt(api: string): void
  /** The run's connection pools (`createSharedAgents`); without them each client opens its own. */
  agents?: SharedAgents
}

/** Keep-alive connection pools shared by every account's clients in a run. */
export interface SharedAgents {
  httpAgent: HttpAgent
  httpsAgent: HttpsAgent
  /** Closes every pooled connection, at the end of the run. */
  close(): void
}

/**
 * Connection pools for a whole run: the endpoints are the same hosts for every account (credentials are per
 * request, not per connection), so reusing sockets across accounts saves a TCP and TLS handshake per account,
 * service and Region (about a tenth of the CPU in the bench). A client's destroy() leaves them open.
 */
export function createSharedAgents(): SharedAgents {
  // No cap of its own: the run's semaphores (accounts, calls per account) bound what is in flight.
  const options = { keepAlive: true }
  class SharedHttp extends HttpAgent {
    override destroy(): void {}
    close(): void {
      super.destroy()
    }
  }
  class SharedHttps extends HttpsAgent {
    override destroy(): void {}
    close(): void {
      super.destroy()
    }
  }
  const httpAgent = new SharedHttp(options)
  const httpsAgent = new SharedHttps(options)
  return {
    httpAgent,
    httpsAgent,
    close() {
      httpAgent.close()
      httpsAgent.close()
    },
  }
}

interface MiddlewareClient {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<unknown>,
        context: { commandName?: string },
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'finalizeRequest'; priority: 'low'; name: string },
    ): void
  }
}

/**
 * Every attempt (after the retry middleware, so retries too) waits for a rate-limit token and is counted.
 * Regional services are limited per Region, as AWS applies their quotas; global ones once per account.
 */
function addAttemptMiddleware(
  client: MiddlewareClient,
  service: ServiceName,
  region: string | undefined,
  settings: ClientSettings,
): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const api = `${service}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`
      await settings.limiter.acquire(api, settings.signal, region)
      settings.onAttempt(api)
      return next(args)
    },
    { step: 'finalizeRequest', priority: 'low', name: 'ratchetRateLimitAndCount' },
  )
}

function baseConfig(service: ServiceName, region: string, settings: ClientSettings) {
  const { maxAttempts, baseDelayMs, maxDelayMs } = settings.retry
  return {
    region,
    credentials: settings.credentials,
    retryStrategy: new ConfiguredRetryStrategy(maxAttempts, (attempt: number) =>
      Math.round(Math.random() * Math.min(baseDelayMs * 2 ** attempt, maxDelayMs)),
    ),
    // Both timeouts really abort the attempt: without throwOnRequestTimeout the handler only logs a warning.
    requestHandler: new NodeHttpHandler({
      connectionTimeout: settings.attemptTimeoutMs,
      requestTimeout: settings.attemptTimeoutMs,
      throwOnRequestTimeout: true,
      ...(settings.agents
        ? { httpAgent: settings.agents.httpAgent, httpsAgent: settings.agents.httpsAgent }
        : {}),
    }),
    ...settings.clientConfig(service, region),
  }
}

/** The SDK clients of one account: created lazily, destroyed together when the account is done. */
export class AccountClients {
  readonly #clients = new Map<string, { destroy(): void }>()

  constructor(private readonly settings: ClientSettings) {}

  #get<T extends { destroy(): void }>(key: string, create: () => T): T {
    const existing = this.#clients.get(key)
    if (existing) return existing as T
    const client = create()
    this.#clients.set(key, client)
    return client
  }

  sts(): STSClient {
    return this.#get('sts', () =>
      this.#wire(new STSClient(baseConfig('sts', 'us-east-1', this.settings)), 'sts'),
    )
  }

  iam(): IAMClient {
    return this.#get('iam', () =>
      this.#wire(new IAMClient(baseConfig('iam', 'us-east-1', this.settings)), 'iam'),
    )
  }

  /** Trusted Advisor's API is global; it is called in us-east-1. */
  trustedAdvisor(): TrustedAdvisorClient {
    return this.#get('ta', () =>
      this.#wire(
        new TrustedAdvisorClient(baseConfig('trustedadvisor', 'us-east-1', this.settings)),
        'trustedadvisor',
      ),
    )
  }

  accessAnalyzer(region: string): AccessAnalyzerClient {
    return this.#get(`aa:${region}`, () =>
      this.#wire(
        new AccessAnalyzerClient(baseConfig('accessanalyzer', region, this.settings)),
        'accessanalyzer',
        region,
      ),
    )
  }

  destroy(): void {
    for (const client of this.#clients.values()) client.destroy()
    this.#clients.clear()
  }

  #wire<T>(client: T, service: ServiceName, region?: string): T {
    addAttemptMiddleware(client as unknown as MiddlewareClient, service, region, this.settings)
    return client
  }
}
