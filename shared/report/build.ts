import { type Account, type DomainId, domainIds, type Level } from '../domain/types'
import { type SourceId, sourceIds } from '../evidence/schema'
import type { AccountScorecard, ControlResult } from '../scoring/types'
import { unknownCounts } from '../scoring/unknown-reasons'
import { controlInfoFromModel, domainTitles } from './control-info'
import { applyScope, describeScope } from './scope'
import { meanLevel, type Trend, trendAgainst } from './trend'
import type {
  AccountPage,
  Appendix,
  BelowTarget,
  CollectionGap,
  ControlInfoLookup,
  DomainSummary,
  ExecutivePage,
  Regression,
  ReportModel,
  ReportOptions,
  ReportSnapshot,
  Risk,
  StatusCounts,
} from './types'

const DAY_MS = 86_400_000
const criticalityWeight: Record<Account['criticality'], number> = {
  'crown-jewel': 4,
  high: 3,
  medium: 2,
  low: 1,
}

const emptyCounts = (): StatusCounts => ({
  pass: 0,
  fail: 0,
  unknown: 0,
  exempt: 0,
  attested: 0,
  'not-applicable': 0,
})

function countStatuses(controls: ControlResult[], into: StatusCounts = emptyCounts()): StatusCounts {
  for (const control of controls) into[control.status] += 1
  return into
}

const allControls = (account: AccountScorecard): ControlResult[] => account.domains.flatMap((d) => d.controls)

const sortedDomains = (account: AccountScorecard) =>
  [...account.domains].sort((a, b) => domainIds.indexOf(a.domainId) - domainIds.indexOf(b.domainId))

/**
 * Builds the report model from a snapshot: the executive page, one page per account in scope and the
 * appendix. Pure: `now` comes from the options, and the same input always gives the same model.
 */
export function buildReport(snapshot: ReportSnapshot, options: ReportOptions): ReportModel {
  const scoped = applyScope(snapshot, options.scope)
  const info = options.controlInfo ?? controlInfoFromModel(snapshot.model)
  const titleOf = (controlId: string) => info(controlId)?.title ?? controlId
  const accountsById = new Map(scoped.accounts.map((a) => [a.id, a]))
  const nameOf = (id: string) => accountsById.get(id)?.name ?? id
  const scorecards = scoped.scorecard.accounts
  const trend = options.previous ? trendAgainst(scoped, options.previous) : undefined
  const before = trend?.before ?? new Map<string, Map<DomainId, Level>>()

  const executive = buildExecutive(scoped, options, { titleOf, nameOf, before, trend })
  const accounts = scorecards.map((card) =>
    buildAccountPage(card, scoped, options.now, {
      info,
      titleOf,
      before,
      account: accountsById.get(card.accountId),
    }),
  )
  return {
    snapshotId: snapshot.id,
    label: snapshot.label,
    notes: snapshot.notes,
    createdAt: snapshot.createdAt,
    generatedAt: options.now.toISOString(),
    scopeLabel: describeScope(options.scope, scorecards.length),
    isRedacted: options.isRedacted ?? false,
    executive,
    accounts,
    appendix: buildAppendix(scoped, options.now, nameOf),
  }
}

interface Lookups {
  titleOf: (controlId: string) => string
  nameOf: (accountId: string) => string
  before: Map<string, Map<DomainId, Level>>
  trend: Trend | undefined
}

