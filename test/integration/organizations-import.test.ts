import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tagMappingSchema } from '../../shared/accounts-file/organizations'
import { importOrganizationAccounts } from '../../src-main/aws/organizations'
import { type FakeAws, startFakeAws } from '../fake-aws/index'
import type { ScenarioInput } from '../fake-aws/scenario-schema'
import { clientConfig } from '../fake-aws/testing'

const MGMT = '111111111111'
const PROD = '222222222222'
const ids = Array.from({ length: 23 }, (_, i) => String(300000000000 + i))

const scenario: ScenarioInput = {
  now: '2026-11-29T00:00:00.000Z',
  organization: { managementAccountId: MGMT },
  accounts: [
    { id: MGMT, name: 'management', tags: { Owner: 'Platform', Environment: 'shared' } },
    {
      id: PROD,
      name: 'payments-prod',
      tags: { owner: 'Payments', environment: 'prod', 'cost-centre': 'cc-7' },
    },
    ...ids.map((id) => ({ id, name: `team-${id}`, tags: { Team: `t${id.slice(-2)}` } })),
  ],
}

let fake: FakeAws
beforeAll(async () => {
  fake = await startFakeAws({ scenario })
})
afterAll(() => fake.close())

const config = (accountId: string) => clientConfig(fake, accountId, { region: 'us-east-1', maxAttempts: 1 })

describe('importing account details from AWS Organizations (fake AWS, awsJson1_1)', () => {
  it('reads every account across pages, with owner and environment from the mapped tags', async () => {
    const details = await importOrganizationAccounts(config(MGMT), tagMappingSchema.parse({}))
    expect(details).toHaveLength(25)
    expect(details[0]).toEqual({
      id: MGMT,
      name: 'management',
      email: 'aws@example.com',
      owner: 'Platform',
      environment: 'shared',
      tags: ['Owner=Platform', 'Environment=shared'],
    })
    expect(details[1]).toMatchObject({
      owner: 'Payments',
      environment: 'production',
      tags: expect.arrayContaining(['cost-centre=cc-7']),
    })
    expect(details[2]).toEqual({
      id: ids[0],
      name: `team-${ids[0]}`,
      email: 'aws@example.com',
      tags: ['Team=t00'],
    })
    expect(fake.counts.total({ api: 'ListAccounts' })).toBe(2) // 25 accounts at 20 a page
  })

  it('uses the tag keys the lead maps to owner and environment', async () => {
    const details = await importOrganizationAccounts(config(MGMT), {
      ownerTag: 'team',
      environmentTag: 'stage',
    })
    expect(details[2]?.owner).toBe('t00')
    expect(details[1]?.owner).toBeUndefined()
  })

  it('is refused outside the management account, as in AWS', async () => {
    await expect(importOrganizationAccounts(config(PROD), tagMappingSchema.parse({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    })
  })

  it('rejects an out-of-range page size like AWS', async () => {
    const client = new OrganizationsClient(config(MGMT))
    await expect(client.send(new ListAccountsCommand({ MaxResults: 50 }))).rejects.toMatchObject({
      name: 'InvalidInputException',
    })
    client.destroy()
  })
})
