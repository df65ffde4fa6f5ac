import type { AccessAnalyzerRule } from '../../model/rules'
import { DAY_MS, type EvidenceIndex, plural, type RuleOutcome } from '../evidence-index'
import { paramValue, type ResolvedParams } from '../params'
import type { ResourceRef } from '../types'

/** Regions the account opted out of or the user left out of scope are not read and not counted. */
const skippedReasons = new Set(['region-disabled', 'not-in-scope'])

/**
 * Access Analyzer, Region by Region. A Region that could not be read (error, access denied) makes the rule
 * unknown (region-gap) unless another Region already fails it. A Region reported as having no analyzer is
 * read as having none.
 */
export function evaluateAccessAnalyzer(
  rule: AccessAnalyzerRule,
  index: EvidenceIndex,
  params: ResolvedParams,
): RuleOutcome {
  const wanted = new Set(rule.analyzerTypes)
  const resources: ResourceRef[] = []
  const gaps: string[] = []
  const uncovered: string[] = []
  let regionsRead = 0
  const cutoff =
    rule.check === 'no-findings' && rule.olderThanDays !== undefined
      ? index.nowMs - paramValue(rule.olderThanDays, params) * DAY_MS
      : Number.POSITIVE_INFINITY
  const findingTypes =
    rule.check === 'no-findings' && rule.findingTypes ? new Set(rule.findingTypes) : undefined

  for (const entry of index.regions) {
    const { region } = entry
    const status = region.status
    if (status.state === 'unavailable' && skippedReasons.has(status.reason)) continue
    const hasNoAnalyzer = status.state === 'unavailable' && status.reason === 'no-analyzer'
    if (status.state !== 'ok' && !hasNoAnalyzer) {
      gaps.push(region.region)
      continue
    }
    regionsRead++
    const isCovered = !hasNoAnalyzer && [...entry.activeAnalyzerTypes].some((t) => wanted.has(t))
    if (rule.check === 'analyzer-present') {
      if (!isCovered)
        resources.push({
          id: region.region,
          type: 'AWS::Region',
          region: region.region,
          detail: `no ${rule.analyzerTypes.join(' or ')} analyzer`,
        })
      continue
    }
    if (!isCovered) {
      if (rule.requireAnalyzer)
        resources.push({
          id: region.region,
          type: 'AWS::Region',
          region: region.region,
          detail: `no ${rule.analyzerTypes.join(' or ')} analyzer`,
        })
      else uncovered.push(region.region)
      continue
    }
    for (const { finding, createdMs } of entry.findingsByKind[rule.findingKind]) {
      if (rule.isPublic && finding.isPublic !== true) continue
      if (findingTypes && !findingTypes.has(finding.findingType)) continue
      if (!(createdMs < cutoff)) continue
      resources.push({
        id: finding.resource ?? finding.id,
        type: finding.resourceType,
        region: region.region,
        detail: `${finding.findingType}${finding.isPublic ? ' (public)' : ''}, finding ${finding.id}`,
      })
    }
  }

  const what =
    rule.check === 'analyzer-present'
      ? `Regions without an ${rule.analyzerTypes.join(' or ')} analyzer`
      : `ACTIVE ${rule.isPublic ? 'public ' : ''}${rule.findingKind} findings${rule.olderThanDays !== undefined ? ` older than ${paramValue(rule.olderThanDays, params)} days` : ''}`
  if (resources.length > 0) {
    return { status: 'fail', reason: `${plural(resources.length, 'item')}: ${what}`, resources }
  }
  if (gaps.length > 0) {
    return {
      status: 'unknown',
      unknownReason: 'region-gap',
      reason: `Access Analyzer could not be read in ${gaps.join(', ')}`,
      resources: [],
    }
  }
  if (uncovered.length > 0) {
    return {
      status: 'unknown',
      unknownReason: 'unavailable',
      reason: `No ${rule.analyzerTypes.join(' or ')} analyzer in ${uncovered.join(', ')}, so its findings are unknown`,
      resources: [],
    }
  }
  if (regionsRead === 0) {
    return {
      status: 'unknown',
      unknownReason: 'not-collected',
      reason: 'No Region in scope was read',
      resources: [],
    }
  }
  return { status: 'pass', reason: `No ${what} in ${plural(regionsRead, 'Region')}`, resources: [] }
}
