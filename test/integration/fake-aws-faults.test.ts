import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer'
import { GetAccountSummaryCommand, GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam'
import { ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import {
  ListChecksCommand,
  ListRecommendationsCommand,
  TrustedAdvisorClient,
} from '@aws-sdk/client-trustedadvisor'
import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import { afterEach, describe, expect, it } from 'vitest'
import { type FakeAws, type ScenarioInput, startFakeAws } from '../fake-aws/index'
import { clientConfig } from '../fake-aws/testing'

const A = '111111111111'
const B = '222222222222'

const running: FakeAws[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((f) => f.close()))
})

async function start(faults: ScenarioInput['faults']): Promise<FakeAws> {
  const scenario: ScenarioInput = {
    accounts: [
      { id: A, name: 'a', credentialReport: { initialState: 'ready' } },
      { id: B, name: 'b', credentialReport: { initialState: 'ready' } },
    ],
    faults,
  }
  const fake = await startFakeAws({ scenario })
  running.push(fake)
  return fake
}

describe('throttling', () => {
  it('answers 429 ThrottlingException over the rate, and the SDK retry succeeds once the bucket refills', async () => {
    const fake = await start({ throttle: [{ api: 'ListRecommendations', ratePerSecond: 2, burst: 1 }] })
    const ta = new TrustedAdvisorClient({
      ...clientConfig(fake, A),
      // 600 ms > the 500 ms refill interval, so the single retry finds a token.
      retryStrategy: new ConfiguredRetryStrategy(3, 600),
    })
    await ta.send(new ListRecommendationsCommand({}))
    const second = await ta.send(new ListRecommendationsCommand({}))
    expect(second.$metadata.attempts).toBe(2)
    expect(fake.counts.total({ api: 'ListRecommendations', outcome: 'throttled' })).toBe(1)
    expect(fake.counts.total({ api: 'ListRecommendations', outcome: 'ok' })).toBe(2)
  })

  it('throttles per account: another account still has its own bucket', async () => {
    const fake = await start({ throttle: [{ api: 'ListRecommendations', ratePerSecond: 0.001, burst: 1 }] })
    await new TrustedAdvisorClient(clientConfig(fake, A)).send(new ListRecommendationsCommand({}))
    await new TrustedAdvisorClient(clientConfig(fake, B)).send(new ListRecommendationsCommand({}))
    expect(fake.counts.total({ outcome: 'throttled' })).toBe(0)
  })

  it('answers 400 <Code>Throttling</Code> in XML and gives up after maxAttempts', async () => {
    const fake = await start({ throttle: [{ api: 'GetAccountSummary', ratePerSecond: 0.001, burst: 1 }] })
    const iam = new IAMClient(clientConfig(fake, A, { maxAttempts: 2, fastRetries: true }))
    await iam.send(new GetAccountSummaryCommand({}))
    const error = await iam.send(new GetAccountSummaryCommand({})).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'Throttling', $metadata: { httpStatusCode: 400, attempts: 2 } })
    expect(fake.counts.total({ api: 'GetAccountSummary', outcome: 'throttled', accountId: A })).toBe(2)
  })

  it('sends retry-after when the scenario asks for it', async () => {
    const fake = await start({
      throttle: [{ api: 'ListChecks', ratePerSecond: 0.001, burst: 1, retryAfterSeconds: 7 }],
    })
    const headers = {
      authorization: `AWS4-HMAC-SHA256 Credential=${fake.staticCredentials(A).accessKeyId}/20260101/us-east-1/trustedadvisor/aws4_request, SignedHeaders=host, Signature=0`,
    }
    expect((await fetch(`${fake.endpoint}/v1/checks`, { headers })).status).toBe(200)
    const throttled = await fetch(`${fake.endpoint}/v1/checks`, { headers })
    expect(throttled.status).toBe(429)
    expect(throttled.headers.get('retry-after')).toBe('7')
    expect(throttled.headers.get('x-amzn-errortype')).toBe('ThrottlingException')
  })
})

