import { z } from 'zod'
import { invoke } from '../define'

/** A path the user typed: it must be absolute, since main has no working directory the user can see. */
export const absolutePathSchema = z
  .string()
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'must be an absolute path, such as /home/me/.aws/config')

export const profileKindSchema = z.enum([
  'sso-session',
  'legacy-sso',
  'assume-role',
  'credential-process',
  'static',
])

export const profileSummarySchema = z.object({
  name: z.string(),
  kind: profileKindSchema,
  region: z.string().optional(),
})
export type ProfileSummary = z.infer<typeof profileSummarySchema>

export const awsDomain = {
  /** Lists the profiles in the AWS config and credentials files. */
  listProfiles: invoke(
    z.object({ configFile: absolutePathSchema.optional(), credentialsFile: absolutePathSchema.optional() }),
    z.object({ configFile: z.string(), profiles: z.array(profileSummarySchema) }),
  ),
} as const
