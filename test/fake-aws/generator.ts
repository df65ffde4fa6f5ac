import { parseScenario } from './scenario-loader'
import type { Scenario, ScenarioInput } from './scenario-schema'

export interface GenerateOrganizationOptions {
  seed: number
  accounts: number
  /** Regions that get Access Analyzer data (default five common ones). */
  regions?: string[]
  /** Opt-in Regions some accounts have disabled (default me-south-1, af-south-1). */
  optInRegions?: string[]
  /** Scenario clock (default: omitted, i.e. the server's start time). */
  now?: string
  /** SSO users to create; each is assigned to every account (default 2). */
  ssoUsers?: number
}

type AccountInput = ScenarioInput['accounts'][number]
type UserInput = NonNullable<AccountInput['iamUsers']>[number]
type RecInput = NonNullable<AccountInput['trustedAdvisor']>[number]
type AnalyzerInput = NonNullable<AccountInput['accessAnalyzer']>[string][number]

/** mulberry32: tiny, fast, reproducible. */
function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  return {
    next,
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    hex: (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join(''),
  }
}
type Rng = ReturnType<typeof rng>

const TEAMS = [
  'payments',
  'identity',
  'search',
  'data',
  'platform',
  'mobile',
  'web',
  'ml',
  'billing',
  'support',
]
const ENVS = ['prod', 'staging', 'dev', 'sandbox', 'shared']
const FIRST = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'ci-bot',
  'deploy',
]
const SECURITY_CHECKS = [
  '7DAFEmoDos',
  'DqdJqYeRm5',
  'Yw2K9puPzl',
  'zXCkfM1nI3',
  'Pfx0RwqBli',
  'vjafUGJ9H0',
  '1iG5NDGVre',
  'HCP4007jGY',
  'ePs02jT06w',
  'rSs93HQwa1',
  'L4dfs2Q4C5',
  '12Fnkpl8Y5',
]
const uuid = (r: Rng) => `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-a${r.hex(3)}-${r.hex(12)}`

function user(r: Rng, name: string, policyMaxAge: number | undefined): UserInput {
  const hasPassword = r.chance(0.6)
  const keyCount = r.pick([0, 1, 1, 1, 2])
  const accessKeys = Array.from({ length: keyCount }, () => {
    const ageDays = r.pick([r.int(1, 89), r.int(90, 400), r.int(400, 1200)])
    const isUsed = r.chance(0.8)
    return {
      isActive: r.chance(0.9),
      ageDays,
      ...(isUsed ? { lastUsedDays: r.int(0, Math.min(ageDays, 200)) } : {}),
      lastUsedRegion: r.pick(['us-east-1', 'eu-west-1', 'us-west-2']),
      lastUsedService: r.pick(['s3', 'ec2', 'sts', 'dynamodb']),
    }
  })
  return {
    name,
    createdDays: r.int(30, 2000),
    ...(hasPassword
      ? {
          password: {
            ...(r.chance(0.85) ? { lastUsedDays: r.int(0, 300) } : {}),
            lastChangedDays: r.int(1, policyMaxAge ? policyMaxAge + 60 : 500),
          },
        }
      : {}),
    mfa: hasPassword && r.chance(0.65),
    accessKeys,
  }
}

function recommendations(r: Rng, accountId: string): RecInput[] {
  return SECURITY_CHECKS.filter(() => r.chance(0.7)).map((checkId) => {
    const status = r.pick(['ok', 'ok', 'warning', 'error'] as const)
    const recId = uuid(r)
    const resources =
      status === 'ok'
        ? []
        : Array.from({ length: r.int(1, 4) }, (_, i) => ({
            id: r.hex(64),
            awsResourceId: checkId === 'Pfx0RwqBli' ? `bucket-${accountId}-${i}` : `resource-${r.hex(8)}`,
            regionCode: r.pick(['us-east-1', 'eu-west-1', 'us-west-2']),
            status,
            metadata: { '0': status === 'error' ? 'Red' : 'Yellow', '1': `resource-${i}` },
            lastUpdated: r.int(0, 7),
          }))
    return {
      id: recId,
      checkId,
      status,
      lifecycleStage: 'in_progress' as const,
      lastUpdated: r.int(0, 10),
      created: r.int(30, 400),
      resources,
    }
  })
}

