import type { Finding } from '../../evidence/schema'
import type { AccessAnalyzerRule } from '../../model/rules'
import {
  DAY_MS,
  type EvidenceIndex,
  type IndexedFinding,
  notCollected,
  plural,
  type RuleOutcome,
} from '../evidence-index'
import { paramValue, type ResolvedParams } from '../params'
import { unknownReasonFor } from '../source-status'
import type { ResourceRef, UnknownReason } from '../types'

/** Regions the account opted out of or the user left out of scope are not read and not counted. */
const skippedReasons = new Set(['region-disabled', 'not-in-scope'])

type NoFindingsRule = Extract<AccessAnalyzerRule, { check: 'no-findings' }>
type Access = 'public' | 'cross-account' | 'outside-organization' | undefined

/** What a rule could not tell, by category, so the outcome names the first one and lists them all. */
class Gaps {
  readonly items: Array<{ reason: UnknownReason; text: string }> = []
  add(reason: UnknownReason, text: string): void {
    this.items.push({ reason, text })
  }
  outcome(): RuleOutcome | undefined {
    const first = this.items[0]
    if (!first) return undefined
    return {
      status: 'unknown',
      unknownReason: first.reason,
      reason: this.items.map((g) => g.text).join('; '),
      resources: [],
    }
  }
}

const accountOfPrincipal = (value: string): string | undefined =>
  /^\d{12}$/.test(value) ? value : /^arn:aws[a-z-]*:[a-z0-9-]*::(\d{12}):/.exec(value)?.[1]

/**
 * Whether a finding grants the access the rule counts: true, false, or undefined when the finding lacks the
 * field that tells (isPublic from ListFindings v1, the principal).
 */
function grantsCounted(
  finding: Finding,
  access: Access,
  analyzerType: string | undefined,
  index: EvidenceIndex,
): boolean | undefined {
  if (access === undefined) return true
  if (access === 'public') return finding.isPublic ?? undefined
  if (access === 'cross-account') return finding.isPublic === null ? undefined : !finding.isPublic
  if (finding.isPublic === true) return true
  // An organization analyzer's zone of trust is the organization: its findings are outside it.
  if (analyzerType?.startsWith('ORGANIZATION')) return true
  if (!finding.principal) return undefined
  const accounts = Object.values(finding.principal).map(accountOfPrincipal)
  if (accounts.some((a) => a === undefined)) return true
  return accounts.some((a) => a !== undefined && !index.organizationAccounts.has(a))
}

function describeFinding(finding: Finding): string {
  const who = finding.principal
    ? `, granted to ${Object.entries(finding.principal)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`
    : ''
  return `${finding.findingType}${finding.isPublic ? ' (public)' : ''}${who}, finding ${finding.id}`
}

function findingRef(finding: Finding, region: string, prefix = ''): ResourceRef {
  return {
    id: finding.resource ?? finding.id,
    type: finding.resourceType,
    region,
    detail: `${prefix}${describeFinding(finding)}`,
  }
}

interface Scan {
  rule: NoFindingsRule
  access: Access
  cutoff: number
  findingTypes: Set<string> | undefined
  index: EvidenceIndex
  resources: ResourceRef[]
  elsewhere: ResourceRef[]
  gaps: Gaps
}

/** Counts one finding: a violation, unknown (error finding, a field missing), or about another account. */
function scanFinding(
  scan: Scan,
  { finding, createdMs }: IndexedFinding,
  region: string,
  analyzerType?: string,
) {
  const { index } = scan
  if (scan.findingTypes && !scan.findingTypes.has(finding.findingType)) return
  if (!(createdMs < scan.cutoff)) return
  if (finding.resourceOwnerAccount && finding.resourceOwnerAccount !== index.bundle.accountId) {
    // Counted in the owner's account when the store has it; listed here otherwise.
    if (!index.organizationAccounts.has(finding.resourceOwnerAccount))
      scan.elsewhere.push(
        findingRef(finding, region, `about another account (${finding.resourceOwnerAccount}): `),
      )
    return
  }
  if (finding.error) {
    scan.gaps.add(
      'collection-failed',
      `Access Analyzer could not analyse ${finding.resource ?? finding.id} in ${region} (${finding.error})`,
    )
    return
  }
  const counted = grantsCounted(finding, scan.access, analyzerType, index)
  if (counted === undefined) {
    const field = scan.access === 'outside-organization' ? 'its principal' : 'isPublic (ListFindings v1)'
    scan.gaps.add('not-collected', `Finding ${finding.id} in ${region} lacks ${field}`)
    return
  }
  if (counted) scan.resources.push(findingRef(finding, region))
}

/**
 * A rule over "every Region" needs to know which Regions are in scope. Bundles carry that list (an offline
 * folder in accessanalyzer-regions.txt or ratchet-evidence.json); a Region in it with no evidence, or no
 * list at all, leaves the rule unknown, so removing a Region's file can never make it pass.
 */
