import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import type { FakeAws } from './server'

/**
 * SDK client config for calling the fake as `accountId` with static keys. `fastRetries` swaps the SDK's
 * 50 ms / 1 s base backoff for 5 ms so retry tests stay fast (same attempt counting and retry rules).
 */
export function clientConfig(
  fake: FakeAws,
  accountId: string,
  options: { region?: string; maxAttempts?: number; fastRetries?: boolean } = {},
) {
  const maxAttempts = options.maxAttempts ?? 3
  return {
    region: options.region ?? fake.scenario.defaultRegion,
    endpoint: fake.endpoint,
    credentials: fake.staticCredentials(accountId),
    maxAttempts,
    ...(options.fastRetries ? { retryStrategy: new ConfiguredRetryStrategy(maxAttempts, 5) } : {}),
  }
}

/**
 * Sets environment variables for the duration of `run` and restores the previous values afterwards
 * (also on failure), so tests that need HOME / AWS_CONFIG_FILE do not leak into each other.
 */
export async function withEnv<T>(
  vars: Record<string, string | undefined>,
  run: () => Promise<T>,
): Promise<T> {
  const saved = new Map(Object.keys(vars).map((k) => [k, process.env[k]]))
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  try {
    return await run()
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}

/** An SDK call's rejection for AWS error `name` with an HTTP status (and message), for `toMatchObject`. */
export const awsError = (name: string, httpStatusCode: number, message?: string) => ({
  name,
  $metadata: { httpStatusCode },
  ...(message === undefined ? {} : { message }),
})