describe('SSO portal throttling', () => {
  it('answers 429 TooManyRequestsException', async () => {
    const fake = await start({ throttle: [{ api: 'ListAccounts', ratePerSecond: 0.001, burst: 1 }] })
    const home = await mkdtemp(join(tmpdir(), 'fake-aws-faults-'))
    try {
      await fake.writeSsoLogin(home, { session: 's' })
      const file = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('s').digest('hex')}.json`)
      const { accessToken } = JSON.parse(await readFile(file, 'utf8'))
      const sso = new SSOClient({ region: 'us-east-1', endpoint: fake.endpoint, maxAttempts: 1 })
      await sso.send(new ListAccountsCommand({ accessToken }))
      const error = await sso.send(new ListAccountsCommand({ accessToken })).catch((e: unknown) => e)
      expect(error).toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } })
    } finally {
      await rm(home, { recursive: true, force: true })
    }
  })
})

describe('5xx bursts and dropped connections', () => {
  it('fails the first N calls with 503 and the SDK retries through the burst', async () => {
    const fake = await start({ errorBursts: [{ api: 'GetCallerIdentity', count: 2, status: 503 }] })
    const sts = new STSClient(clientConfig(fake, A, { fastRetries: true }))
    const who = await sts.send(new GetCallerIdentityCommand({}))
    expect(who.$metadata.attempts).toBe(3)
    expect(fake.counts.entries().map((e) => [e.status, e.outcome])).toEqual([
      [503, 'error'],
      [503, 'error'],
      [200, 'ok'],
    ])
  })

  it('surfaces a 500 burst as InternalServerException with maxAttempts 1', async () => {
    const fake = await start({ errorBursts: [{ api: 'ListChecks', count: 1, status: 500 }] })
    const ta = new TrustedAdvisorClient(clientConfig(fake, A, { maxAttempts: 1 }))
    const error = await ta.send(new ListChecksCommand({})).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'InternalServerException', $metadata: { httpStatusCode: 500 } })
  })

  it('renders XML 5xx as ServiceFailure', async () => {
    const fake = await start({ errorBursts: [{ api: 'GetAccountSummary', count: 1, status: 500 }] })
    const iam = new IAMClient(clientConfig(fake, A, { maxAttempts: 1 }))
    const error = await iam.send(new GetAccountSummaryCommand({})).catch((e: unknown) => e)
    expect(error).toMatchObject({
      name: 'ServiceFailureException',
      Code: 'ServiceFailure',
      $metadata: { httpStatusCode: 500 },
    })
  })

  it('destroys the socket for dropped calls; the SDK retries the connection reset', async () => {
    const fake = await start({ drops: [{ api: 'ListChecks', count: 1 }] })
    const ta = new TrustedAdvisorClient(clientConfig(fake, A, { fastRetries: true }))
    const out = await ta.send(new ListChecksCommand({}))
    expect(out.$metadata.attempts).toBe(2)
    expect(fake.counts.total({ api: 'ListChecks', outcome: 'dropped' })).toBe(1)
    expect(fake.counts.total({ api: 'ListChecks', outcome: 'ok' })).toBe(1)
  })
})

describe('AccessDenied and latency', () => {
  it('denies one API for one account only', async () => {
    const fake = await start({ accessDenied: [{ api: 'GetCredentialReport', accountId: A }] })
    const denied = await new IAMClient(clientConfig(fake, A, { maxAttempts: 1 }))
      .send(new GetCredentialReportCommand({}))
      .catch((e: unknown) => e)
    expect(denied).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })
    expect(String((denied as Error).message)).toContain('GetCredentialReport')
    const ok = await new IAMClient(clientConfig(fake, B)).send(new GetCredentialReportCommand({}))
    expect(ok.ReportFormat).toBe('text/csv')
    expect(fake.counts.total({ outcome: 'denied' })).toBe(1)
  })

  it('denies a JSON API with AccessDeniedException', async () => {
    const fake = await start({ accessDenied: [{ api: 'ListAnalyzers' }] })
    const aa = new AccessAnalyzerClient(clientConfig(fake, B, { maxAttempts: 1 }))
    const error = await aa.send(new ListAnalyzersCommand({})).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } })
  })

  it('adds the configured latency before answering', async () => {
    const fake = await start({ latency: { fixedMs: 40, jitterMs: 10 } })
    const sts = new STSClient(clientConfig(fake, A))
    const started = performance.now()
    await sts.send(new GetCallerIdentityCommand({}))
    expect(performance.now() - started).toBeGreaterThanOrEqual(40)
  })
})