function scopeGaps(index: EvidenceIndex, gaps: Gaps): void {
  const scope = index.bundle.accessAnalyzer.records?.regionsInScope
  if (scope === undefined) return // bundles from before 2026-11-29 list every Region in scope
  if (scope === null) {
    gaps.add('not-collected', 'The Regions in scope were not recorded (accessanalyzer-regions.txt)')
    return
  }
  const read = new Set(index.regions.map((r) => r.region.region))
  const missing = scope.filter((r) => !read.has(r))
  if (missing.length > 0)
    gaps.add('not-collected', `Access Analyzer evidence is missing for ${missing.join(', ')}`)
}

const noAnalyzerRef = (region: string, types: string[]): ResourceRef => ({
  id: region,
  type: 'AWS::Region',
  region,
  detail: `no ${types.join(' or ')} analyzer`,
})

/**
 * Access Analyzer, Region by Region. What the rule needs: for each Region in scope, the analyzers; for
 * no-findings, the findings listing of every ACTIVE analyzer of a wanted type, and the field its `access`
 * choice reads (isPublic, the principal). Whatever is missing makes it unknown with its category, unless
 * another Region already fails it. Error findings (analysis failed) are unknown for their resource, never a
 * failure; findings about another account's resources count there, not here.
 */
export function evaluateAccessAnalyzer(
  rule: AccessAnalyzerRule,
  index: EvidenceIndex,
  params: ResolvedParams,
): RuleOutcome {
  const wanted = new Set(rule.analyzerTypes)
  const resources: ResourceRef[] = []
  const gaps = new Gaps()
  const uncovered: string[] = []
  let regionsRead = 0
  const scan: Scan | undefined =
    rule.check === 'no-findings'
      ? {
          rule,
          access: rule.access ?? (rule.isPublic ? 'public' : undefined),
          cutoff:
            rule.olderThanDays !== undefined
              ? index.nowMs - paramValue(rule.olderThanDays, params) * DAY_MS
              : Number.POSITIVE_INFINITY,
          findingTypes: rule.findingTypes ? new Set(rule.findingTypes) : undefined,
          index,
          resources,
          elsewhere: [],
          gaps,
        }
      : undefined

  for (const entry of index.regions) {
    const { region } = entry
    const status = region.status
    if (status.state === 'unavailable' && skippedReasons.has(status.reason)) continue
    const hasNoAnalyzer = status.state === 'unavailable' && status.reason === 'no-analyzer'
    if (status.state !== 'ok' && !hasNoAnalyzer) {
      gaps.add(unknownReasonFor(status), `Access Analyzer could not be read in ${region.region}`)
      continue
    }
    regionsRead++
    const analyzers = hasNoAnalyzer
      ? []
      : region.analyzers.filter((a) => a.status === 'ACTIVE' && wanted.has(a.type))
    if (analyzers.length === 0) {
      if (rule.check === 'analyzer-present' || rule.requireAnalyzer)
        resources.push(noAnalyzerRef(region.region, rule.analyzerTypes))
      else uncovered.push(region.region)
      continue
    }
    if (!scan) continue
    const typeOf = new Map(analyzers.map((a) => [a.arn, a.type]))
    for (const a of analyzers) {
      if (a.findingsListed === false)
        gaps.add('not-collected', `The findings of analyzer ${a.name} in ${region.region} were not collected`)
    }
    for (const f of entry.findingsByKind[scan.rule.findingKind]) {
      if (!typeOf.has(f.finding.analyzerArn)) continue
      scanFinding(scan, f, region.region, typeOf.get(f.finding.analyzerArn))
    }
  }
  scopeGaps(index, gaps)
  // Findings other accounts' analyzers hold about this account's resources.
  if (scan) {
    for (const f of index.foreignFindings)
      if (f.finding.kind === scan.rule.findingKind) scanFinding(scan, f.indexed, f.region, f.analyzerType)
  }

  const elsewhere = scan?.elsewhere ?? []
  const aside =
    elsewhere.length > 0
      ? `; ${plural(elsewhere.length, 'finding')} about another account, not counted here`
      : ''
  const what =
    rule.check === 'analyzer-present'
      ? `Regions without an ${rule.analyzerTypes.join(' or ')} analyzer`
      : `ACTIVE ${scan?.access ? `${scan.access} ` : ''}${rule.findingKind} findings${rule.olderThanDays !== undefined ? ` older than ${paramValue(rule.olderThanDays, params)} days` : ''}`
  if (resources.length > 0)
    return {
      status: 'fail',
      reason: `${plural(resources.length, 'item')}: ${what}${aside}`,
      resources: [...resources, ...elsewhere],
    }
  const unknown = gaps.outcome()
  if (unknown) return { ...unknown, reason: `${unknown.reason}${aside}`, resources: elsewhere }
  if (uncovered.length > 0) {
    return {
      status: 'unknown',
      unknownReason: 'no-analyzer',
      reason: `No ${rule.analyzerTypes.join(' or ')} analyzer in ${uncovered.join(', ')}, so its findings are unknown${aside}`,
      resources: elsewhere,
    }
  }
  if (regionsRead === 0) {
    return notCollected('No Region in scope was read')
  }
  return {
    status: 'pass',
    reason: `No ${what} in ${plural(regionsRead, 'Region')}${aside}`,
    resources: elsewhere,
  }
}
