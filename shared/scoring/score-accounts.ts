import type { Account, Attestation, Waiver } from '../domain/types'
import type { EvidenceBundle } from '../evidence/schema'
import { type CompiledModel, organizationViews, scoreAccount } from './engine'
import type { OrganizationView } from './evidence-index'
import { groupBy } from './group-by'
import type { AccountScorecard } from './types'

/** What the app scores: its accounts, the latest bundle of each, and every answer recorded. */
export interface AccountsScoreInput {
  model: CompiledModel
  accounts: ReadonlyArray<Pick<Account, 'id' | 'targets'>>
  latestEvidence: Readonly<Record<string, EvidenceBundle>>
  attestations: Attestation[]
  waivers: Waiver[]
  now: Date
}

/** Scorecards kept between runs, by account, with the fingerprint of the inputs that produced them. */
export type ScoreCache = Map<string, { key: string; card: AccountScorecard }>

/** Rows grouped by their account id, in their order. */
export const groupByAccount = <T extends { accountId: string }>(rows: T[]) =>
  groupBy(rows, (row) => row.accountId)

/**
 * Everything one account's score depends on, as a string. `now` counts to the minute: a score is reused
 * for at most a minute, so an answer that expires shows as expired within a minute.
 */
function fingerprint(
  model: CompiledModel,
  now: Date,
  account: Pick<Account, 'id' | 'targets'>,
  bundle: EvidenceBundle | undefined,
  attestations: Attestation[],
  waivers: Waiver[],
  org: OrganizationView | undefined,
): string {
  return [
    model.version,
    Math.floor(now.getTime() / 60_000),
    JSON.stringify(account.targets),
    bundle ? `${bundle.accountId}@${bundle.collectedAt}` : '-',
    attestations.map((a) => `${a.id}:${a.attestedAt}:${a.expiresAt}:${a.isMet}:${a.note}`).join(','),
    waivers.map((w) => `${w.id}:${w.createdAt}:${w.expiresAt}`).join(','),
    org ? `${org.accountIds.size}:${org.foreignFindings.map((f) => f.finding.id).join(',')}` : '-',
  ].join('|')
}

/**
 * Scores every account from its latest bundle and all its answers: the engine selects the current answer,
 * and findings about another account's resources count in that account (organizationViews), exactly as
 * scoreOrganization does for the CLI and snapshots. Pure. With a cache, accounts whose inputs did not change
 * keep their scorecard, so answering one question for one of 1,000 accounts rescores one account.
 */
export function scoreAccountsCached(
  input: AccountsScoreInput,
  cache?: ScoreCache,
): Map<string, AccountScorecard> {
  const attestations = groupByAccount(input.attestations)
  const waivers = groupByAccount(input.waivers)
  const views = organizationViews(
    input.accounts.map((a) => ({ accountId: a.id, bundle: input.latestEvidence[a.id] })),
  )
  const result = new Map<string, AccountScorecard>()
  for (const account of input.accounts) {
    const bundle = input.latestEvidence[account.id]
    const own = attestations.get(account.id) ?? []
    const ownWaivers = waivers.get(account.id) ?? []
    const org = views.get(account.id)
    const key = cache ? fingerprint(input.model, input.now, account, bundle, own, ownWaivers, org) : ''
    const cached = cache?.get(account.id)
    if (cached && cached.key === key) {
      result.set(account.id, cached.card)
      continue
    }
    const card = scoreAccount({
      model: input.model,
      now: input.now,
      accountId: account.id,
      account,
      bundle,
      attestations: own,
      waivers: ownWaivers,
      org,
    })
    cache?.set(account.id, { key, card })
    result.set(account.id, card)
  }
  if (cache) for (const id of cache.keys()) if (!result.has(id)) cache.delete(id)
  return result
}
