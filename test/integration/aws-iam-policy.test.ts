import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tagMappingSchema } from '../../shared/accounts-file/organizations'
import { importOrganizationAccounts } from '../../src-main/aws/organizations'
import { clientConfig } from '../fake-aws/testing'
import { startedPerTest } from './aws-support'
import { fakeOptions, run } from './collect-support'

/**
 * The least-privilege policy in docs/iam-policy.json (documented in the README) must list exactly the API
 * calls the collectors make: no more (least privilege), no fewer (collection would fail with AccessDenied).
 * Two checks: the commands the collector sources send, and the calls the fake AWS saw during a real run.
 */
const repoRoot = resolve(import.meta.dirname, '../..')

/** The IAM service prefix of each SDK client package. */
const prefixOfClient: Record<string, string> = {
  iam: 'iam',
  sts: 'sts',
  trustedadvisor: 'trustedadvisor',
  accessanalyzer: 'access-analyzer',
  organizations: 'organizations',
}

/** The sources that call AWS: the collectors, and the Organizations import of account details. */
const sourceFiles = async (): Promise<string[]> => {
  const dir = join(repoRoot, 'src-main/collect')
  const collectors = (await readdir(dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  return [...collectors.map((f) => join(dir, f)), join(repoRoot, 'src-main/aws/organizations.ts')]
}

async function policyActions(): Promise<string[]> {
  const policy = JSON.parse(await readFile(join(repoRoot, 'docs/iam-policy.json'), 'utf8')) as {
    Statement: { Effect: string; Action: string[]; Resource: string }[]
  }
  expect(policy.Statement.every((s) => s.Effect === 'Allow')).toBe(true)
  return policy.Statement.flatMap((s) => s.Action).sort()
}

/** `prefix:Operation` for every `…Command` (or `paginate…`) the AWS-calling sources import from an @aws-sdk client. */
async function actionsInCollectorSources(): Promise<Map<string, string>> {
  const actions = new Map<string, string>()
  for (const file of await sourceFiles()) {
    const text = await readFile(file, 'utf8')
    for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z-]+)'/g)) {
      const prefix = prefixOfClient[match[2] ?? '']
      for (const raw of (match[1] ?? '').split(',')) {
        const name = raw.trim()
        const operation = (/^([A-Z]\w*)Command$/.exec(name) ?? /^paginate([A-Z]\w*)$/.exec(name))?.[1]
        if (!operation) continue
        if (!prefix)
          throw new Error(`${file} imports ${name} from an AWS client this test does not know (${match[2]})`)
        actions.set(operation, `${prefix}:${operation}`)
      }
    }
  }
  return actions
}

const started = startedPerTest()

describe('the least-privilege IAM policy', () => {
  it('allows exactly the commands the collectors send, and only reads', async () => {
    const fromSources = [...(await actionsInCollectorSources()).values()].sort()
    const policy = await policyActions()
    expect(policy).toEqual(fromSources)
    for (const action of policy) expect(action).toMatch(/:(Get|List|Generate)[A-Z]/)
  })

  it('covers every call a collection run makes against the fake AWS, and each action is used', async () => {
    const fake = await started.fake({ scenario: join(repoRoot, 'test/fixtures/scenarios/small-org.yaml') })
    // One run per account, then one that reads Trusted Advisor through the management account's
    // organization APIs (Trusted Advisor Priority): together they make every call a collector can make.
    await run(fakeOptions(fake, { regions: ['us-east-1', 'eu-west-1'] }))
    await run(
      fakeOptions(fake, {
        regions: ['us-east-1'],
        trustedAdvisor: { organizationAccountId: fake.scenario.organization?.managementAccountId ?? '' },
      }),
    )
    // The account-details import from Organizations, as the management account.
    await importOrganizationAccounts(
      clientConfig(fake, fake.scenario.organization?.managementAccountId ?? '', { region: 'us-east-1' }),
      tagMappingSchema.parse({}),
    )
    const byOperation = await actionsInCollectorSources()
    const called = new Set<string>()
    for (const entry of fake.counts.entries()) {
      const action = byOperation.get(entry.api)
      if (!action) throw new Error(`The collectors called ${entry.api}, which no collector source imports`)
      called.add(action)
    }
    const policy = await policyActions()
    expect([...called].filter((a) => !policy.includes(a))).toEqual([])
    expect(policy.filter((a) => !called.has(a))).toEqual([])
  })
})
