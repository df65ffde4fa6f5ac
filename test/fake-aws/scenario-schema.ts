import { z } from 'zod'

/**
 * The scenario schema: everything the fake AWS server serves, plus the faults it injects.
 *
 * Times are written relative to the scenario clock so fixtures never rot: a number is "days before
 * `now`" (fractions allowed), a string is an absolute ISO-8601 timestamp that is served verbatim
 * (used by the fidelity fixtures that replay AWS-documented payloads).
 */
export const timeRef = z.union([
  z.number().nonnegative(),
  z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/,
      'expected a number of days or an ISO-8601 timestamp like 2024-01-31T12:00:00Z',
    ),
])
export type TimeRef = z.infer<typeof timeRef>

const accountId = z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account id')
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS Region code like us-east-1')
const apiName = z.string().regex(/^[A-Z][A-Za-z0-9]+$/, 'expected an API name like ListRecommendations')

const accessKey = z.strictObject({
  isActive: z.boolean().default(true),
  /** Days since the key was created/rotated (or an ISO timestamp). */
  ageDays: timeRef,
  /** Days since last use; omitted = never used. */
  lastUsedDays: timeRef.optional(),
  lastUsedRegion: z.string().default('us-east-1'),
  lastUsedService: z.string().default('s3'),
})

const iamUser = z.strictObject({
  name: z.string().min(1),
  createdDays: timeRef.default(400),
  password: z
    .strictObject({
      /** Days since last sign-in; omitted = `no_information`. */
      lastUsedDays: timeRef.optional(),
      lastChangedDays: timeRef.default(30),
    })
    .optional(),
  mfa: z.boolean().default(false),
  accessKeys: z.array(accessKey).max(2, 'expected at most 2 access keys per user').default([]),
})

const root = z.strictObject({
  createdDays: timeRef.default(1500),
  mfa: z.boolean().default(true),
  hasAccessKeys: z.boolean().default(false),
  passwordLastUsedDays: timeRef.optional(),
})

const passwordPolicy = z.strictObject({
  MinimumPasswordLength: z.number().int().min(6).max(128).default(14),
  RequireSymbols: z.boolean().default(true),
  RequireNumbers: z.boolean().default(true),
  RequireUppercaseCharacters: z.boolean().default(true),
  RequireLowercaseCharacters: z.boolean().default(true),
  AllowUsersToChangePassword: z.boolean().default(true),
  ExpirePasswords: z.boolean().default(false),
  MaxPasswordAge: z.number().int().positive().optional(),
  PasswordReusePrevention: z.number().int().positive().optional(),
  HardExpiry: z.boolean().optional(),
})

const taResource = z.strictObject({
  id: z.string().min(1),
  /** Defaults to arn:aws:trustedadvisor::<account>:recommendation-resource/<recId>/<id>. */
  arn: z.string().optional(),
  awsResourceId: z.string().min(1),
  regionCode: z.string().default('us-east-1'),
  status: z.enum(['ok', 'warning', 'error']),
  metadata: z.record(z.string(), z.string()).default({}),
  exclusionStatus: z.enum(['excluded', 'included']).default('included'),
  lastUpdated: timeRef.default(1),
})

const pillar = z.enum([
  'cost_optimizing',
  'performance',
  'security',
  'service_limits',
  'fault_tolerance',
  'operational_excellence',
])

const taRecommendation = z.strictObject({
  id: z.string().min(1),
  /** The legacy Trusted Advisor check id, e.g. 7DAFEmoDos (MFA on Root Account). */
  checkId: z.string().min(1),
  name: z.string().optional(),
  description: z.string().optional(),
  type: z.enum(['standard', 'priority']).default('standard'),
  status: z.enum(['ok', 'warning', 'error']),
  lifecycleStage: z.enum(['in_progress', 'pending_response', 'dismissed', 'resolved']).optional(),
  pillars: z.array(pillar).optional(),
  awsServices: z.array(z.string()).optional(),
  source: z.string().default('ta_check'),
  created: timeRef.optional(),
  lastUpdated: timeRef.default(1),
  /** Overrides the aggregates otherwise counted from `resources`. */
  resourcesAggregates: z
    .strictObject({ okCount: z.number().int(), warningCount: z.number().int(), errorCount: z.number().int() })
    .optional(),
  estimatedMonthlySavings: z.number().optional(),
  estimatedPercentMonthlySavings: z.number().optional(),
  resources: z.array(taResource).default([]),
})

const orgRecommendation = taRecommendation.extend({
  type: z.enum(['standard', 'priority']).default('priority'),
  lastUpdated: timeRef.optional(),
  resources: z.array(taResource.extend({ accountId: accountId.optional() })).default([]),
  accounts: z
    .array(
      z.strictObject({
        accountId,
        /** The account's own recommendation id (default: the organization recommendation id). */
        recommendationId: z.string().optional(),
        lifecycleStage: z.enum(['in_progress', 'pending_response', 'dismissed', 'resolved']).optional(),
        updateReason: z.string().optional(),
        updateReasonCode: z.string().optional(),
        lastUpdated: timeRef.optional(),
      }),
    )
    .default([]),
})

