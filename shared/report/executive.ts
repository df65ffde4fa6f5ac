import { type Account, type DomainId, domainIds, type Level } from '../domain/types'
import { sourceIds } from '../evidence/schema'
import type { AccountScorecard } from '../scoring/types'
import { ageInDays, allControls, tally } from './build'
import { domainTitles } from './control-info'
import { controlSeverity, severityRank } from './severity'
import { humanizeTimes } from './text'
import { meanLevel, type Trend } from './trend'
import type {
  BelowTarget,
  Breach,
  ControlInfoLookup,
  Coverage,
  DomainSummary,
  ExecutivePage,
  HeadlineRow,
  Regression,
  ReportOptions,
  ReportSnapshot,
  Risk,
} from './types'

/** Up to this many accounts, page 1 shows the accounts × domains heatmap; beyond, the domain table is it. */
export const HEATMAP_MAX_ACCOUNTS = 40
const TOP_RISKS = 3
const STALE_DAYS = 30

const criticalityWeight: Record<Account['criticality'], number> = {
  'crown-jewel': 4,
  high: 3,
  medium: 2,
  low: 1,
}

export interface ExecutiveLookups {
  info: ControlInfoLookup
  titleOf: (controlId: string) => string
  nameOf: (accountId: string) => string
  before: Map<string, Map<DomainId, Level>>
  trend: Trend | undefined
  anchors: Map<string, string>
}

const levelsOf = (card: AccountScorecard): Level[] =>
  domainIds.map((id) => card.domains.find((d) => d.domainId === id)?.level ?? 0)

function countLevels(levels: number[]): number[] {
  const counts = [0, 0, 0, 0, 0, 0]
  for (const level of levels) counts[level] = (counts[level] ?? 0) + 1
  return counts
}

/**
 * Accounts at each level: the assessed level of every assessed account (an unassessed one has no level to
 * count, never L0), then the evidence-verified level of every account that has automated evidence.
 */
function headline(cards: AccountScorecard[], lookups: ExecutiveLookups): HeadlineRow[] {
  const assessed = cards.filter((c) => c.grade !== 'unassessed')
  const row: HeadlineRow = {
    id: 'assessed',
    title: 'Assessed level',
    counts: countLevels(assessed.map((c) => c.level)),
  }
  if (lookups.trend) {
    const previous = assessed.flatMap((c) => {
      const old = lookups.before.get(c.accountId)
      return old && old.size > 0 ? [Math.min(...old.values())] : []
    })
    row.previousCounts = countLevels(previous)
  }
  const verified = cards.flatMap((c) => (typeof c.evidenceLevel === 'number' ? [c.evidenceLevel] : []))
  // Snapshots made before 2026-11-29 have no evidence-verified level: no row for them.
  if (cards.every((c) => c.evidenceLevel === undefined)) return [row]
  return [row, { id: 'evidence', title: 'Evidence-verified level', counts: countLevels(verified) }]
}

function domainSummaries(cards: AccountScorecard[], options: ReportOptions, lookups: ExecutiveLookups) {
  return domainIds.map((domainId): DomainSummary => {
    const levels = cards.flatMap((c) => c.domains.filter((d) => d.domainId === domainId).map((d) => d.level))
    const summary: DomainSummary = {
      domainId,
      title: domainTitles[domainId],
      distribution: countLevels(levels),
      averageLevel: meanLevel(levels),
      minLevel: (levels.length > 0 ? Math.min(...levels) : 0) as Level,
    }
    if (options.previous) {
      const old = cards.flatMap((c) => {
        const level = lookups.before.get(c.accountId)?.get(domainId)
        return level === undefined ? [] : [level]
      })
      if (old.length > 0) {
        summary.previousAverage = meanLevel(old)
        summary.delta = Math.round((summary.averageLevel - summary.previousAverage) * 10) / 10
      }
    }
    return summary
  })
}

function regressions(cards: AccountScorecard[], lookups: ExecutiveLookups): Regression[] {
  const byId = new Map(cards.map((c) => [c.accountId, c]))
  return (lookups.trend?.regressions ?? [])
    .map((m) => {
      const controls = new Map(
        byId
          .get(m.accountId)
          ?.domains.find((d) => d.domainId === m.domainId)
          ?.controls.map((c) => [c.controlId, c]) ?? [],
      )
      return {
        ...m,
        accountName: lookups.nameOf(m.accountId),
        failed: m.newlyFailing.map((controlId) => ({
          controlId,
          title: lookups.titleOf(controlId),
          reason: humanizeTimes(controls.get(controlId)?.reason ?? ''),
          resources: controls.get(controlId)?.resources ?? [],
        })),
      }
    })
    .sort(
      (a, b) =>
        b.from - b.to - (a.from - a.to) ||
        b.newlyFailing.length - a.newlyFailing.length ||
        a.accountId.localeCompare(b.accountId) ||
        domainIds.indexOf(a.domainId) - domainIds.indexOf(b.domainId),
    )
}

