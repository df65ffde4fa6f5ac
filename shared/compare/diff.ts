import type { DomainId, Level } from '../domain/types'
import type {
  AccountScorecard,
  ControlResult,
  DomainResult,
  OrgScorecard,
  ResourceRef,
} from '../scoring/types'
import { explainControlChange, isControlRegression } from './explain'
import type {
  AccountLevelChange,
  CompareMode,
  Comparison,
  ControlChange,
  ControlLookup,
  DiffSide,
  Gap,
  LevelChange,
  Regression,
  ResourceChange,
} from './types'

/** One account's scorecard, indexed by domain and by control id, so the diff never scans lists. */
interface IndexedAccount {
  card: AccountScorecard
  domains: Map<DomainId, DomainResult>
  controls: Map<string, ControlResult>
}

function indexScorecard(scorecard: OrgScorecard): Map<string, IndexedAccount> {
  const byAccount = new Map<string, IndexedAccount>()
  for (const card of scorecard.accounts) {
    const domains = new Map<DomainId, DomainResult>()
    const controls = new Map<string, ControlResult>()
    for (const domain of card.domains) {
      domains.set(domain.domainId, domain)
      for (const control of domain.controls) controls.set(control.controlId, control)
    }
    byAccount.set(card.accountId, { card, domains, controls })
  }
  return byAccount
}

function resourceKey(r: ResourceRef): string {
  return `${r.type}\u0000${r.region ?? ''}\u0000${r.id}`
}

const knownStatuses = new Set(['pass', 'fail', 'not-applicable'])

export interface DiffOptions {
  mode: CompareMode
  isSwapped: boolean
  isModelChanged: boolean
  isRescored: boolean
  /** Titles and levels from the newer model. */
  controlLookup: ControlLookup
  /** The older state re-scored under the newer model, used in as-recorded mode to name model changes. */
  rescoredBefore?: OrgScorecard
  modelEffects?: LevelChange[]
}

/** Collects the changes of one account; shared state for the walk below. */
class DiffBuilder {
  readonly controlChanges: ControlChange[] = []
  readonly added: ResourceChange[] = []
  readonly resolved: ResourceChange[] = []

  constructor(
    private readonly lookup: ControlLookup,
    private readonly afterTime: string,
    private readonly rescored: Map<string, IndexedAccount> | undefined,
  ) {}

  /** Compares one control; returns the change when its status differs. */
  control(
    accountId: string,
    domainId: DomainId,
    was: ControlResult | undefined,
    is: ControlResult | undefined,
  ) {
    this.resources(accountId, was, is)
    const from = was?.status ?? null
    const to = is?.status ?? null
    if (from === to) return undefined
    const controlId = (is ?? was)?.controlId ?? ''
    const rescoredBefore = this.rescored?.get(accountId)?.controls.get(controlId)
    const { reason, detail } = explainControlChange(was, is, {
      afterTime: this.afterTime,
      ...(rescoredBefore ? { rescoredBefore } : {}),
    })
    const info = this.lookup(controlId)
    const change: ControlChange = {
      accountId,
      domainId,
      controlId,
      controlTitle: info?.title ?? controlId,
      level: (is ?? was)?.level ?? info?.level ?? 0,
      from,
      to,
      reason,
      detail,
      isRegression: isControlRegression(from, to),
    }
    this.controlChanges.push(change)
    return change
  }

  private resources(accountId: string, was: ControlResult | undefined, is: ControlResult | undefined): void {
    const oldRes = was?.status === 'fail' ? was.resources : noResources
    const newRes = is?.status === 'fail' ? is.resources : noResources
    if (oldRes === newRes || (oldRes.length === 0 && newRes.length === 0) || isSameResources(oldRes, newRes))
      return
    const controlId = (is ?? was)?.controlId ?? ''
    const oldKeys = keySet(oldRes)
    const newKeys = keySet(newRes)
    for (const r of newRes)
      if (!oldKeys.has(resourceKey(r))) this.added.push({ accountId, controlId, resource: r })
    // A resource is only resolved when the newer state knows: not when the control became unknown or waived.
    if (is === undefined || !knownStatuses.has(is.status)) return
    for (const r of oldRes)
      if (!newKeys.has(resourceKey(r))) this.resolved.push({ accountId, controlId, resource: r })
  }
}

const noResources: ResourceRef[] = []
const emptyKeys: ReadonlySet<string> = new Set()

/** Same resources in the same order: the common case between quarters, checked without building keys. */
function isSameResources(a: ResourceRef[], b: ResourceRef[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as ResourceRef
    const y = b[i] as ResourceRef
    if (x.id !== y.id || x.type !== y.type || x.region !== y.region) return false
  }
  return true
}

function keySet(resources: ResourceRef[]): ReadonlySet<string> {
  return resources.length === 0 ? emptyKeys : new Set(resources.map(resourceKey))
}

/** The control changes that decide a level move first: those at or below the higher level (+1), lowest first. */
function explainingChanges(changes: ControlChange[], from: Level, to: Level): ControlChange[] {
  const ceiling = Math.max(from, to) + 1
  return changes.filter((c) => c.level <= ceiling).sort((x, y) => x.level - y.level)
}

/**
 * Diffs two scorecards: level changes per account and domain with the control changes that explain them,
 * regressions, resources and accounts that came and went, and the gaps to target in the newer state. Linear in
 * the number of control results: every lookup goes through a Map keyed by account id and control id.
 */
