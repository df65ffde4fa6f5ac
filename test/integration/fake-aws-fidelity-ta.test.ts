/**
 * Fidelity: each Trusted Advisor example from the official Smithy model (aws-examples/ta-*.json) is
 * turned into scenario data, served by the fake, read back through the real SDK client, and compared
 * with the documented output. AWS's `nextToken: "<REDACTED>"` placeholder is not compared; the paged
 * organization examples (2 and 3) are replayed with maxResults 1 so that page 1 and page 2 are exactly
 * the documented pages. BatchUpdateRecommendationResourceExclusion (a write API) is not served.
 */
import {
  GetOrganizationRecommendationCommand,
  GetRecommendationCommand,
  ListChecksCommand,
  ListOrganizationRecommendationAccountsCommand,
  ListOrganizationRecommendationResourcesCommand,
  ListOrganizationRecommendationsCommand,
  ListRecommendationResourcesCommand,
  ListRecommendationsCommand,
  TrustedAdvisorClient,
} from '@aws-sdk/client-trustedadvisor'
import { afterEach, describe, expect, it } from 'vitest'
import { normalize, readExample } from '../fake-aws/fidelity'
import { type FakeAws, type ScenarioInput, startFakeAws } from '../fake-aws/index'

type Json = Record<string, unknown>
type Summary = Json & {
  id: string
  arn: string
  checkArn: string
  pillarSpecificAggregates?: { costOptimizing: Json }
}
type Resource = Json & { id: string; arn: string; lastUpdatedAt: string }
type Rec = NonNullable<ScenarioInput['accounts'][number]['trustedAdvisor']>[number]

const ACCOUNT = '000000000000'
const running: FakeAws[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((f) => f.close()))
})

/** Maps a documented summary back to scenario fields; the fake must re-derive ARNs and shapes. */
function recFrom(s: Summary, extra: { description?: string; resources?: Resource[] } = {}): Rec {
  const savings = s.pillarSpecificAggregates?.costOptimizing
  return {
    id: s.id,
    checkId: s.checkArn.split('/').pop() ?? '',
    name: s.name as string,
    type: s.type as 'standard',
    status: s.status as 'ok',
    pillars: s.pillars as ['security'],
    awsServices: s.awsServices as string[],
    source: s.source as string,
    resourcesAggregates: s.resourcesAggregates as Rec['resourcesAggregates'],
    ...(s.lifecycleStage ? { lifecycleStage: s.lifecycleStage as 'resolved' } : {}),
    ...(s.lastUpdatedAt ? { lastUpdated: s.lastUpdatedAt as string } : {}),
    ...(s.createdAt ? { created: s.createdAt as string } : {}),
    ...(savings
      ? {
          estimatedMonthlySavings: savings.estimatedMonthlySavings as number,
          estimatedPercentMonthlySavings: savings.estimatedPercentMonthlySavings as number,
        }
      : {}),
    ...(extra.description ? { description: extra.description } : {}),
    resources: (extra.resources ?? []).map((r) => ({
      id: r.id,
      // Keep the documented ARN only where AWS's example is not derivable (one has a typo in the id).
      ...(r.arn.endsWith(`/${r.id}`) ? {} : { arn: r.arn }),
      awsResourceId: r.awsResourceId as string,
      regionCode: r.regionCode as string,
      status: r.status as 'ok',
      metadata: r.metadata as Record<string, string>,
      exclusionStatus: r.exclusionStatus as 'included',
      lastUpdated: r.lastUpdatedAt,
    })),
  }
}

async function serve(input: Partial<ScenarioInput> & Pick<ScenarioInput, 'accounts'>) {
  const fake = await startFakeAws({ scenario: input })
  running.push(fake)
  return new TrustedAdvisorClient({
    region: 'us-east-1',
    endpoint: fake.endpoint,
    credentials: fake.staticCredentials(ACCOUNT),
    maxAttempts: 1,
  })
}

const outputOf = async (name: string) => (await readExample(name)).output

describe('Trusted Advisor account examples', () => {
  async function accountClient() {
    const list = await readExample<{ recommendationSummaries: Summary[] }>('ta-list-recommendations-1.json')
    const get = await readExample<{ recommendation: Json }>('ta-get-recommendation.json')
    const resources = await readExample<{ recommendationResourceSummaries: Resource[] }>(
      'ta-list-recommendation-resources.json',
    )
    const recs = list.output.recommendationSummaries.map((s) =>
      s.id === (get.output.recommendation.id as string)
        ? recFrom(s, {
            description: get.output.recommendation.description as string,
            resources: resources.output.recommendationResourceSummaries,
          })
        : recFrom(s),
    )
    return serve({ accounts: [{ id: ACCOUNT, name: 'example', trustedAdvisor: recs }] })
  }

  it.each([
    ['ta-list-recommendations.json'],
    ['ta-list-recommendations-1.json'],
    ['ta-list-recommendations-2.json'],
    ['ta-list-recommendations-3.json'],
  ])('replays %s', async (name) => {
    const example = await readExample(name)
    const { nextToken: _placeholder, ...input } = example.input ?? {}
    const out = await (await accountClient()).send(new ListRecommendationsCommand(input))
    expect(normalize(out)).toEqual(normalize(example.output))
  })

  it('replays ta-get-recommendation.json', async () => {
    const example = await readExample('ta-get-recommendation.json')
    const out = await (await accountClient()).send(new GetRecommendationCommand(example.input as never))
    expect(normalize(out)).toEqual(normalize(example.output))
  })

  it('replays ta-list-recommendation-resources.json', async () => {
    const example = await readExample('ta-list-recommendation-resources.json')
    const out = await (await accountClient()).send(
      new ListRecommendationResourcesCommand(example.input as never),
    )
    expect(normalize(out)).toEqual(normalize(example.output))
  })

  it('replays ta-list-checks.json', async () => {
    const example = await readExample<{ checkSummaries: (Json & { id: string })[] }>('ta-list-checks.json')
    const checks = example.output.checkSummaries.map(({ arn: _derived, ...c }) => c)
    const client = await serve({
      accounts: [{ id: ACCOUNT, name: 'example' }],
      trustedAdvisorChecks: checks as ScenarioInput['trustedAdvisorChecks'],
    })
    const out = await client.send(new ListChecksCommand({}))
    expect(normalize(out)).toEqual(normalize(example.output))
  })
})