const finding = z.strictObject({
  id: z.string().min(1),
  resource: z.string().optional(),
  resourceType: z.string().default('AWS::S3::Bucket'),
  findingType: z
    .enum([
      'ExternalAccess',
      'InternalAccess',
      'UnusedIAMRole',
      'UnusedIAMUserAccessKey',
      'UnusedIAMUserPassword',
      'UnusedPermission',
    ])
    .default('ExternalAccess'),
  status: z.enum(['ACTIVE', 'ARCHIVED', 'RESOLVED']).default('ACTIVE'),
  isPublic: z.boolean().default(false),
  principal: z.record(z.string(), z.string()).optional(),
  action: z.array(z.string()).optional(),
  condition: z.record(z.string(), z.string()).default({}),
  resourceOwnerAccount: accountId.optional(),
  created: timeRef.default(30),
  analyzed: timeRef.default(1),
  updated: timeRef.default(30),
})

const analyzer = z.strictObject({
  name: z.string().min(1),
  type: z
    .enum([
      'ACCOUNT',
      'ORGANIZATION',
      'ACCOUNT_UNUSED_ACCESS',
      'ORGANIZATION_UNUSED_ACCESS',
      'ACCOUNT_INTERNAL_ACCESS',
      'ORGANIZATION_INTERNAL_ACCESS',
    ])
    .default('ACCOUNT'),
  status: z.enum(['ACTIVE', 'CREATING', 'DISABLED', 'FAILED']).default('ACTIVE'),
  created: timeRef.default(200),
  lastResourceAnalyzed: z.string().optional(),
  lastResourceAnalyzedAt: timeRef.optional(),
  tags: z.record(z.string(), z.string()).optional(),
  findings: z.array(finding).default([]),
})

const account = z.strictObject({
  id: accountId,
  name: z.string().min(1),
  email: z.string().default('aws@example.com'),
  supportPlan: z.enum(['basic', 'developer', 'business', 'enterprise']).default('business'),
  aliases: z.array(z.string()).default([]),
  /** The account's tags in AWS Organizations (ListTagsForResource). */
  tags: z.record(z.string(), z.string()).default({}),
  root: root.default({ createdDays: 1500, mfa: true, hasAccessKeys: false }),
  /** null or omitted: GetAccountPasswordPolicy answers NoSuchEntity. */
  passwordPolicy: passwordPolicy.nullable().default(null),
  iamUsers: z.array(iamUser).default([]),
  /** Extra/override entries of GetAccountSummary's SummaryMap. */
  accountSummary: z.record(z.string(), z.number()).default({}),
  credentialReport: z
    .strictObject({
      /** State before the first call: absent → ReportNotPresent, expired → ReportExpired, ready → served. */
      initialState: z.enum(['absent', 'expired', 'ready']).default('absent'),
      /** Calls (Generate or Get) answered "in progress" after STARTED, before COMPLETE. */
      pollsUntilComplete: z.number().int().min(0).default(1),
      /** Serve this CSV verbatim instead of rendering one from iamUsers (fidelity fixtures). */
      csv: z.string().optional(),
      generatedTime: z.string().optional(),
    })
    .default({ initialState: 'absent', pollsUntilComplete: 1 }),
  trustedAdvisor: z.array(taRecommendation).default([]),
  /** Access Analyzer analyzers per Region (Regions absent here have no analyzer). */
  accessAnalyzer: z.record(region, z.array(analyzer)).default({}),
  /** Opt-in Regions that are not enabled: regional calls fail like AWS (see faults.ts). */
  disabledRegions: z.array(region).default([]),
  /** Extra static access keys mapping to this account (staticCredentials() always works too). */
  staticKeys: z
    .array(
      z.strictObject({
        accessKeyId: z.string().min(16),
        secretAccessKey: z.string(),
        /** What GetCallerIdentity answers for this key (default: an IAM user named fake-auditor). */
        arn: z.string().optional(),
        userId: z.string().optional(),
      }),
    )
    .default([]),
})

const ssoUser = z.strictObject({
  userName: z.string().min(1),
  assignments: z.array(z.strictObject({ accountId, roles: z.array(z.string().min(1)).min(1) })).default([]),
})

