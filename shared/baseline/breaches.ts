import type { DomainId, Level } from '../domain/types'
import type { AccountScorecard, ControlResult, ResourceRef } from '../scoring/types'
import { resolveBaseline, type ScopedAccount } from './scope'
import type { Baseline, BreachState } from './types'

/** Something an account must fix, answer or accept to meet its baseline. */
export interface Breach {
  accountId: string
  baselineId: string
  baselineVersion: number
  kind: 'level' | 'invariant'
  state: BreachState
  /** For a level breach. */
  domainId?: DomainId
  required?: Level
  actual?: Level
  /** For an invariant breach. */
  controlId?: string
  /** One sentence, naming the controls or the evidence that decided it. */
  reason: string
  resources: ResourceRef[]
  evidence: ControlResult['evidence']
}

/** A stable key for a breach: the same breach under two baseline versions has the same key. */
export const breachKey = (b: Breach): string =>
  `${b.accountId}:${b.kind}:${b.kind === 'level' ? b.domainId : b.controlId}`

/**
 * The breaches of one account against one baseline version, compared with the assessed level (`level`).
 * - A domain under its minimum is `failing` when a control at or below the minimum fails, otherwise `unknown`
 *   (only unverified controls hold it back: resolve them, it is not a failure).
 * - An invariant must pass on evidence: `fail` is failing; `unknown`, and `attested` (an attestation never
 *   satisfies an invariant), are unknown; `exempt` (a waiver) is a waived breach; an invariant the model
 *   does not have is unknown. `pass` and `not-applicable` meet it.
 */
export function computeBreaches(card: AccountScorecard, baseline: Baseline): Breach[] {
  const base = { accountId: card.accountId, baselineId: baseline.id, baselineVersion: baseline.version }
  const breaches: Breach[] = []
  for (const d of card.domains) {
    const required = baseline.minimums[d.domainId] as Level | undefined
    if (required === undefined || d.level >= required) continue
    const unmet = d.controls.filter(
      (c) => c.level <= required && (c.status === 'fail' || c.status === 'unknown'),
    )
    const fails = unmet.filter((c) => c.status === 'fail')
    const state: BreachState = fails.length > 0 ? 'failing' : 'unknown'
    const shown = fails.length > 0 ? fails : unmet
    breaches.push({
      ...base,
      kind: 'level',
      state,
      domainId: d.domainId,
      required,
      actual: d.level,
      reason: `${d.domainId} is at level ${d.level}, under the minimum ${required}: ${
        fails.length > 0 ? 'failing' : 'unverified'
      } ${shown.map((c) => c.controlId).join(', ')}`,
      resources: shown.flatMap((c) => c.resources),
      evidence: shown.flatMap((c) => c.evidence),
    })
  }
  const controls = new Map(card.domains.flatMap((d) => d.controls.map((c) => [c.controlId, c] as const)))
  for (const controlId of baseline.invariants) {
    const breach = invariantBreach(controls.get(controlId), controlId)
    if (breach) breaches.push({ ...base, kind: 'invariant', controlId, ...breach })
  }
  return breaches
}

type InvariantPart = Pick<Breach, 'state' | 'reason' | 'resources' | 'evidence' | 'domainId'>

function invariantBreach(result: ControlResult | undefined, controlId: string): InvariantPart | undefined {
  if (!result)
    return { state: 'unknown', reason: `${controlId} is not in the model`, resources: [], evidence: [] }
  const part = { domainId: result.domainId, resources: result.resources, evidence: result.evidence }
  switch (result.status) {
    case 'pass':
    case 'not-applicable':
      return undefined
    case 'fail':
      return { ...part, state: 'failing', reason: `${controlId} fails: ${result.reason}` }
    case 'exempt':
      return {
        ...part,
        state: 'waived',
        reason: `${controlId} is waived by ${result.waiver?.approver ?? 'an approver'} until ${
          result.waiver?.expiresAt ?? 'its expiry'
        }: ${result.waiver?.reason ?? result.reason}`,
      }
    case 'attested':
      return {
        ...part,
        state: 'unknown',
        reason: `${controlId} is attested by ${result.attestation?.attestedBy ?? 'a person'}, but an invariant needs evidence`,
      }
    case 'unknown':
      return { ...part, state: 'unknown', reason: `${controlId} is unverified: ${result.reason}` }
  }
}

/** One account's standing against the baseline that holds it. */
export interface AccountBaselineResult {
  accountId: string
  baselineId?: string
  baselineVersion?: number
  matchedBy?: Baseline['scope']['kind']
  shadowed: string[]
  breaches: Breach[]
}

/**
 * Every account's baseline and breaches. `baselines` are the versions in force (one per id); an account no
 * baseline holds has none. Accounts without a scorecard are skipped (nothing was scored).
 */
export function evaluateBaselines(
  accounts: readonly ScopedAccount[],
  cards: readonly AccountScorecard[],
  baselines: readonly Baseline[],
): AccountBaselineResult[] {
  const byId = new Map(cards.map((c) => [c.accountId, c]))
  return accounts.flatMap((account): AccountBaselineResult[] => {
    const card = byId.get(account.id)
    if (!card) return []
    const match = resolveBaseline(account, baselines)
    if (!match) return [{ accountId: account.id, shadowed: [], breaches: [] }]
    return [
      {
        accountId: account.id,
        baselineId: match.baseline.id,
        baselineVersion: match.baseline.version,
        matchedBy: match.matchedBy,
        shadowed: match.shadowed,
        breaches: computeBreaches(card, match.baseline),
      },
    ]
  })
}

/** The worst state among breaches, for exit codes and badges: failing > unknown > waived > none. */
export function worstState(breaches: readonly Breach[]): BreachState | 'none' {
  if (breaches.some((b) => b.state === 'failing')) return 'failing'
  if (breaches.some((b) => b.state === 'unknown')) return 'unknown'
  if (breaches.some((b) => b.state === 'waived')) return 'waived'
  return 'none'
}
