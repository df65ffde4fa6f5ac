import { type Account, type DomainId, domainIds, type Level } from '../domain/types'
import { type SourceId, sourceIds } from '../evidence/schema'
import { DAY_MS } from '../scoring/evidence-index'
import { groupBy } from '../scoring/group-by'
import type { AccountScorecard, ControlResult, UnknownReason } from '../scoring/types'
import { controlInfoFromModel, domainTitles } from './control-info'
import { buildExecutive } from './executive'
import { applyScope, describeScope } from './scope'
import { humanizeTimes } from './text'
import { trendAgainst } from './trend'
import type {
  AccountPage,
  Appendix,
  CollectionGap,
  ControlInfoLookup,
  ReportModel,
  ReportOptions,
  ReportSnapshot,
  StatusCounts,
} from './types'

const emptyCounts = (): StatusCounts => ({
  pass: 0,
  fail: 0,
  unknown: 0,
  exempt: 0,
  attested: 0,
  'not-applicable': 0,
})

/** Counts controls per status, and unverified ones per reason, into the given tallies. */
export function tally(
  controls: ControlResult[],
  counts: StatusCounts = emptyCounts(),
  byReason: Partial<Record<UnknownReason, number>> = {},
): { counts: StatusCounts; byReason: Partial<Record<UnknownReason, number>> } {
  for (const control of controls) {
    counts[control.status] += 1
    if (control.status === 'unknown') {
      const reason = control.unknownReason ?? 'not-collected'
      byReason[reason] = (byReason[reason] ?? 0) + 1
    }
  }
  return { counts, byReason }
}

export const allControls = (account: AccountScorecard): ControlResult[] =>
  account.domains.flatMap((d) => d.controls)

const sortedDomains = (account: AccountScorecard) =>
  [...account.domains].sort((a, b) => domainIds.indexOf(a.domainId) - domainIds.indexOf(b.domainId))

/** Whole days from an ISO time to now, never negative. */
export const ageInDays = (iso: string, now: Date): number =>
  Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS))

/**
 * Builds the report model from a snapshot: the executive summary, one section per account in scope and the
 * appendix. Pure: `now` comes from the options, and the same input always gives the same model.
 */
export function buildReport(snapshot: ReportSnapshot, options: ReportOptions): ReportModel {
  return runSteps(reportSteps(snapshot, options))
}

/** Drives a step generator to its end, synchronously. */
export function runSteps<T>(steps: Generator<unknown, T>): T {
  let step = steps.next()
  while (!step.done) step = steps.next()
  return step.value
}

/**
 * buildReport, one account at a time: yields how many accounts are built so far, so a host can show a
 * progress bar and stop between two accounts (src-main/export drives it with a pause between batches).
 */
export function* reportSteps(
  snapshot: ReportSnapshot,
  options: ReportOptions,
): Generator<{ done: number; total: number }, ReportModel> {
  const scoped = applyScope(snapshot, options.scope)
  const info = options.controlInfo ?? controlInfoFromModel(snapshot.model)
  const titleOf = (controlId: string) => info(controlId)?.title ?? controlId
  const accountsById = new Map(scoped.accounts.map((a) => [a.id, a]))
  const nameOf = (id: string) => accountsById.get(id)?.name ?? id
  const cards = scoped.scorecard.accounts
  const trend = options.previous ? trendAgainst(scoped, options.previous) : undefined
  const before = trend?.before ?? new Map<string, Map<DomainId, Level>>()
  const bundles = new Map(scoped.evidence.map((b) => [b.accountId, b]))
  const anchors = new Map(cards.map((c, i) => [c.accountId, `a${i + 1}`]))
  yield { done: 0, total: cards.length }

  const executive = buildExecutive(scoped, options, { info, titleOf, nameOf, before, trend, anchors })
  const attestations = groupBy(scoped.attestations, (a) => a.accountId)
  const waivers = groupBy(scoped.waivers, (w) => w.accountId)
  const accounts: AccountPage[] = []
  for (const [i, card] of cards.entries()) {
    accounts.push(
      buildAccountPage(card, options.now, {
        info,
        titleOf,
        before,
        account: accountsById.get(card.accountId),
        anchor: anchors.get(card.accountId) ?? `a${i + 1}`,
        collectedAt: bundles.get(card.accountId)?.collectedAt ?? null,
        attestations: attestations.get(card.accountId) ?? [],
        waivers: waivers.get(card.accountId) ?? [],
      }),
    )
    yield { done: i + 1, total: cards.length }
  }
  return {
    snapshotId: snapshot.id,
    label: snapshot.label,
    notes: snapshot.notes,
    createdAt: snapshot.createdAt,
    generatedAt: options.now.toISOString(),
    scopeLabel: describeScope(options.scope, cards.length, cards[0] ? nameOf(cards[0].accountId) : ''),
    scopeKind: options.scope.kind === 'org' ? 'org' : cards.length === 1 ? 'account' : 'selection',
    detail: options.detail ?? 'failing',
    isRedacted: options.isRedacted ?? false,
    executive,
    accounts,
    appendix: buildAppendix(scoped, options.now, nameOf, accounts),
  }
}

