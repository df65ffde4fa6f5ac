import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Account, Attestation, Waiver } from '../../shared/domain/types'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import { scoreAccount } from '../../shared/scoring/engine'
import type { AccountScorecard } from '../../shared/scoring/types'
import { latestPerControl } from '../db/answers-repo'
import { groupByAccount } from '../workers/summary'
import { useAppStore } from './app-store'
import type { DeskModel } from './desk-model'
import { modelSelectors } from './model-slice'

export interface DeskScoreInput {
  model: DeskModel
  accounts: Account[]
  latestEvidence: Record<string, EvidenceBundle>
  attestations: Attestation[]
  waivers: Waiver[]
  now: Date
}

/** Scorecards kept between runs, by account, with the fingerprint of the inputs that produced them. */
export type ScoreCache = Map<string, { key: string; card: AccountScorecard }>

/**
 * Everything one account's score depends on, as a string. `now` counts to the minute: a score is reused
 * for at most a minute, so an answer that expires shows as expired within a minute.
 */
function fingerprint(
  model: DeskModel,
  now: Date,
  account: Account,
  bundle: EvidenceBundle | undefined,
  attestations: Attestation[],
  waivers: Waiver[],
): string {
  return [
    model.compiled.version,
    Math.floor(now.getTime() / 60_000),
    JSON.stringify(account.targets),
    bundle ? `${bundle.accountId}@${bundle.collectedAt}` : '-',
    attestations.map((a) => `${a.id}:${a.attestedAt}:${a.expiresAt}:${a.isMet}:${a.note}`).join(','),
    waivers.map((w) => `${w.id}:${w.createdAt}:${w.expiresAt}`).join(','),
  ].join('|')
}

/**
 * Scores every account from its latest bundle and its newest answer per control (older answers are history).
 * Pure: the same input gives the same scorecards. Scores are derived here, never stored. With a cache,
 * accounts whose inputs did not change keep their scorecard, so answering one question for one of 1,000
 * accounts rescores one account.
 */
export function scoreDesk(input: DeskScoreInput, cache?: ScoreCache): Map<string, AccountScorecard> {
  const attestations = groupByAccount(latestPerControl(input.attestations, (a) => a.attestedAt))
  const waivers = groupByAccount(latestPerControl(input.waivers, (w) => w.createdAt))
  const result = new Map<string, AccountScorecard>()
  for (const account of input.accounts) {
    const bundle = input.latestEvidence[account.id]
    const own = attestations.get(account.id) ?? []
    const ownWaivers = waivers.get(account.id) ?? []
    const key = cache ? fingerprint(input.model, input.now, account, bundle, own, ownWaivers) : ''
    const cached = cache?.get(account.id)
    if (cached && cached.key === key) {
      result.set(account.id, cached.card)
      continue
    }
    const card = scoreAccount({
      model: input.model.compiled,
      now: input.now,
      accountId: account.id,
      account,
      bundle,
      attestations: own,
      waivers: ownWaivers,
    })
    cache?.set(account.id, { key, card })
    result.set(account.id, card)
  }
  if (cache) for (const id of cache.keys()) if (!result.has(id)) cache.delete(id)
  return result
}

/**
 * One account's full scorecard, scored when its view is open (from its latest bundle and newest answers);
 * undefined until the bundles and answers are loaded. The overview reads stored summaries instead.
 */
export function useAccountScorecard(accountId: string): AccountScorecard | undefined {
  const data = useAppStore(
    useShallow((s) => ({
      isLoaded: s.isDeskDetailsLoaded,
      account: s.accounts.find((a) => a.id === accountId),
      latestEvidence: s.latestEvidence,
      attestations: s.attestations,
      waivers: s.waivers,
      now: s.deps.now,
    })),
  )
  const model = useAppStore(modelSelectors.desk)
  return useMemo(() => {
    const { isLoaded, account, latestEvidence, attestations, waivers, now } = data
    if (!isLoaded || !account) return undefined
    const own = <T extends { accountId: string }>(rows: T[]) => rows.filter((r) => r.accountId === accountId)
    return scoreDesk({
      model,
      accounts: [account],
      latestEvidence: { [accountId]: latestEvidence[accountId] } as Record<string, EvidenceBundle>,
      attestations: own(attestations),
      waivers: own(waivers),
      now: now(),
    }).get(accountId)
  }, [data, model, accountId])
}
