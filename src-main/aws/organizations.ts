import {
  OrganizationsClient,
  type OrganizationsClientConfig,
  paginateListAccounts,
  paginateListTagsForResource,
} from '@aws-sdk/client-organizations'
import {
  detailsFromOrganization,
  type OrganizationAccount,
  type TagMapping,
} from '../../shared/accounts-file/organizations'
import type { AccountDetails } from '../../shared/accounts-file/parse'

/**
 * Reads account names and tags from AWS Organizations (`organizations:ListAccounts`,
 * `organizations:ListTagsForResource`). Works only with credentials for the organization's management
 * account (or a delegated administrator); any other caller gets AccessDeniedException from AWS, which is
 * thrown unchanged for the caller to map. Suspended and closed accounts are skipped.
 */
export async function readOrganizationAccounts(
  client: OrganizationsClient,
  options: { signal?: AbortSignal } = {},
): Promise<OrganizationAccount[]> {
  const accounts: OrganizationAccount[] = []
  const abort = options.signal ? { abortSignal: options.signal } : {}
  for await (const page of paginateListAccounts({ client }, {}, abort)) {
    for (const a of page.Accounts ?? []) {
      const state = a.State ?? a.Status
      if (!a.Id || (state !== undefined && state !== 'ACTIVE')) continue
      const tags: OrganizationAccount['tags'][number][] = []
      for await (const tagPage of paginateListTagsForResource({ client }, { ResourceId: a.Id }, abort)) {
        for (const t of tagPage.Tags ?? []) if (t.Key) tags.push({ key: t.Key, value: t.Value ?? '' })
      }
      accounts.push({ id: a.Id, name: a.Name ?? a.Id, ...(a.Email ? { email: a.Email } : {}), tags })
    }
  }
  return accounts
}

/** Account details from Organizations with the tag mapping applied: what the accounts-file import merges. */
export async function importOrganizationAccounts(
  config: OrganizationsClientConfig,
  mapping: TagMapping,
  options: { signal?: AbortSignal } = {},
): Promise<AccountDetails[]> {
  // Organizations is a global service, served from us-east-1.
  const client = new OrganizationsClient({ region: 'us-east-1', ...config })
  try {
    return detailsFromOrganization(await readOrganizationAccounts(client, options), mapping)
  } finally {
    client.destroy()
  }
}
