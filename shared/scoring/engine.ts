import type { Account, Attestation, DomainId, Level, Waiver } from '../domain/types'
import { domainIds } from '../domain/types'
import type { EvidenceBundle } from '../evidence/schema'
import { ruleSource } from '../model/rules'
import { type MaturityModel, modelVersion } from '../model/schema'
import { type AccountContext, type CompiledControl, scoreControl } from './control'
import { DAY_MS, EvidenceIndex, findingsByOwner, type OrganizationView } from './evidence-index'
import { resolveParams } from './params'
import type {
  AccountScorecard,
  AccountScoreInput,
  ControlResult,
  DomainResult,
  Grade,
  OrgScorecard,
  ParamOverrides,
} from './types'

/** Default maximum evidence age, in days. */
export const DEFAULT_MAX_EVIDENCE_AGE_DAYS = 30

/** A model prepared for scoring many accounts: controls flattened in order, grouped by domain, hashed once. */
export interface CompiledModel {
  model: MaturityModel
  version: string
  controls: CompiledControl[]
  domains: Array<{ id: DomainId; controls: CompiledControl[] }>
}

/** Flattens and indexes a model once, so scoring N accounts does no per-account model work. */
export function compileModel(model: MaturityModel): CompiledModel {
  const controls: CompiledControl[] = []
  const domains = model.domains.map((d) => {
    const domainControls: CompiledControl[] = []
    for (const level of d.levels) {
      for (const control of level.controls) {
        const compiled: CompiledControl = {
          control,
          domainId: d.id,
          level: level.level,
          source: control.rule ? ruleSource[control.rule.kind] : undefined,
        }
        domainControls.push(compiled)
        controls.push(compiled)
      }
    }
    return { id: d.id, controls: domainControls }
  })
  return { model, version: modelVersion(model), controls, domains }
}

function groupByControl<T extends { controlId: string; accountId: string }>(
  records: T[],
  accountId: string,
): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const r of records) {
    if (r.accountId !== accountId) continue
    const list = map.get(r.controlId)
    if (list) list.push(r)
    else map.set(r.controlId, [r])
  }
  return map
}

const metStatuses = new Set<ControlResult['status']>(['pass', 'exempt', 'attested', 'not-applicable'])

/** Whether a control result counts toward its level. Unknown is not met, but it is never a failure. */
export function isMet(result: ControlResult): boolean {
  return metStatuses.has(result.status)
}

/**
 * Domain level: the highest L at which every control at levels ≤ L is met. Progress: the share of controls
 * at levels ≤ L+1 that are met (1 at level 5). Blockers: the unmet controls of level L+1.
 */
export function domainResult(
  domainId: DomainId,
  controls: ControlResult[],
  target: Level | undefined,
): DomainResult {
  const total = [0, 0, 0, 0, 0, 0]
  const met = [0, 0, 0, 0, 0, 0]
  for (const c of controls) {
    total[c.level] = (total[c.level] ?? 0) + 1
    if (isMet(c)) met[c.level] = (met[c.level] ?? 0) + 1
  }
  let level = 0
  while (level < 5 && met[level + 1] === total[level + 1]) level++
  const next = level + 1
  let progress = 1
  const blockers = { fails: [] as string[], unknowns: [] as string[] }
  if (level < 5) {
    let sumTotal = 0
    let sumMet = 0
    for (let l = 1; l <= next; l++) {
      sumTotal += total[l] ?? 0
      sumMet += met[l] ?? 0
    }
    progress = sumTotal === 0 ? 1 : sumMet / sumTotal
    for (const c of controls) {
      if (c.level !== next) continue
      if (c.status === 'fail') blockers.fails.push(c.controlId)
      else if (c.status === 'unknown') blockers.unknowns.push(c.controlId)
    }
  }
  const result: DomainResult = {
    domainId,
    level: level as Level,
    evidenceLevel: evidenceLevel(controls),
    progress,
    blockers,
    controls,
  }
  if (target !== undefined) result.target = target
  return result
}

const verifiedRuleStatuses = new Set<ControlResult['ruleStatus']>(['pass', 'not-applicable'])

