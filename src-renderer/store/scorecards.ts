import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Account, Attestation, Waiver } from '../../shared/domain/types'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import { type ScoreCache, scoreAccountsCached } from '../../shared/scoring/score-accounts'
import type { AccountScorecard } from '../../shared/scoring/types'
import { useAppStore } from './app-store'
import { type DeskModel, useDeskModel } from './desk-model'

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

// One cache for the renderer: every component that shows scores shares it and the last result.
const sharedCache: ScoreCache = new Map()
let lastRun:
  | { input: Omit<DeskScoreInput, 'now'>; result: Map<string, AccountScorecard>; minute: number }
  | undefined

/** Scorecards for every account, recomputed only when the accounts, evidence, answers or model change. */
export function useScorecards(): Map<string, AccountScorecard> {
  const data = useAppStore(
    useShallow((s) => ({
      accounts: s.accounts,
      latestEvidence: s.latestEvidence,
      attestations: s.attestations,
      waivers: s.waivers,
      now: s.deps.now,
    })),
  )
  const model = useDeskModel()
  return useMemo(() => {
    const now = data.now()
    const minute = Math.floor(now.getTime() / 60_000)
    const input = { model, ...data }
    const prev = lastRun
    if (
      prev &&
      prev.minute === minute &&
      prev.input.model === model &&
      prev.input.accounts === data.accounts &&
      prev.input.latestEvidence === data.latestEvidence &&
      prev.input.attestations === data.attestations &&
      prev.input.waivers === data.waivers
    ) {
      return prev.result
    }
    const result = scoreDesk({ ...input, now }, sharedCache)
    lastRun = { input, result, minute }
    return result
  }, [data, model])
}
