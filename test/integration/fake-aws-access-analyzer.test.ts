import {
  AccessAnalyzerClient,
  GetFindingsStatisticsCommand,
  ListAnalyzersCommand,
  ListFindingsCommand,
  ListFindingsV2Command,
  paginateListFindingsV2,
} from '@aws-sdk/client-accessanalyzer'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeAws, startFakeAws } from '../fake-aws/index'
import { awsError, clientConfig } from '../fake-aws/testing'

const MGMT = '111111111111'
const PROD = '222222222222'
const arnIn = (region: string, name: string) => `arn:aws:access-analyzer:${region}:${MGMT}:analyzer/${name}`

let fake: FakeAws
beforeAll(async () => {
  fake = await startFakeAws({ scenario: 'test/fixtures/scenarios/small-org.yaml' })
})
afterAll(() => fake.close())

const aa = (region: string, accountId = MGMT) =>
  new AccessAnalyzerClient(clientConfig(fake, accountId, { region, maxAttempts: 1 }))

describe('Access Analyzer per Region', () => {
  it('lists the analyzers of the Region read from the signing scope', async () => {
    const east = await aa('us-east-1').send(new ListAnalyzersCommand({}))
    expect(east.analyzers?.map((a) => [a.name, a.type, a.arn])).toEqual([
      ['ConsoleAnalyzer-account', 'ACCOUNT', arnIn('us-east-1', 'ConsoleAnalyzer-account')],
      [
        'UnusedAccess-ConsoleAnalyzer',
        'ACCOUNT_UNUSED_ACCESS',
        arnIn('us-east-1', 'UnusedAccess-ConsoleAnalyzer'),
      ],
    ])
    const west = await aa('eu-west-1').send(new ListAnalyzersCommand({ type: 'ACCOUNT' }))
    expect(west.analyzers?.map((a) => a.arn)).toEqual([arnIn('eu-west-1', 'ConsoleAnalyzer-account')])
    const none = await aa('ap-southeast-2').send(new ListAnalyzersCommand({}))
    expect(none.analyzers).toEqual([])
    const prod = await aa('us-east-1', PROD).send(new ListAnalyzersCommand({}))
    expect(prod.analyzers).toEqual([])
    expect(fake.counts.total({ api: 'ListAnalyzers', region: 'eu-west-1' })).toBe(1)
  })

  it('serves ListFindings (v1) with isPublic, principal and a status filter', async () => {
    const out = await aa('us-east-1').send(
      new ListFindingsCommand({
        analyzerArn: arnIn('us-east-1', 'ConsoleAnalyzer-account'),
        filter: { status: { eq: ['ACTIVE'] } },
      }),
    )
    expect(out.findings?.map((f) => [f.id, f.isPublic, f.principal])).toEqual([
      ['f-public-bucket', true, { AWS: '*' }],
      ['f-cross-account-role', false, { AWS: '999988887777' }],
    ])
    expect(out.findings?.[0]?.createdAt).toBeInstanceOf(Date)
  })

  it('paginates ListFindingsV2 and covers unused-access analyzers', async () => {
    const ids: string[] = []
    const pager = paginateListFindingsV2(
      { client: aa('us-east-1'), pageSize: 1 },
      { analyzerArn: arnIn('us-east-1', 'ConsoleAnalyzer-account') },
    )
    for await (const page of pager) ids.push(...(page.findings?.map((f) => f.id ?? '') ?? []))
    expect(ids).toEqual(['f-public-bucket', 'f-cross-account-role', 'f-archived'])
    const unused = await aa('us-east-1').send(
      new ListFindingsV2Command({ analyzerArn: arnIn('us-east-1', 'UnusedAccess-ConsoleAnalyzer') }),
    )
    expect(unused.findings?.map((f) => f.findingType)).toEqual(['UnusedIAMRole'])
  })

  it('rejects ListFindings (v1) on an unused-access analyzer with ValidationException', async () => {
    const error = await aa('us-east-1')
      .send(new ListFindingsCommand({ analyzerArn: arnIn('us-east-1', 'UnusedAccess-ConsoleAnalyzer') }))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } })
  })

  it('answers ResourceNotFoundException for an analyzer of another Region', async () => {
    const error = await aa('eu-west-1')
      .send(new ListFindingsV2Command({ analyzerArn: arnIn('us-east-1', 'ConsoleAnalyzer-account') }))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } })
  })

  it('computes GetFindingsStatistics from the findings', async () => {
    const out = await aa('us-east-1').send(
      new GetFindingsStatisticsCommand({ analyzerArn: arnIn('us-east-1', 'ConsoleAnalyzer-account') }),
    )
    expect(out.findingsStatistics).toEqual([
      {
        externalAccessFindingsStatistics: {
          resourceTypeStatistics: {
            'AWS::S3::Bucket': { totalActivePublic: 1, totalActiveCrossAccount: 0, totalActiveErrors: 0 },
            'AWS::IAM::Role': { totalActivePublic: 0, totalActiveCrossAccount: 1, totalActiveErrors: 0 },
          },
          totalActiveFindings: 2,
          totalArchivedFindings: 1,
          totalResolvedFindings: 0,
        },
      },
    ])
  })

  it('rejects calls into a disabled opt-in Region like AWS (UnrecognizedClientException 403)', async () => {
    const error = await aa('me-south-1')
      .send(new ListAnalyzersCommand({}))
      .catch((e: unknown) => e)
    expect(error).toMatchObject(
      awsError('UnrecognizedClientException', 403, 'The security token included in the request is invalid.'),
    )
    expect(fake.counts.total({ api: 'ListAnalyzers', region: 'me-south-1', outcome: 'denied' })).toBe(1)
    const sts = new STSClient(clientConfig(fake, MGMT, { region: 'me-south-1', maxAttempts: 1 }))
    const stsError = await sts.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e)
    expect(stsError).toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } })
    const enabled = await aa('me-south-1', PROD).send(new ListAnalyzersCommand({}))
    expect(enabled.analyzers).toEqual([])
  })
})