/**
 * The evidence-verified level: the highest level L that has an automated control, such that every automated
 * control at levels ≤ L passes on its rule alone (answers and waivers do not count). Levels with no automated
 * control neither block nor count; a domain with no automated control at all is null ("no automated
 * evidence").
 */
export function evidenceLevel(controls: ControlResult[]): Level | null {
  const automated = [false, false, false, false, false, false]
  const verified = [true, true, true, true, true, true]
  for (const c of controls) {
    if (c.ruleStatus === undefined) continue
    automated[c.level] = true
    if (!verifiedRuleStatuses.has(c.ruleStatus)) verified[c.level] = false
  }
  if (!automated.some(Boolean)) return null
  let level = 0
  for (let l = 1; l <= 5; l++) {
    if (!automated[l]) continue
    if (!verified[l]) break
    level = l
  }
  return level as Level
}

/** Whether any automated control was decided by evidence (pass, fail or not applicable). */
export function hasUsableEvidence(domains: DomainResult[]): boolean {
  return domains.some((d) => d.controls.some((c) => c.ruleStatus !== undefined && c.ruleStatus !== 'unknown'))
}

/** The lowest non-null level, or null when every one is null. */
export function lowest(levels: ReadonlyArray<Level | null | undefined>): Level | null {
  const known = levels.filter((l): l is Level => l !== null && l !== undefined)
  return known.length === 0 ? null : (Math.min(...known) as Level)
}

/**
 * Letter grade from the domain levels (floor = headline level, mean = average domain level):
 * A floor ≥ 4 · B floor 3 · C floor 2 · D floor 1 and mean ≥ 2 · E floor 1 and mean < 2 · F any domain at 0.
 */
export function gradeFor(levels: Level[]): Grade {
  if (levels.length === 0) return 'F'
  const floor = Math.min(...levels)
  const mean = levels.reduce<number>((s, l) => s + l, 0) / levels.length
  if (floor >= 4) return 'A'
  if (floor === 3) return 'B'
  if (floor === 2) return 'C'
  if (floor === 1) return mean >= 2 ? 'D' : 'E'
  return 'F'
}

interface PreparedOptions {
  nowMs: number
  maxAgeMs: number
  params: ReturnType<typeof resolveParams>
}

function scoreCompiled(
  compiled: CompiledModel,
  opts: PreparedOptions,
  accountId: string,
  account: Pick<Account, 'id' | 'targets'> | undefined,
  bundle: EvidenceBundle | undefined,
  attestations: Attestation[],
  waivers: Waiver[],
  org?: OrganizationView,
): AccountScorecard {
  const ctx: AccountContext = {
    index: bundle ? new EvidenceIndex(bundle, opts.nowMs, org) : undefined,
    nowMs: opts.nowMs,
    maxAgeMs: opts.maxAgeMs,
    params: opts.params,
    attestations: groupByControl(attestations, accountId),
    waivers: groupByControl(waivers, accountId),
    gates: {},
  }
  const targets = account?.targets ?? {}
  const domains = compiled.domains.map((d) =>
    domainResult(
      d.id,
      d.controls.map((c) => scoreControl(c, ctx)),
      targets[d.id] as Level | undefined,
    ),
  )
  const levels = domains.map((d) => d.level)
  return {
    accountId,
    level: (levels.length === 0 ? 0 : Math.min(...levels)) as Level,
    evidenceLevel: lowest(domains.map((d) => d.evidenceLevel)),
    // An account nothing could be read for is unassessed, never F.
    grade: hasUsableEvidence(domains) ? gradeFor(levels) : 'unassessed',
    domains,
    belowTarget: belowTarget(domains),
  }
}

/**
 * The mean level of every domain of every account, from an organization's distribution (undefined when it
 * counts none): what a snapshot's row can say without its scorecard.
 */
export function meanLevelOf(distribution: OrgScorecard['distribution']): number | undefined {
  let sum = 0
  let count = 0
  for (const row of Object.values(distribution))
    row.forEach((n, level) => {
      sum += n * level
      count += n
    })
  return count === 0 ? undefined : sum / count
}

