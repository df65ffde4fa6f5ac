import { useEffect, useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Account, Attestation, DomainId, Waiver } from '../../shared/domain/types'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import {
  type AccountState,
  type ControlRef,
  controlRefs,
  type DomainState,
  stateStatus,
} from '../../shared/overview/state'
import { type ScoreCache, scoreAccountsCached } from '../../shared/scoring/score-accounts'
import type { AccountScorecard, ControlResult, DomainResult, UnknownReason } from '../../shared/scoring/types'
import type { AccountSummary } from '../workers/summary'
import { accountSelectors } from './accounts-slice'
import { useAppStore } from './app-store'
import type { DeskModel } from './desk-model'
import { modelSelectors } from './model-slice'
import { summarySelectors } from './summaries-slice'

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
 * its answers; the engine picks the current one): it asks for the bundles and answers to be read, and is empty
 * until they are. The overview reads stored summaries instead.
 */
export function useAccountScorecards(accountIds: readonly string[]): Map<string, AccountScorecard> {
  const ensureDeskDetails = useAppStore((s) => s.ensureDeskDetails)
  const isWanted = accountIds.length > 0
  useEffect(() => {
    if (isWanted) void ensureDeskDetails()
  }, [isWanted, ensureDeskDetails])
  const data = useAppStore(
    useShallow(
      (s) =>
        [s.isDeskDetailsLoaded, s.accounts, s.latestEvidence, s.attestations, s.waivers, s.deps.now] as const,
    ),
  )
  const model = useAppStore(modelSelectors.desk)
  const key = accountIds.join(',')
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the ids' contents
  return useMemo(() => {
    const [isLoaded, accounts, latestEvidence, attestations, waivers, now] = data
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
 * Every account's full scorecard, for views that show each verdict of every account (the Baselines area's
 * breaches and plan): it loads every bundle and answer first. The overview reads only the stored summaries.
 */
export function useScorecards(): Map<string, AccountScorecard> {
  const ids = useAppStore(useShallow((s) => s.accounts.map((a) => a.id)))
  return useAccountScorecards(ids)
}

/** One account's full scorecard, scored when its view is open; undefined until its data is loaded. */
export function useAccountScorecard(accountId: string): AccountScorecard | undefined {
  return useAccountScorecards([accountId]).get(accountId)
}

/** The stored summaries scored under the model in use, with that model's controls in their statuses' order. */
export interface OverviewStates {
  /** One per account that has a summary of the current model, in the accounts' order. */
  states: AccountSummary[]
  controls: ControlRef[]
}

/**
 * The overview's data: the stored summaries of the current model (a summary of an older model waits for the
 * worker, since its statuses follow another control order). Nothing here reads a bundle or an answer.
 */
export function useOverviewStates(): OverviewStates {
  const accounts = useAppStore(accountSelectors.accounts)
  const summaries = useAppStore(summarySelectors.summaries)
  const model = useAppStore(modelSelectors.desk)
  const controls = useMemo(() => controlRefs(model.compiled), [model])
  const states = useMemo(
    () =>
      accounts.flatMap((a) => {
        const summary = summaries[a.id]
        return summary && summary.modelVersion === model.compiled.version ? [summary] : []
      }),
    [accounts, summaries, model],
  )
  return { states, controls }
}

/** One account's controls as results, by domain, from its statuses (see `statusCards`). */
function statusResults(state: AccountState, controls: readonly ControlRef[]): Map<DomainId, ControlResult[]> {
  const byDomain = new Map<DomainId, ControlResult[]>()
  controls.forEach((control, index) => {
    const status = stateStatus(state, index)
    if (!status) return
    const unknownReason = state.unknownReasons[control.id] as UnknownReason | undefined
    const list = byDomain.get(control.domainId) ?? []
    list.push({
      controlId: control.id,
      domainId: control.domainId,
      level: control.level,
      status,
      ...(unknownReason ? { unknownReason } : {}),
      reason: '',
      resources: [],
      evidence: control.source ? [{ source: control.source, collectedAt: '' }] : [],
    })
    byDomain.set(control.domainId, list)
  })
  return byDomain
}

/** One account's status card (see `statusCards`). */
function statusCard(state: AccountState, controls: readonly ControlRef[]): AccountScorecard {
  const results = statusResults(state, controls)
  const domains = (Object.entries(state.domains) as Array<[DomainId, DomainState]>).map(
    ([domainId, d]): DomainResult => ({
      domainId,
      level: d.level,
      evidenceLevel: d.evidenceLevel,
      ...(d.target !== undefined ? { target: d.target } : {}),
      progress: d.progress,
      blockers: { fails: [], unknowns: [] },
      controls: results.get(domainId) ?? [],
    }),
  )
  const { accountId, level, evidenceLevel, grade, belowTarget } = state
  return { accountId, level, evidenceLevel, grade, domains, belowTarget }
}

/**
 * Scorecards rebuilt from overview states for the pure functions that count (the planner, baseline breach
 * counts): statuses, unknown categories, levels and each control's source. They carry no reason, resource or
 * evidence time, so they are never shown as verdicts; a view that shows one reads the full scorecard.
 */
export const statusCards = (states: readonly AccountState[], controls: readonly ControlRef[]) =>
  new Map(states.map((state) => [state.accountId, statusCard(state, controls)]))

/** `statusCards` of the overview states, kept while the summaries don't change. */
export function useStatusCards(): Map<string, AccountScorecard> {
  const { states, controls } = useOverviewStates()
  return useMemo(() => statusCards(states, controls), [states, controls])
}