interface AccountLookups {
  info: ControlInfoLookup
  titleOf: (id: string) => string
  before: Map<string, Map<DomainId, Level>>
  account: Account | undefined
  anchor: string
  collectedAt: string | null
  attestations: ReportSnapshot['attestations']
  waivers: ReportSnapshot['waivers']
}

/** What every listed control shows: its id, title, domain, level and the reason in words. */
function controlLine(c: ControlResult, titleOf: (id: string) => string) {
  const { controlId, domainId, level } = c
  return { controlId, title: titleOf(controlId), domainId, level, reason: humanizeTimes(c.reason) }
}

function buildAccountPage(card: AccountScorecard, now: Date, lookups: AccountLookups): AccountPage {
  const { info, titleOf, before, account } = lookups
  const old = before.get(card.accountId)
  const domains = sortedDomains(card)
  const controls = domains.flatMap((d) => d.controls)
  const isExpired = (iso: string) => Date.parse(iso) <= now.getTime()
  const { counts, byReason } = tally(controls)
  const page: AccountPage = {
    accountId: card.accountId,
    anchor: lookups.anchor,
    name: account?.name ?? card.accountId,
    owner: account?.owner ?? '',
    environment: account?.environment ?? 'unknown',
    criticality: account?.criticality ?? 'medium',
    level: card.level,
    ...(card.evidenceLevel !== undefined ? { evidenceLevel: card.evidenceLevel } : {}),
    grade: card.grade,
    domains: domains.map((d) => {
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
        ...controlLine(c, titleOf),
        resources: c.resources,
        fix: info(c.controlId)?.fix ?? '',
        isAnswered: c.attestation !== undefined && c.resources.length === 0,
      })),
    unverified: controls
      .filter((c) => c.status === 'unknown')
      .map((c) => ({
        ...controlLine(c, titleOf),
        ...(c.unknownReason ? { unknownReason: c.unknownReason } : {}),
      })),
    attestations: lookups.attestations.map((a) => ({
      controlId: a.controlId,
      title: titleOf(a.controlId),
      isMet: a.isMet,
      attestedBy: a.attestedBy,
      attestedAt: a.attestedAt,
      expiresAt: a.expiresAt,
      isExpired: isExpired(a.expiresAt),
      note: a.note,
    })),
    waivers: lookups.waivers.map((w) => ({
      controlId: w.controlId,
      title: titleOf(w.controlId),
      reason: w.reason,
      approver: w.approver,
      expiresAt: w.expiresAt,
      isExpired: isExpired(w.expiresAt),
    })),
    counts,
    unknownByReason: byReason,
    collectedAt: lookups.collectedAt,
  }
  if (old && old.size > 0) page.previousLevel = Math.min(...old.values()) as Level
  return page
}

/** Collection gaps per account and source (and per Region for Access Analyzer). */
export function collectionGaps(scoped: ReportSnapshot, nameOf: (id: string) => string): CollectionGap[] {
  const bundles = new Map(scoped.evidence.map((b) => [b.accountId, b]))
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
  return gaps
}

function buildAppendix(
  scoped: ReportSnapshot,
  now: Date,
  nameOf: (id: string) => string,
  accounts: AccountPage[],
): Appendix {
  const fixes = new Map<string, Appendix['fixes'][number]>()
  for (const account of accounts) {
    for (const c of account.failing) {
      const seen = fixes.get(c.controlId)
      if (seen) seen.accountCount += 1
      else fixes.set(c.controlId, { controlId: c.controlId, title: c.title, fix: c.fix, accountCount: 1 })
    }
  }
  return {
    modelId: scoped.scorecard.modelId,
    modelVersion: scoped.scorecard.modelVersion,
    scoredAt: scoped.scorecard.scoredAt,
    evidence: accounts.map((a) => ({
      accountId: a.accountId,
      accountName: a.name,
      collectedAt: a.collectedAt,
      ageDays: a.collectedAt ? ageInDays(a.collectedAt, now) : null,
    })),
    gaps: collectionGaps(scoped, nameOf),
    fixes: [...fixes.values()].sort((a, b) => a.controlId.localeCompare(b.controlId)),
  }
}
