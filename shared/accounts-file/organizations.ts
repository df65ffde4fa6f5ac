import { z } from 'zod'
import { type Account, environmentSchema } from '../domain/types'
import type { AccountDetails } from './parse'

/** Which AWS Organizations tag keys give an account's owner and environment. */
export const tagMappingSchema = z.strictObject({
  ownerTag: z.string().trim().min(1).default('owner'),
  environmentTag: z.string().trim().min(1).default('environment'),
})
export type TagMapping = z.output<typeof tagMappingSchema>

/** Common spellings of environment tag values; anything else is kept only as a tag. */
const environmentAliases: Record<string, Account['environment']> = {
  prod: 'production',
  prd: 'production',
  stage: 'staging',
  stg: 'staging',
  dev: 'development',
  sbx: 'sandbox',
}

/** An environment tag's value as Ratchet's environment, or undefined when it is none of them. */
export function environmentFromTag(value: string): Account['environment'] | undefined {
  const key = value.trim().toLowerCase()
  const parsed = environmentSchema.safeParse(environmentAliases[key] ?? key)
  return parsed.success ? parsed.data : undefined
}

/** An account as Organizations lists it, with its tags. */
export interface OrganizationAccount {
  id: string
  name: string
  email?: string
  tags: ReadonlyArray<{ key: string; value: string }>
}

/**
 * Account details from AWS Organizations: the name, the owner and environment from the mapped tag keys
 * (compared case-insensitively), and every tag as `key=value` so baselines can scope by tag.
 */
export function detailsFromOrganization(
  accounts: readonly OrganizationAccount[],
  mapping: TagMapping,
): AccountDetails[] {
  const pick = (tags: OrganizationAccount['tags'], key: string) =>
    tags.find((t) => t.key.toLowerCase() === key.toLowerCase())?.value.trim()
  return accounts.map((a) => {
    const owner = pick(a.tags, mapping.ownerTag)
    const environment = environmentFromTag(pick(a.tags, mapping.environmentTag) ?? '')
    return {
      id: a.id,
      name: a.name,
      ...(a.email ? { email: a.email } : {}),
      ...(owner ? { owner } : {}),
      ...(environment ? { environment } : {}),
      tags: a.tags.map((t) => `${t.key}=${t.value}`),
    }
  })
}