function analyzers(r: Rng, accountId: string, region: string, isFirst: boolean): AnalyzerInput[] {
  const out: AnalyzerInput[] = []
  const findings = Array.from({ length: r.pick([0, 0, 1, 2, 3]) }, (_, i) => {
    const isPublic = r.chance(0.4)
    return {
      id: uuid(r),
      resource: isPublic
        ? `arn:aws:s3:::public-${accountId}-${region}-${i}`
        : `arn:aws:iam::${accountId}:role/cross-${i}`,
      resourceType: isPublic ? 'AWS::S3::Bucket' : 'AWS::IAM::Role',
      findingType: 'ExternalAccess' as const,
      status: r.pick(['ACTIVE', 'ACTIVE', 'ACTIVE', 'ARCHIVED', 'RESOLVED'] as const),
      isPublic,
      principal: isPublic ? { AWS: '*' } : { AWS: `${r.int(100000000000, 999999999999)}` },
      action: isPublic ? ['s3:GetObject'] : ['sts:AssumeRole'],
      created: r.int(10, 300),
      analyzed: r.int(0, 5),
      updated: r.int(5, 100),
    }
  })
  out.push({ name: `ConsoleAnalyzer-${r.hex(8)}`, type: 'ACCOUNT', created: r.int(30, 900), findings })
  if (isFirst && r.chance(0.3))
    out.push({
      name: 'UnusedAccess-ConsoleAnalyzer',
      type: 'ACCOUNT_UNUSED_ACCESS',
      created: r.int(30, 300),
      findings: Array.from({ length: r.int(0, 3) }, () => ({
        id: uuid(r),
        resource: `arn:aws:iam::${accountId}:role/stale-${r.hex(4)}`,
        resourceType: 'AWS::IAM::Role',
        findingType: 'UnusedIAMRole' as const,
      })),
    })
  return out
}

function account(
  r: Rng,
  index: number,
  options: Required<Omit<GenerateOrganizationOptions, 'now'>>,
): AccountInput {
  const id = String(100_000_000_000 + index * 1_000_003)
  const name = `${r.pick(TEAMS)}-${r.pick(ENVS)}-${index}`
  const policy = r.pick(['strong', 'strong', 'strong', 'weak', 'none'] as const)
  const maxAge = policy === 'strong' ? 90 : undefined
  const passwordPolicy =
    policy === 'none'
      ? null
      : policy === 'strong'
        ? {
            MinimumPasswordLength: 14,
            ExpirePasswords: true,
            MaxPasswordAge: 90,
            PasswordReusePrevention: 24,
          }
        : { MinimumPasswordLength: 8, RequireSymbols: false, RequireUppercaseCharacters: false }
  const userNames = [...FIRST].sort(() => r.next() - 0.5).slice(0, r.int(0, 6))
  const analyzerRegions = options.regions.filter(() => r.chance(0.75))
  return {
    id,
    name,
    email: `aws+${name}@example.com`,
    supportPlan:
      index === 0
        ? 'enterprise'
        : r.pick(['basic', 'basic', 'developer', 'business', 'business', 'business', 'enterprise']),
    aliases: r.chance(0.7) ? [name] : [],
    root: { createdDays: r.int(100, 3000), mfa: r.chance(0.85), hasAccessKeys: r.chance(0.05) },
    passwordPolicy,
    iamUsers: userNames.map((n) => user(r, n, maxAge)),
    credentialReport: {
      initialState: r.pick(['absent', 'absent', 'ready', 'expired'] as const),
      pollsUntilComplete: r.int(0, 2),
    },
    trustedAdvisor: recommendations(r, id),
    accessAnalyzer: Object.fromEntries(
      analyzerRegions.map((reg, i) => [reg, analyzers(r, id, reg, i === 0)]),
    ),
    disabledRegions: options.optInRegions.filter(() => r.chance(0.5)),
  }
}

/**
 * Builds a large, realistic organization reproducibly from a seed: mixed support plans, Regions without
 * analyzers, users with and without MFA, old keys, public buckets, disabled opt-in Regions.
 */
export function generateOrganization(options: GenerateOrganizationOptions): Scenario {
  const r = rng(options.seed)
  const full = {
    seed: options.seed,
    accounts: options.accounts,
    regions: options.regions ?? ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'],
    optInRegions: options.optInRegions ?? ['me-south-1', 'af-south-1'],
    ssoUsers: options.ssoUsers ?? 2,
  }
  const accounts = Array.from({ length: options.accounts }, (_, i) => account(r, i, full))
  const roles = ['AdministratorAccess', 'SecurityAudit', 'ReadOnlyAccess']
  const users = Array.from({ length: full.ssoUsers }, (_, i) => ({
    userName: i === 0 ? 'admin@example.com' : `user${i}@example.com`,
    assignments: accounts.map((a) => ({ accountId: a.id, roles: i === 0 ? roles : [r.pick(roles)] })),
  }))
  const input: ScenarioInput = {
    ...(options.now ? { now: options.now } : {}),
    organization: { managementAccountId: accounts[0]?.id ?? '100000000000', trustedAdvisorPriority: true },
    accounts,
    sso: { users },
  }
  return parseScenario(input, `generateOrganization(seed=${options.seed})`)
}