/** The domains under their target, in the domains' order: the one rule of "below target". */
export function belowTarget(
  domains: ReadonlyArray<Pick<DomainResult, 'domainId' | 'level' | 'target'>>,
): DomainId[] {
  return domains.filter((d) => d.target !== undefined && d.level < d.target).map((d) => d.domainId)
}

function prepare(
  model: MaturityModel,
  now: Date,
  params?: ParamOverrides,
  maxEvidenceAgeDays?: number,
): PreparedOptions {
  return {
    nowMs: now.getTime(),
    maxAgeMs: (maxEvidenceAgeDays ?? DEFAULT_MAX_EVIDENCE_AGE_DAYS) * DAY_MS,
    params: resolveParams(model, params),
  }
}

/** Scores one account against a model (or a compiled model). Pure: same input, same scorecard. */
export function scoreAccount(input: AccountScoreInput<MaturityModel | CompiledModel>): AccountScorecard {
  const compiled = isCompiled(input.model) ? input.model : compileModel(input.model)
  const opts = prepare(compiled.model, input.now, input.params, input.maxEvidenceAgeDays)
  return scoreCompiled(
    compiled,
    opts,
    input.accountId,
    input.account,
    input.bundle,
    input.attestations,
    input.waivers,
    input.org,
  )
}

/**
 * What each account's scoring knows about the others: the set of accounts, and the findings other accounts'
 * analyzers hold about its resources. The app and scoreOrganization both build it here, so a finding counts
 * in the same account on every path.
 */
export function organizationViews(
  accounts: ReadonlyArray<{ accountId: string; bundle?: EvidenceBundle | undefined }>,
): Map<string, OrganizationView> {
  const accountIds = new Set(accounts.map((a) => a.accountId))
  const foreign = findingsByOwner(accounts.flatMap((a) => a.bundle ?? []))
  return new Map(
    accounts.map((a) => [a.accountId, { accountIds, foreignFindings: foreign.get(a.accountId) ?? [] }]),
  )
}

export interface OrgAccountInput {
  accountId: string
  account?: Pick<Account, 'id' | 'targets'>
  bundle?: EvidenceBundle
  attestations: Attestation[]
  waivers: Waiver[]
}

export interface OrgScoreInput {
  model: MaturityModel | CompiledModel
  accounts: OrgAccountInput[]
  now: Date
  params?: ParamOverrides
  maxEvidenceAgeDays?: number
}

/**
 * Scores every account and counts, per domain, how many accounts sit at each level (index = level 0–5).
 * Compiles the model once; pass a CompiledModel to reuse it across calls (the bench does).
 */
export function scoreOrganization(input: OrgScoreInput): OrgScorecard {
  const compiled = isCompiled(input.model) ? input.model : compileModel(input.model)
  const opts = prepare(compiled.model, input.now, input.params, input.maxEvidenceAgeDays)
  const distribution = Object.fromEntries(domainIds.map((id) => [id, [0, 0, 0, 0, 0, 0]])) as Record<
    DomainId,
    number[]
  >
  const views = organizationViews(input.accounts)
  const accounts = input.accounts.map((a) => {
    const org = views.get(a.accountId)
    const card = scoreCompiled(
      compiled,
      opts,
      a.accountId,
      a.account,
      a.bundle,
      a.attestations,
      a.waivers,
      org,
    )
    for (const d of card.domains) {
      const row = distribution[d.domainId]
      row[d.level] = (row[d.level] ?? 0) + 1
    }
    return card
  })
  return {
    modelId: compiled.model.id,
    modelVersion: compiled.version,
    scoredAt: input.now.toISOString(),
    accounts,
    distribution,
  }
}

/** Bench helper: scores `accounts` against an already compiled model and returns the organization scorecard. */
export function scoreAccountsForBench(
  compiled: CompiledModel,
  accounts: OrgAccountInput[],
  now: Date,
): OrgScorecard {
  return scoreOrganization({ model: compiled, accounts, now })
}

function isCompiled(model: MaturityModel | CompiledModel): model is CompiledModel {
  return 'controls' in model && 'version' in model
}