function buildExecutive(scoped: ReportSnapshot, options: ReportOptions, lookups: Lookups): ExecutivePage {
  const { titleOf, nameOf, before, trend } = lookups
  const cards = scoped.scorecard.accounts
  const topCount = options.topCount ?? 10
  const domains: DomainSummary[] = domainIds.map((domainId) => {
    const levels = cards.flatMap((c) => c.domains.filter((d) => d.domainId === domainId).map((d) => d.level))
    const distribution = [0, 0, 0, 0, 0, 0]
    for (const level of levels) distribution[level] = (distribution[level] ?? 0) + 1
    const summary: DomainSummary = {
      domainId,
      title: domainTitles[domainId],
      distribution,
      averageLevel: meanLevel(levels),
      minLevel: (levels.length > 0 ? Math.min(...levels) : 0) as Level,
    }
    if (options.previous) {
      const old = cards.flatMap((c) => {
        const level = before.get(c.accountId)?.get(domainId)
        return level === undefined ? [] : [level]
      })
      if (old.length > 0) {
        summary.previousAverage = meanLevel(old)
        summary.delta = Math.round((summary.averageLevel - summary.previousAverage) * 10) / 10
      }
    }
    return summary
  })

  const regressions: Regression[] = (trend?.regressions ?? [])
    .map((m) => ({ ...m, accountName: nameOf(m.accountId) }))
    .sort(
      (a, b) =>
        b.from - b.to - (a.from - a.to) ||
        b.newlyFailing.length - a.newlyFailing.length ||
        a.accountId.localeCompare(b.accountId) ||
        domainIds.indexOf(a.domainId) - domainIds.indexOf(b.domainId),
    )
    .slice(0, topCount)

  const accountsById = new Map(scoped.accounts.map((a) => [a.id, a]))
  const risks: Risk[] = cards
    .flatMap((card) =>
      allControls(card)
        .filter((c) => c.status === 'fail')
        .map((c) => ({
          accountId: card.accountId,
          accountName: nameOf(card.accountId),
          criticality: accountsById.get(card.accountId)?.criticality ?? 'medium',
          controlId: c.controlId,
          title: titleOf(c.controlId),
          domainId: c.domainId,
          level: c.level,
          resourceCount: c.resources.length,
          reason: c.reason,
        })),
    )
    .sort(
      (a, b) =>
        criticalityWeight[b.criticality] - criticalityWeight[a.criticality] ||
        a.level - b.level ||
        b.resourceCount - a.resourceCount ||
        a.accountId.localeCompare(b.accountId) ||
        a.controlId.localeCompare(b.controlId),
    )
    .slice(0, topCount)

  const belowTarget: BelowTarget[] = cards.flatMap((card) => {
    const domainsBelow = card.domains
      .filter((d) => d.target !== undefined && d.level < d.target)
      .map((d) => ({ domainId: d.domainId, level: d.level, target: d.target as Level }))
    if (domainsBelow.length === 0) return []
    return [
      {
        accountId: card.accountId,
        accountName: nameOf(card.accountId),
        owner: accountsById.get(card.accountId)?.owner ?? '',
        domains: domainsBelow,
      },
    ]
  })

  const counts = emptyCounts()
  for (const card of cards) countStatuses(allControls(card), counts)
  return {
    accountCount: cards.length,
    domains,
    ...(options.previous && trend
      ? {
          trend: {
            label: options.previous.label,
            createdAt: options.previous.createdAt,
            isRescored: trend.isRescored,
          },
        }
      : {}),
    regressions,
    risks,
    belowTarget,
    counts,
  }
}