const sso = z.strictObject({
  startUrl: z.string().default('https://fake-org.awsapps.com/start'),
  region: region.default('us-east-1'),
  users: z.array(ssoUser).default([]),
  /** Seconds an access token lives (CreateToken expiresIn). */
  accessTokenTtlSeconds: z.number().int().positive().default(28_800),
  roleCredentialsTtlSeconds: z.number().int().positive().default(3_600),
  /**
   * The portal's quota per user session (every bearer-token call: GetRoleCredentials, ListAccounts,
   * ListAccountRoles). AWS publishes no figure; Ratchet's client assumes 20 requests/s, burst 20, and paces
   * discovery and role credentials within it. `null` turns it off.
   */
  portalQuota: z
    .strictObject({ ratePerSecond: z.number().positive(), burst: z.number().int().positive() })
    .nullable()
    .default({ ratePerSecond: 20, burst: 20 }),
  deviceFlow: z
    .strictObject({
      outcome: z.enum(['approve', 'deny', 'expire']).default('approve'),
      /** CreateToken polls answered authorization_pending before the outcome. */
      pendingPolls: z.number().int().min(0).default(1),
      /** 1-based poll numbers answered slow_down instead. */
      slowDownPolls: z.array(z.number().int().positive()).default([]),
      intervalSeconds: z.number().int().min(0).default(1),
      userName: z.string().optional(),
    })
    .default({ outcome: 'approve', pendingPolls: 1, slowDownPolls: [], intervalSeconds: 1 }),
  /** Values handed out before random ones, so AWS-documented payloads can be replayed exactly. */
  seed: z
    .strictObject({
      clients: z.array(z.strictObject({ clientId: z.string(), clientSecret: z.string() })).default([]),
      deviceCodes: z.array(z.string()).default([]),
      refreshTokens: z.array(z.string()).default([]),
      issueTokens: z
        .array(
          z.strictObject({ accessToken: z.string(), refreshToken: z.string(), expiresIn: z.number().int() }),
        )
        .default([]),
    })
    .optional(),
  /** refresh_token grant answers: ok, or invalid_grant (revoked refresh token). */
  refreshOutcome: z.enum(['ok', 'invalid_grant']).default('ok'),
  /** expired: every bearer token is treated as expired; revoked: every bearer token is rejected. */
  tokenFault: z.enum(['none', 'expired', 'revoked']).default('none'),
})

const match = { api: apiName.optional(), accountId: accountId.optional(), region: region.optional() }

const faults = z.strictObject({
  latency: z
    .strictObject({ fixedMs: z.number().min(0).default(0), jitterMs: z.number().min(0).default(0) })
    .optional(),
  throttle: z
    .array(
      z.strictObject({
        ...match,
        /** Sustained requests per second (token bucket refill rate). */
        ratePerSecond: z.number().positive(),
        burst: z.number().int().positive().default(1),
        retryAfterSeconds: z.number().int().positive().optional(),
      }),
    )
    .default([]),
  /** The first `count` matching calls fail with `status`. */
  errorBursts: z
    .array(
      z.strictObject({
        ...match,
        count: z.number().int().positive(),
        status: z.union([z.literal(500), z.literal(503)]).default(500),
      }),
    )
    .default([]),
  /** The first `count` matching calls have their socket destroyed without an answer. */
  drops: z.array(z.strictObject({ ...match, count: z.number().int().positive() })).default([]),
  /** Matching calls are held open and never answered (a hung endpoint), until the server closes. */
  hangs: z.array(z.strictObject(match)).default([]),
  accessDenied: z.array(z.strictObject(match)).default([]),
})

export const scenarioSchema = z.strictObject({
  /** The scenario clock. Omitted: the server's start time, so relative ages stay relative. */
  now: z.iso.datetime({ offset: true }).optional(),
  defaultRegion: region.default('us-east-1'),
  organization: z
    .strictObject({
      managementAccountId: accountId,
      /** Trusted Advisor Priority: without it the organization APIs answer AccessDenied. */
      trustedAdvisorPriority: z.boolean().default(false),
      /** Organization recommendations. Omitted: derived from the member accounts' recommendations. */
      recommendations: z.array(orgRecommendation).optional(),
    })
    .optional(),
  accounts: z.array(account).min(1, 'expected at least one account'),
  /** Replaces the built-in ListChecks catalog (ids from the AWS check reference). */
  trustedAdvisorChecks: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        name: z.string(),
        description: z.string(),
        pillars: z.array(pillar),
        awsServices: z.array(z.string()),
        source: z.string().default('ta_check'),
        metadata: z.record(z.string(), z.string()).default({}),
      }),
    )
    .optional(),
  sso: sso.default(() => sso.parse({})),
  faults: faults.default(() => faults.parse({})),
})

/** A validated scenario (defaults applied). */
export type Scenario = z.infer<typeof scenarioSchema>
/** A scenario as written in a file (defaults not yet applied). */
export type ScenarioInput = z.input<typeof scenarioSchema>
export type ScenarioAccount = Scenario['accounts'][number]
export type IamUser = ScenarioAccount['iamUsers'][number]
export type TaRecommendation = ScenarioAccount['trustedAdvisor'][number]
export type Analyzer = NonNullable<ScenarioAccount['accessAnalyzer'][string]>[number]
export type Finding = Analyzer['findings'][number]
export type OrgRecommendation = z.infer<typeof orgRecommendation>
export type Faults = Scenario['faults']
export type FaultMatch = {
  api?: string | undefined
  accountId?: string | undefined
  region?: string | undefined
}