/** Real failing findings only: a failed control with resources (an unanswered or "not met" question has none). */
function risks(cards: AccountScorecard[], accounts: Map<string, Account>, lookups: ExecutiveLookups): Risk[] {
  return cards
    .flatMap((card) =>
      allControls(card)
        .filter((c) => c.status === 'fail' && c.resources.length > 0)
        .map(
          (c): Risk => ({
            accountId: card.accountId,
            accountName: lookups.nameOf(card.accountId),
            criticality: accounts.get(card.accountId)?.criticality ?? 'medium',
            controlId: c.controlId,
            title: lookups.titleOf(c.controlId),
            domainId: c.domainId,
            level: c.level,
            severity: lookups.info(c.controlId)?.severity ?? controlSeverity(undefined, c.domainId, c.level),
            resourceCount: c.resources.length,
            resources: c.resources.slice(0, 3),
            reason: humanizeTimes(c.reason),
          }),
        ),
    )
    .sort(
      (a, b) =>
        a.level - b.level ||
        severityRank(a.severity) - severityRank(b.severity) ||
        criticalityWeight[b.criticality] - criticalityWeight[a.criticality] ||
        b.resourceCount - a.resourceCount ||
        a.accountId.localeCompare(b.accountId) ||
        a.controlId.localeCompare(b.controlId),
    )
    .slice(0, TOP_RISKS)
}

function breaches(cards: AccountScorecard[], accounts: Map<string, Account>, lookups: ExecutiveLookups) {
  const belowTarget: BelowTarget[] = []
  const list: Breach[] = []
  for (const card of cards) {
    const owner = accounts.get(card.accountId)?.owner ?? ''
    const accountName = lookups.nameOf(card.accountId)
    const below = card.domains.filter((d) => d.target !== undefined && d.level < d.target)
    if (below.length === 0) continue
    belowTarget.push({
      accountId: card.accountId,
      accountName,
      owner,
      domains: below.map((d) => ({ domainId: d.domainId, level: d.level, target: d.target as Level })),
    })
    for (const d of below) {
      list.push({
        kind: 'target',
        source: "the account's target",
        accountId: card.accountId,
        accountName,
        owner,
        domainId: d.domainId,
        level: d.level,
        expected: d.target as Level,
      })
    }
  }
  // Widest gaps first: those are the ones a board asks about.
  list.sort(
    (a, b) => b.expected - b.level - (a.expected - a.level) || a.accountName.localeCompare(b.accountName),
  )
  return { belowTarget, breaches: list }
}

function coverage(scoped: ReportSnapshot, now: Date, nameOf: (id: string) => string): Coverage {
  const cards = scoped.scorecard.accounts
  const bundles = new Map(scoped.evidence.map((b) => [b.accountId, b]))
  const sources = sourceIds.map((source) => {
    const counts = { source, ok: 0, unavailable: 0, error: 0, missing: 0 }
    for (const card of cards) {
      const state = bundles.get(card.accountId)?.[source].status.state
      if (state === 'ok' || state === 'unavailable' || state === 'error') counts[state] += 1
      else counts.missing += 1
    }
    return counts
  })
  const ages = cards
    .flatMap((c) => {
      const at = bundles.get(c.accountId)?.collectedAt
      return at ? [{ accountName: nameOf(c.accountId), ageDays: ageInDays(at, now) }] : []
    })
    .sort((a, b) => a.ageDays - b.ageDays)
  return {
    accountCount: cards.length,
    withEvidence: ages.length,
    sources,
    medianAgeDays: ages.length > 0 ? (ages[Math.floor((ages.length - 1) / 2)]?.ageDays ?? null) : null,
    oldest: ages.at(-1) ?? null,
    staleCount: ages.filter((a) => a.ageDays > STALE_DAYS).length,
  }
}

/** Page 1: the headline, the heatmap, regressions in words, breaches, the top risks and the evidence coverage. */
export function buildExecutive(
  scoped: ReportSnapshot,
  options: ReportOptions,
  lookups: ExecutiveLookups,
): ExecutivePage {
  const cards = scoped.scorecard.accounts
  const accounts = new Map(scoped.accounts.map((a) => [a.id, a]))
  const all = regressions(cards, lookups)
  const counts = tally(cards.flatMap(allControls))
  const { belowTarget, breaches: breachList } = breaches(cards, accounts, lookups)
  return {
    accountCount: cards.length,
    headline: headline(cards, lookups),
    unassessedCount: cards.filter((c) => c.grade === 'unassessed').length,
    heatmap:
      cards.length <= HEATMAP_MAX_ACCOUNTS
        ? cards.map((c) => ({
            accountId: c.accountId,
            name: lookups.nameOf(c.accountId),
            anchor: lookups.anchors.get(c.accountId) ?? '',
            level: c.level,
            ...(c.evidenceLevel !== undefined ? { evidenceLevel: c.evidenceLevel } : {}),
            grade: c.grade,
            levels: levelsOf(c),
          }))
        : null,
    domains: domainSummaries(cards, options, lookups),
    ...(options.previous && lookups.trend
      ? {
          trend: {
            label: options.previous.label,
            createdAt: options.previous.createdAt,
            isRescored: lookups.trend.isRescored,
          },
        }
      : {}),
    regressions: all.slice(0, options.topCount ?? 5),
    regressionCount: all.length,
    risks: risks(cards, accounts, lookups),
    belowTarget,
    breaches: breachList,
    counts: counts.counts,
    unknownByReason: counts.byReason,
    coverage: coverage(scoped, options.now, lookups.nameOf),
  }
}
