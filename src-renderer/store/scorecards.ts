import { useEffect, useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Account, Attestation, Waiver } from '../../shared/domain/types'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import { type ScoreCache, scoreAccountsCached } from '../../shared/scoring/score-accounts'
import type { AccountScorecard } from '../../shared/scoring/types'
import { useAppStore } from './app-store'
import type { DeskModel } from './desk-model'
import { modelSelectors } from './model-slice'

export type { ScoreCache } from '../../shared/scoring/score-accounts'

export interface DeskScoreInput {
  model: DeskModel
  accounts: Account[]
  latestEvidence: Record<string, EvidenceBundle>
  attestations: Attestation[]
  waivers: Waiver[]
  now: Date
}

/**
 * Scores every account from its latest bundle and all its answers (the engine selects the current one),
 * through the same shared function the cross-path test checks against the CLI, snapshots and exports.
 */
export function scoreDesk(input: DeskScoreInput, cache?: ScoreCache): Map<string, AccountScorecard> {
  return scoreAccountsCached({ ...input, model: input.model.compiled }, cache)
}

/**
 * Full scorecards of some accounts, scored when a view needs their controls (from each latest bundle and all
 * its answers; the engine picks the current one); empty until the bundles and answers are loaded. The overview
 * reads stored summaries instead.
 */
export function useAccountScorecards(accountIds: readonly string[]): Map<string, AccountScorecard> {
  const data = useAppStore(
    useShallow((s) => ({
      isLoaded: s.isDeskDetailsLoaded,
      accounts: s.accounts,
      latestEvidence: s.latestEvidence,
      attestations: s.attestations,
      waivers: s.waivers,
      now: s.deps.now,
    })),
  )
  const model = useAppStore(modelSelectors.desk)
  const key = accountIds.join(',')
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the ids' contents
  return useMemo(() => {
    const { isLoaded, accounts, latestEvidence, attestations, waivers, now } = data
    if (!isLoaded) return new Map()
    const ids = new Set(accountIds)
    const own = <T extends { accountId: string }>(rows: T[]) => rows.filter((r) => ids.has(r.accountId))
    return scoreDesk({
      model,
      accounts: accounts.filter((a) => ids.has(a.id)),
      latestEvidence,
      attestations: own(attestations),
      waivers: own(waivers),
      now: now(),
    })
  }, [data, model, key])
}

/**
 * Every account's full scorecard, for views that need each control of every account (baseline breaches and
 * plans): it loads the bundles and answers first. The overview itself reads only the stored summaries.
 */
export function useScorecards(): Map<string, AccountScorecard> {
  const ensureDeskDetails = useAppStore((s) => s.ensureDeskDetails)
  useEffect(() => {
    void ensureDeskDetails()
  }, [ensureDeskDetails])
  const ids = useAppStore(useShallow((s) => s.accounts.map((a) => a.id)))
  return useAccountScorecards(ids)
}

/** One account's full scorecard, scored when its view is open; undefined until its data is loaded. */
export function useAccountScorecard(accountId: string): AccountScorecard | undefined {
  return useAccountScorecards([accountId]).get(accountId)
}
