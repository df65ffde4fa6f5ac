import type { TaResource } from '../../evidence/schema'
import type { TrustedAdvisorRule } from '../../model/rules'
import { type EvidenceIndex, notCollected, type RuleOutcome } from '../evidence-index'
import { paramValue, type ResolvedParams } from '../params'
import type { ResourceRef } from '../types'

/**
 * Names a flagged resource by what it is (the bucket, key id, snapshot or security group in awsResourceId)
 * and its metadata values, never by the opaque recommendation-resource ARN.
 */
export function taResourceRef(checkName: string, r: TaResource): ResourceRef {
  const id = r.awsResourceId && r.awsResourceId !== '-' ? r.awsResourceId : r.arn
  const values = Object.keys(r.metadata)
    .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))
    .map((k) => r.metadata[k] ?? '')
    .filter((v, i, all) => v !== '' && v !== id && v !== r.regionCode && all.indexOf(v) === i)
  return {
    id,
    type: 'trusted-advisor-resource',
    ...(r.regionCode && r.regionCode !== '-' ? { region: r.regionCode } : {}),
    detail: `${checkName}: ${r.status}${values.length > 0 ? ` (${values.join(' · ')})` : ''}`,
  }
}

/**
 * Each listed check must have at most `maxFlagged` resources in a flagged status. Any failing check fails
 * the rule; otherwise a missing check makes it unknown (not collected) — never a failure. A check with no
 * resources at all (nothing of that kind in the account) is not applicable.
 */
export function evaluateTrustedAdvisor(
  rule: TrustedAdvisorRule,
  index: EvidenceIndex,
  params: ResolvedParams,
): RuleOutcome {
  const max = paramValue(rule.maxFlagged, params)
  const flagged = new Set<string>(rule.flagged)
  const resources: ResourceRef[] = []
  const failing: string[] = []
  const missing: string[] = []
  let applicable = 0
  for (const checkId of rule.checkIds) {
    const check = index.taChecks.get(checkId)
    if (!check) {
      missing.push(checkId)
      continue
    }
    const counted =
      (flagged.has('warning') ? check.counts.warning : 0) + (flagged.has('error') ? check.counts.error : 0)
    const total = check.counts.ok + check.counts.warning + check.counts.error
    if (total === 0 && check.resources.length === 0) {
      // No resource counts: fall back on the check's own status; with status ok, nothing is there to check.
      if (flagged.has(check.status) && max === 0) {
        failing.push(`${check.name} (${checkId}) is ${check.status}`)
        resources.push({
          id: check.checkArn,
          type: 'AWS::TrustedAdvisor::Check',
          detail: `${check.name}: ${check.status}`,
        })
      }
      // An ok check with no resources has nothing to check (not applicable); any other status counts.
      if (check.status !== 'ok') applicable++
      continue
    }
    applicable++
    const flaggedResources = check.resources.filter((r) => !r.isExcluded && flagged.has(r.status))
    const flaggedCount = Math.max(counted, flaggedResources.length)
    if (flaggedCount > max) {
      failing.push(
        `${check.name} (${checkId}) flags ${flaggedCount}${max > 0 ? ` (at most ${max} allowed)` : ''}`,
      )
      // The counts can exceed the listed resources (not fetched); then the check itself is the resource.
      if (flaggedResources.length === 0) {
        resources.push({
          id: check.checkArn,
          type: 'AWS::TrustedAdvisor::Check',
          detail: `${check.name}: ${flaggedCount} flagged`,
        })
      }
      for (const r of flaggedResources) resources.push(taResourceRef(check.name, r))
    }
  }
  if (failing.length > 0) return { status: 'fail', reason: failing.join('; '), resources }
  if (missing.length > 0) {
    return notCollected(`Trusted Advisor did not return check ${missing.join(', ')}`)
  }
  if (applicable === 0) {
    return {
      status: 'not-applicable',
      reason: 'Trusted Advisor found no resources of this kind',
      resources: [],
    }
  }
  return {
    status: 'pass',
    reason: `Trusted Advisor check ${rule.checkIds.join(', ')} is within limits`,
    resources: [],
  }
}