export function diffScorecards(before: DiffSide, after: DiffSide, options: DiffOptions): Comparison {
  const was = indexScorecard(before.scorecard)
  const names = new Map<string, string>()
  for (const a of before.accounts) names.set(a.id, a.name)
  for (const a of after.accounts) names.set(a.id, a.name)
  const targets = new Map(after.accounts.map((a) => [a.id, a.targets]))
  const nameOf = (id: string) => names.get(id) ?? id
  const builder = new DiffBuilder(
    options.controlLookup,
    after.info.createdAt,
    options.rescoredBefore ? indexScorecard(options.rescoredBefore) : undefined,
  )
  const levelChanges: LevelChange[] = []
  const accountLevelChanges: AccountLevelChange[] = []
  const gaps: Gap[] = []
  const added: string[] = []
  const removed: string[] = []

  const afterIds = new Set<string>()
  for (const now of after.scorecard.accounts) {
    const accountId = now.accountId
    afterIds.add(accountId)
    const accountName = nameOf(accountId)
    for (const domain of now.domains) {
      const target = domain.target ?? (targets.get(accountId)?.[domain.domainId] as Level | undefined)
      if (target !== undefined && target > domain.level) {
        gaps.push({
          accountId,
          accountName,
          domainId: domain.domainId,
          level: domain.level,
          target,
          gap: target - domain.level,
        })
      }
    }
    const then = was.get(accountId)
    if (then === undefined) {
      added.push(accountId)
      continue
    }
    if (then.card.level !== now.level) {
      accountLevelChanges.push({ accountId, accountName, from: then.card.level, to: now.level })
    }
    const changesByDomain = new Map<DomainId, ControlChange[]>()
    const record = (domainId: DomainId, change: ControlChange | undefined) => {
      if (!change) return
      const list = changesByDomain.get(domainId)
      if (list) list.push(change)
      else changesByDomain.set(domainId, [change])
    }
    let matched = 0
    for (const domain of now.domains) {
      for (const control of domain.controls) {
        const previous = then.controls.get(control.controlId)
        if (previous) matched++
        record(domain.domainId, builder.control(accountId, domain.domainId, previous, control))
      }
    }
    // Controls only in the older state (removed from the model): looked for only when some are missing.
    if (matched < then.controls.size) {
      const nowIds = new Set(now.domains.flatMap((d) => d.controls.map((c) => c.controlId)))
      for (const domain of then.card.domains) {
        for (const control of domain.controls) {
          if (!nowIds.has(control.controlId)) {
            record(domain.domainId, builder.control(accountId, domain.domainId, control, undefined))
          }
        }
      }
    }
    const nowDomains = new Map(now.domains.map((d) => [d.domainId, d]))
    const domainIds: DomainId[] = [...nowDomains.keys()]
    for (const domainId of then.domains.keys()) if (!nowDomains.has(domainId)) domainIds.push(domainId)
    for (const domainId of domainIds) {
      const nowDomain = nowDomains.get(domainId)
      const from = then.domains.get(domainId)?.level ?? 0
      const to = nowDomain?.level ?? 0
      if (from === to) continue
      const target = nowDomain?.target ?? (targets.get(accountId)?.[domainId] as Level | undefined)
      levelChanges.push({
        accountId,
        accountName,
        domainId,
        from,
        to,
        ...(target !== undefined ? { target } : {}),
        changes: explainingChanges(changesByDomain.get(domainId) ?? [], from, to),
      })
    }
  }
  for (const accountId of was.keys()) if (!afterIds.has(accountId)) removed.push(accountId)

  const regressions: Regression[] = [
    ...levelChanges.filter((c) => c.to < c.from).map((c): Regression => ({ kind: 'level-drop', ...pick(c) })),
    ...builder.controlChanges
      .filter((c) => c.isRegression)
      .map(
        (change): Regression => ({
          kind: 'control',
          accountId: change.accountId,
          accountName: nameOf(change.accountId),
          change,
        }),
      ),
  ]
  const controlChanges = builder.controlChanges
  return {
    before: before.info,
    after: after.info,
    mode: options.mode,
    isSwapped: options.isSwapped,
    isModelChanged: options.isModelChanged,
    isRescored: options.isRescored,
    regressions,
    levelChanges,
    accountLevelChanges,
    controlChanges,
    resources: { added: builder.added, resolved: builder.resolved },
    accounts: { added, removed },
    gaps,
    modelEffects: options.modelEffects ?? [],
    summary: {
      regressions: regressions.length,
      levelsUp: levelChanges.filter((c) => c.to > c.from).length,
      levelsDown: levelChanges.filter((c) => c.to < c.from).length,
      controlsFixed: controlChanges.filter((c) => c.to === 'pass' && c.from === 'fail').length,
      controlsNewlyFailing: controlChanges.filter((c) => c.to === 'fail' && c.from !== 'fail').length,
      accountsAdded: added.length,
      accountsRemoved: removed.length,
      resourcesAdded: builder.added.length,
      resourcesResolved: builder.resolved.length,
      gaps: gaps.length,
    },
  }
}

function pick(c: LevelChange) {
  return { accountId: c.accountId, accountName: c.accountName, domainId: c.domainId, from: c.from, to: c.to }
}
