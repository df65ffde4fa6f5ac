import { z } from 'zod'
import { event, invoke } from '../define'

export const profileKindSchema = z.enum([
  'sso-session',
  'legacy-sso',
  'assume-role',
  'credential-process',
  'static',
])
export type ProfileKind = z.infer<typeof profileKindSchema>

/** The state of an SSO access token in the shared cache (~/.aws/sso/cache), as `aws` would see it. */
export const tokenStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('valid'), expiresAt: z.string() }),
  z.object({ state: z.literal('expired'), expiresAt: z.string() }),
  z.object({ state: z.literal('missing') }),
])
export type TokenState = z.infer<typeof tokenStateSchema>

export const profileSummarySchema = z.object({
  name: z.string(),
  kind: profileKindSchema,
  region: z.string().optional(),
  /** For SSO profiles: the sso-session name, or the start URL of a legacy profile (the token cache key). */
  ssoSession: z.string().optional(),
  accountId: z.string().optional(),
  roleName: z.string().optional(),
  /** For assume-role chains: the profile the chain starts from. */
  sourceProfile: z.string().optional(),
  /** For SSO profiles: the state of the session's token. */
  token: tokenStateSchema.optional(),
})
export type ProfileSummary = z.infer<typeof profileSummarySchema>

/** An IAM Identity Center session: a `[sso-session NAME]` section, or the start URL of legacy profiles. */
export const ssoSessionSummarySchema = z.object({
  /** The token cache key: the sso-session name, or the start URL for legacy profiles. */
  id: z.string(),
  kind: z.enum(['sso-session', 'legacy-sso']),
  startUrl: z.string(),
  region: z.string(),
  token: tokenStateSchema,
  /** The profiles that use this session. */
  profiles: z.array(z.string()),
})
export type SsoSessionSummary = z.infer<typeof ssoSessionSummarySchema>

/** Something Ratchet can collect from: one account, reached through an SSO role or a plain profile. */
export const targetSchema = z.object({
  /** `sso:<session>:<account>` or `profile:<name>`. */
  id: z.string().min(1),
  kind: z.enum(['sso', 'profile']),
  accountId: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'),
  accountName: z.string(),
  email: z.string().optional(),
  roleName: z.string().optional(),
  ssoSession: z.string().optional(),
  profile: z.string().optional(),
  /** For SSO targets: every role the session may assume in the account. */
  availableRoles: z.array(z.string()).optional(),
})
export type Target = z.infer<typeof targetSchema>

/** The roles Ratchet prefers, most preferred first, when an account offers several. */
export const defaultRolePreference = ['SecurityAudit', 'ReadOnlyAccess', 'ViewOnlyAccess'] as const

/**
 * Picks one role from those available: the first in `preference` (case-insensitive), else the first
 * available in alphabetical order, so an account is never left without a choice.
 */
export function pickRole(available: readonly string[], preference: readonly string[]): string | undefined {
  for (const wanted of preference) {
    const found = available.find((role) => role.toLowerCase() === wanted.toLowerCase())
    if (found) return found
  }
  return [...available].sort((a, b) => a.localeCompare(b))[0]
}

/** The id of a target, stable across discoveries so the user's choices survive a refresh. */
export const ssoTargetId = (session: string, accountId: string): string => `sso:${session}:${accountId}`
export const profileTargetId = (profile: string): string => `profile:${profile}`

export const loginProgressSchema = z.object({
  sessionId: z.string(),
  state: z.enum(['registering', 'waiting', 'succeeded', 'denied', 'expired', 'cancelled', 'failed']),
  /** Shown to the user, who checks it matches the code in the browser. */
  userCode: z.string().optional(),
  verificationUri: z.string().optional(),
  verificationUriComplete: z.string().optional(),
  /** Whether Ratchet opened the verification page in the system browser. */
  isBrowserOpened: z.boolean().optional(),
  /** When the user code stops working (ISO). */
  expiresAt: z.string().optional(),
  message: z.string().optional(),
})
export type LoginProgress = z.infer<typeof loginProgressSchema>

export const awsDomain = {
  /**
   * Lists the profiles in the AWS config and credentials files, and the SSO sessions with their token state.
   * The files are where the environment says (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, else ~/.aws),
   * never where a request says: the request is empty, and any key in it is refused.
   */
  listProfiles: invoke(
    z.strictObject({}),
    z.object({
      configFile: z.string(),
      credentialsFile: z.string(),
      /** AWS_PROFILE, when set. */
      defaultProfile: z.string().optional(),
      profiles: z.array(profileSummarySchema),
      sessions: z.array(ssoSessionSummarySchema),
    }),
  ),
  /**
   * Signs in to an SSO session with the device flow. Resolves when the login ends (the token is written
   * to the shared cache, as `aws sso login` does); progress, including the user code, comes as `loginProgress`.
   */
  startLogin: invoke(
    z.object({ sessionId: z.string().min(1) }),
    z.object({ sessionId: z.string(), token: tokenStateSchema }),
  ),
  /** Cancels a login in progress. */
  cancelLogin: invoke(z.object({ sessionId: z.string().min(1) }), z.object({ isCancelled: z.boolean() })),
  /** Device-flow progress for the sign-in panel. */
  loginProgress: event(loginProgressSchema),
  /** Lists every account and role an SSO session can reach, choosing one role per account. */
  discoverTargets: invoke(
    z.object({
      sessionId: z.string().min(1),
      rolePreference: z
        .array(z.string().min(1))
        .max(50)
        .default([...defaultRolePreference]),
    }),
    z.object({ sessionId: z.string(), targets: z.array(targetSchema) }),
  ),
  /** Makes a target of a plain profile: resolves its account with STS GetCallerIdentity. */
  profileTarget: invoke(z.object({ profile: z.string().min(1) }), targetSchema),
} as const