function buildAccountPage(
  card: AccountScorecard,
  scoped: ReportSnapshot,
  now: Date,
  lookups: {
    info: ControlInfoLookup
    titleOf: (id: string) => string
    before: Map<string, Map<DomainId, Level>>
    account: Account | undefined
  },
): AccountPage {
  const { info, titleOf, before, account } = lookups
  const old = before.get(card.accountId)
  const controls = sortedDomains(card).flatMap((d) => d.controls)
  const isExpired = (iso: string) => Date.parse(iso) <= now.getTime()
  const page: AccountPage = {
    accountId: card.accountId,
    name: account?.name ?? card.accountId,
    owner: account?.owner ?? '',
    environment: account?.environment ?? 'unknown',
    criticality: account?.criticality ?? 'medium',
    level: card.level,
    ...(card.evidenceLevel !== undefined ? { evidenceLevel: card.evidenceLevel } : {}),
    grade: card.grade,
    unknownCounts: unknownCounts(controls),
    domains: sortedDomains(card).map((d) => {
      const previousLevel = old?.get(d.domainId)
      return {
        domainId: d.domainId,
        title: domainTitles[d.domainId],
        level: d.level,
        ...(d.evidenceLevel !== undefined ? { evidenceLevel: d.evidenceLevel } : {}),
        ...(d.target !== undefined ? { target: d.target } : {}),
        isBelowTarget: d.target !== undefined && d.level < d.target,
        progress: d.progress,
        ...(previousLevel !== undefined ? { previousLevel } : {}),
      }
    }),
    failing: controls
      .filter((c) => c.status === 'fail')
      .map((c) => ({
        controlId: c.controlId,
        title: titleOf(c.controlId),
        domainId: c.domainId,
        level: c.level,
        reason: c.reason,
        resources: c.resources,
        fix: info(c.controlId)?.fix ?? '',
      })),
    unverified: controls
      .filter((c) => c.status === 'unknown')
      .map((c) => ({
        controlId: c.controlId,
        title: titleOf(c.controlId),
        domainId: c.domainId,
        level: c.level,
        reason: c.reason,
        ...(c.unknownReason ? { unknownReason: c.unknownReason } : {}),
      })),
    attestations: scoped.attestations
      .filter((a) => a.accountId === card.accountId)
      .map((a) => ({
        controlId: a.controlId,
        title: titleOf(a.controlId),
        isMet: a.isMet,
        attestedBy: a.attestedBy,
        attestedAt: a.attestedAt,
        expiresAt: a.expiresAt,
        isExpired: isExpired(a.expiresAt),
        note: a.note,
      })),
    waivers: scoped.waivers
      .filter((w) => w.accountId === card.accountId)
      .map((w) => ({
        controlId: w.controlId,
        title: titleOf(w.controlId),
        reason: w.reason,
        approver: w.approver,
        expiresAt: w.expiresAt,
        isExpired: isExpired(w.expiresAt),
      })),
    counts: countStatuses(controls),
  }
  if (old && old.size > 0) page.previousLevel = Math.min(...old.values()) as Level
  return page
}

function buildAppendix(scoped: ReportSnapshot, now: Date, nameOf: (id: string) => string): Appendix {
  const bundles = new Map(scoped.evidence.map((b) => [b.accountId, b]))
  const evidence = scoped.scorecard.accounts.map((card) => {
    const bundle = bundles.get(card.accountId)
    return {
      accountId: card.accountId,
      accountName: nameOf(card.accountId),
      collectedAt: bundle?.collectedAt ?? null,
      ageDays: bundle
        ? Math.max(0, Math.floor((now.getTime() - Date.parse(bundle.collectedAt)) / DAY_MS))
        : null,
    }
  })
  const gaps: CollectionGap[] = []
  for (const card of scoped.scorecard.accounts) {
    const bundle = bundles.get(card.accountId)
    const base = { accountId: card.accountId, accountName: nameOf(card.accountId) }
    if (!bundle) {
      gaps.push({ ...base, source: 'identity', state: 'missing', detail: 'No evidence was collected.' })
      continue
    }
    for (const source of sourceIds satisfies readonly SourceId[]) {
      const status = bundle[source].status
      if (status.state === 'unavailable') {
        gaps.push({ ...base, source, state: 'unavailable', detail: `${status.reason}: ${status.message}` })
      } else if (status.state === 'error') {
        gaps.push({ ...base, source, state: 'error', detail: `${status.code}: ${status.message}` })
      }
    }
    for (const region of bundle.accessAnalyzer.records?.regions ?? []) {
      const status = region.status
      if (status.state === 'ok') continue
      const detail =
        status.state === 'error' ? `${status.code}: ${status.message}` : `${status.reason}: ${status.message}`
      gaps.push({ ...base, source: 'accessAnalyzer', region: region.region, state: status.state, detail })
    }
  }
  return {
    modelId: scoped.scorecard.modelId,
    modelVersion: scoped.scorecard.modelVersion,
    scoredAt: scoped.scorecard.scoredAt,
    evidence,
    gaps,
  }
}