describe('Trusted Advisor organization examples', () => {
  async function orgClient() {
    const list = await readExample<{ organizationRecommendationSummaries: Summary[] }>(
      'ta-list-organization-recommendations-1.json',
    )
    const get = await readExample<{ organizationRecommendation: Json }>(
      'ta-get-organization-recommendation.json',
    )
    const accounts = await readExample<{ accountRecommendationLifecycleSummaries: Json[] }>(
      'ta-list-organization-recommendation-accounts.json',
    )
    const recommendations = list.output.organizationRecommendationSummaries.map((s) => {
      if (s.id !== get.output.organizationRecommendation.id) return recFrom(s)
      return {
        ...recFrom(s, { description: get.output.organizationRecommendation.description as string }),
        accounts: accounts.output.accountRecommendationLifecycleSummaries.map((a) => ({
          accountId: a.accountId as string,
          recommendationId: String(a.accountRecommendationArn).split('/').pop(),
          lifecycleStage: a.lifecycleStage as 'resolved',
          updateReason: a.updateReason as string,
          updateReasonCode: a.updateReasonCode as string,
          lastUpdated: a.lastUpdatedAt as string,
        })),
      }
    })
    return serve({
      organization: { managementAccountId: ACCOUNT, trustedAdvisorPriority: true, recommendations },
      accounts: [{ id: ACCOUNT, name: 'management' }],
    })
  }

  it('replays ta-list-organization-recommendations-1.json', async () => {
    const out = await (await orgClient()).send(new ListOrganizationRecommendationsCommand({}))
    expect(normalize(out)).toEqual(normalize(await outputOf('ta-list-organization-recommendations-1.json')))
  })

  it('replays the paged examples -2 and -3 as page 1 and page 2', async () => {
    const client = await orgClient()
    const page1 = await client.send(
      new ListOrganizationRecommendationsCommand({ pillar: 'security', maxResults: 1 }),
    )
    expect(normalize(page1)).toEqual(normalize(await outputOf('ta-list-organization-recommendations-2.json')))
    const page2 = await client.send(
      new ListOrganizationRecommendationsCommand({
        pillar: 'security',
        maxResults: 1,
        nextToken: page1.nextToken,
      }),
    )
    expect(page2.nextToken).toBeUndefined()
    expect(normalize(page2)).toEqual(normalize(await outputOf('ta-list-organization-recommendations-3.json')))
  })

  it('replays ta-get-organization-recommendation.json', async () => {
    const example = await readExample('ta-get-organization-recommendation.json')
    const out = await (await orgClient()).send(
      new GetOrganizationRecommendationCommand(example.input as never),
    )
    expect(normalize(out)).toEqual(normalize(example.output))
  })

  it('replays ta-list-organization-recommendation-accounts.json', async () => {
    const example = await readExample('ta-list-organization-recommendation-accounts.json')
    const out = await (await orgClient()).send(
      new ListOrganizationRecommendationAccountsCommand(example.input as never),
    )
    expect(normalize(out)).toEqual(normalize(example.output))
  })

  it('replays ta-list-organization-recommendation-resources.json', async () => {
    const example = await readExample<{ organizationRecommendationResourceSummaries: Resource[] }>(
      'ta-list-organization-recommendation-resources.json',
    )
    const id = String(example.input?.organizationRecommendationIdentifier).split('/').pop() ?? ''
    const stub = {
      id,
      arn: '',
      checkArn: 'arn:aws:trustedadvisor:::check/opQPADkZvH',
      status: 'warning',
      type: 'priority',
      source: 'ta_check',
    }
    const rec = recFrom(stub as Summary, {
      resources: example.output.organizationRecommendationResourceSummaries,
    })
    const client = await serve({
      organization: {
        managementAccountId: ACCOUNT,
        trustedAdvisorPriority: true,
        recommendations: [rec],
      },
      accounts: [{ id: ACCOUNT, name: 'management' }],
    })
    const out = await client.send(new ListOrganizationRecommendationResourcesCommand(example.input as never))
    expect(normalize(out)).toEqual(normalize(example.output))
  })
})
