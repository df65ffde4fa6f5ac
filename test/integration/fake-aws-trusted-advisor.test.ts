import {
  GetOrganizationRecommendationCommand,
  GetRecommendationCommand,
  ListChecksCommand,
  ListOrganizationRecommendationAccountsCommand,
  ListOrganizationRecommendationResourcesCommand,
  ListOrganizationRecommendationsCommand,
  ListRecommendationResourcesCommand,
  ListRecommendationsCommand,
  paginateListRecommendations,
  TrustedAdvisorClient,
} from '@aws-sdk/client-trustedadvisor'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeAws, startFakeAws } from '../fake-aws/index'
import { awsError, clientConfig } from '../fake-aws/testing'

const MGMT = '111111111111'
const PROD = '222222222222'
const SANDBOX = '333333333333'

let fake: FakeAws
beforeAll(async () => {
  fake = await startFakeAws({ scenario: 'test/fixtures/scenarios/small-org.yaml' })
})
afterAll(() => fake.close())

const ta = (accountId: string) => new TrustedAdvisorClient(clientConfig(fake, accountId, { maxAttempts: 1 }))

describe('Trusted Advisor account APIs', () => {
  it('paginates ListRecommendations with nextToken, honouring maxResults', async () => {
    fake.resetCounts()
    const pages = []
    for await (const page of paginateListRecommendations({ client: ta(MGMT), pageSize: 2 }, {}))
      pages.push(page.recommendationSummaries?.map((r) => r.checkArn))
    expect(pages).toEqual([
      ['arn:aws:trustedadvisor:::check/7DAFEmoDos', 'arn:aws:trustedadvisor:::check/DqdJqYeRm5'],
      ['arn:aws:trustedadvisor:::check/Pfx0RwqBli'],
    ])
    expect(fake.counts.total({ accountId: MGMT, api: 'ListRecommendations', outcome: 'ok' })).toBe(2)
  })

  it('filters ListRecommendations and renders summaries with ARNs and aggregates', async () => {
    const out = await ta(MGMT).send(new ListRecommendationsCommand({ status: 'error' }))
    expect(out.nextToken).toBeUndefined()
    expect(out.recommendationSummaries).toHaveLength(1)
    expect(out.recommendationSummaries?.[0]).toMatchObject({
      arn: `arn:aws:trustedadvisor::${MGMT}:recommendation/5d0b9a48-2a2a-4c0e-9f3c-1a7f00000003`,
      name: 'Amazon S3 Bucket Permissions',
      pillars: ['security'],
      resourcesAggregates: { okCount: 1, warningCount: 0, errorCount: 1 },
    })
    expect(out.recommendationSummaries?.[0]?.lastUpdatedAt).toBeInstanceOf(Date)
  })

  it('accepts a URL-encoded recommendation ARN as the path label', async () => {
    const arn = `arn:aws:trustedadvisor::${MGMT}:recommendation/5d0b9a48-2a2a-4c0e-9f3c-1a7f00000003`
    const { recommendation } = await ta(MGMT).send(
      new GetRecommendationCommand({ recommendationIdentifier: arn }),
    )
    expect(recommendation?.arn).toBe(arn)
    expect(recommendation?.description).toBeTruthy()
    const resources = await ta(MGMT).send(
      new ListRecommendationResourcesCommand({ recommendationIdentifier: arn, regionCode: 'eu-west-1' }),
    )
    expect(resources.recommendationResourceSummaries?.map((r) => r.awsResourceId)).toEqual([
      'acme-public-assets',
    ])
    expect(resources.recommendationResourceSummaries?.[0]).toMatchObject({
      recommendationArn: arn,
      status: 'error',
    })
  })

  it('answers ResourceNotFoundException (404) for an unknown recommendation', async () => {
    const error = await ta(MGMT)
      .send(
        new GetRecommendationCommand({
          recommendationIdentifier: `arn:aws:trustedadvisor::${MGMT}:recommendation/nope`,
        }),
      )
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } })
  })

  it('answers ValidationException for maxResults out of range', async () => {
    const error = await ta(MGMT)
      .send(new ListRecommendationsCommand({ maxResults: 500 }))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } })
  })

  it('lists the checks with their real ids', async () => {
    const out = await ta(PROD).send(new ListChecksCommand({ pillar: 'security', maxResults: 200 }))
    const ids = out.checkSummaries?.map((c) => c.id) ?? []
    expect(ids).toEqual(expect.arrayContaining(['7DAFEmoDos', 'DqdJqYeRm5', 'Pfx0RwqBli', '1iG5NDGVre']))
    expect(ids).not.toContain('opQPADkZvH')
  })

  it('denies Basic support with "Access denied due to support level" (403)', async () => {
    const error = await ta(SANDBOX)
      .send(new ListRecommendationsCommand({}))
      .catch((e: unknown) => e)
    expect(error).toMatchObject(awsError('AccessDeniedException', 403, 'Access denied due to support level'))
    expect(fake.counts.total({ accountId: SANDBOX, api: 'ListRecommendations', outcome: 'denied' })).toBe(1)
  })
})

describe('Trusted Advisor organization APIs', () => {
  it('aggregates member recommendations per check for the management account', async () => {
    const out = await ta(MGMT).send(new ListOrganizationRecommendationsCommand({}))
    const mfa = out.organizationRecommendationSummaries?.find((r) => r.checkArn?.endsWith('/7DAFEmoDos'))
    expect(mfa).toMatchObject({ type: 'priority', status: 'error', resourcesAggregates: { errorCount: 1 } })
    const id = mfa?.arn ?? ''
    const detail = await ta(MGMT).send(
      new GetOrganizationRecommendationCommand({ organizationRecommendationIdentifier: id }),
    )
    expect(detail.organizationRecommendation?.arn).toBe(id)
    const accounts = await ta(MGMT).send(
      new ListOrganizationRecommendationAccountsCommand({ organizationRecommendationIdentifier: id }),
    )
    expect(accounts.accountRecommendationLifecycleSummaries?.map((a) => a.accountId)).toEqual([MGMT, PROD])
    const resources = await ta(MGMT).send(
      new ListOrganizationRecommendationResourcesCommand({
        organizationRecommendationIdentifier: id,
        affectedAccountId: PROD,
      }),
    )
    expect(resources.organizationRecommendationResourceSummaries).toEqual([
      expect.objectContaining({
        accountId: PROD,
        awsResourceId: PROD,
        status: 'error',
        recommendationArn: id,
      }),
    ])
  })

  it('denies member accounts (no Trusted Advisor Priority there)', async () => {
    const error = await ta(PROD)
      .send(new ListOrganizationRecommendationsCommand({}))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } })
  })
})
