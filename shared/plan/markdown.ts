import { plural } from '../scoring/evidence-index'
import { type Perimeter, perimeters } from './effort'
import type { PlanItem } from './planner'

const perimeterNames: Record<Perimeter, string> = {
  identity: 'Identity (IAM, governance)',
  network: 'Network (network, data protection)',
  application: 'Application (workload)',
  foundation: 'Foundation (logging and detection, incident response, resilience)',
}

const phaseNames = { 30: 'First 30 days', 60: 'By day 60', 90: 'By day 90' } as const

/** One plan item in words, e.g. "Fix iam.root-mfa (The root user has MFA) in 2 accounts". */
export function describeItem(item: PlanItem, titles: ReadonlyMap<string, string> = new Map()): string {
  const control = item.controlId
    ? `${item.controlId}${titles.has(item.controlId) ? ` (${titles.get(item.controlId)})` : ''}`
    : ''
  const accounts = plural(item.accountIds.length, 'account')
  switch (item.kind) {
    case 'fix-control':
      return `Fix ${control} in ${accounts}`
    case 'answer-question':
      return `Answer ${control} for ${accounts}`
    case 'renew-answer':
      return `Renew the expired answer to ${control} for ${accounts}`
    case 'verify-evidence':
      return `Show evidence for ${control} in ${accounts} (an attestation does not satisfy an invariant)`
    case 'investigate':
      return `Find out why ${control} is unverified in ${accounts}`
    case 'recollect':
      return `Re-collect ${accounts} (${item.detail ?? 'evidence missing'})`
    case 'scan-regions':
      return `Create an IAM Access Analyzer analyzer in the Regions that have none, in ${accounts}`
    case 'grant-access':
      return `Let the audit role read ${item.detail ?? 'the source'} in ${accounts} (docs/iam-policy.json), then re-collect`
    case 'enable-source':
      return `Make ${item.detail ?? 'the source'} available in ${accounts}`
  }
}

const why: Record<PlanItem['tier'], string> = {
  invariant: 'invariant',
  baseline: 'to meet the baseline',
  'next-level': 'to reach the next level',
}

/**
 * The plan as Markdown, to paste into a ticket or a wiki: one section per phase (30, 60, 90 days), one list
 * per perimeter inside it, items in the planner's order.
 */
export function planToMarkdown(
  items: readonly PlanItem[],
  options: { title: string; titles?: ReadonlyMap<string, string> },
): string {
  const lines = [`# ${options.title}`, '']
  if (items.length === 0) lines.push('Nothing to do: every account meets its baseline and is at level 5.', '')
  for (const phase of [30, 60, 90] as const) {
    const inPhase = items.filter((i) => i.phase === phase)
    if (inPhase.length === 0) continue
    lines.push(`## ${phaseNames[phase]}`, '')
    for (const perimeter of perimeters) {
      const group = inPhase.filter((i) => i.perimeter === perimeter)
      if (group.length === 0) continue
      lines.push(`### ${perimeterNames[perimeter]}`, '')
      for (const item of group) {
        const done = item.completes > 0 ? `, completes ${item.completes}` : ''
        lines.push(
          `- [ ] ${describeItem(item, options.titles)} — ${why[item.tier]}; effort ${item.effort}${done}; accounts: ${item.accountIds.join(', ')}`,
        )
      }
      lines.push('')
    }
  }
  return `${lines.join('\n').trimEnd()}\n`
}
