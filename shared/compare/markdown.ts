import type { DomainId } from '../domain/types'
import type { Comparison, ControlChange, LevelChange } from './types'
import { reasonTitles } from './types'

export interface MarkdownOptions {
  /** Display name of a domain; defaults to its id. */
  domainName?: (id: DomainId) => string
  /** At most this many rows per long list (resources). Default 200. */
  maxRows?: number
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

function why(changes: ControlChange[]): string {
  if (changes.length === 0) return 'no control changed status'
  return changes
    .map((c) => `${c.controlTitle} (${c.controlId}): ${reasonTitles[c.reason]}: ${c.detail}`)
    .join('; ')
}

/** Renders a comparison as Markdown: regressions first, then level changes with reasons, accounts, resources, gaps. */
export function comparisonToMarkdown(comparison: Comparison, options: MarkdownOptions = {}): string {
  const domain = options.domainName ?? ((id: DomainId) => id)
  const maxRows = options.maxRows ?? 200
  const { before, after, summary } = comparison
  const lines: string[] = []
  const side = (s: typeof before) =>
    `${s.label} (${s.kind === 'now' ? 'current state' : 'snapshot'}, ${s.createdAt}, model ${s.modelVersion})`
  lines.push(`# Ratchet comparison: ${before.label} → ${after.label}`, '')
  lines.push(`- Before: ${side(before)}`, `- After: ${side(after)}`)
  const mode = comparison.isRescored
    ? 'one model: the older state was re-scored under the newer model'
    : comparison.mode === 'as-recorded'
      ? 'as recorded'
      : 'one model'
  lines.push(
    `- Comparison: ${mode}${comparison.isSwapped ? ' (the picked order was swapped: older first)' : ''}`,
  )
  lines.push(
    `- Summary: ${summary.regressions} regressions, ${summary.levelsUp} levels up, ${summary.levelsDown} levels down, ` +
      `${summary.accountsAdded} accounts added, ${summary.accountsRemoved} removed, ` +
      `${summary.resourcesAdded} new violating resources, ${summary.resourcesResolved} resolved, ${summary.gaps} gaps to target`,
    '',
  )

  lines.push(`## Regressions (${comparison.regressions.length})`, '')
  if (comparison.regressions.length === 0) lines.push('None: nothing slipped.', '')
  for (const r of comparison.regressions) {
    if (r.kind === 'level-drop')
      lines.push(`- **${r.accountName}** (${r.accountId}) ${domain(r.domainId)}: level ${r.from} → ${r.to}`)
    else
      lines.push(
        `- **${r.accountName}** (${r.accountId}) ${r.change.controlTitle} (${r.change.controlId}): ${r.change.from} → ${r.change.to}: ${r.change.detail}`,
      )
  }
  if (comparison.regressions.length > 0) lines.push('')

  lines.push(...levelTable('Level changes', comparison.levelChanges, domain))
  if (comparison.modelEffects.length > 0) {
    lines.push(
      'The model changed between the two states. These moves of the older state come from the model alone and are not counted above:',
      '',
    )
    lines.push(...levelTable('Model effects', comparison.modelEffects, domain))
  }

  lines.push(`## Accounts`, '')
  lines.push(`- Added: ${comparison.accounts.added.join(', ') || 'none'}`)
  lines.push(`- Removed: ${comparison.accounts.removed.join(', ') || 'none'}`, '')

  for (const [title, list] of [
    ['New violating resources', comparison.resources.added],
    ['Resolved violating resources', comparison.resources.resolved],
  ] as const) {
    lines.push(`## ${title} (${list.length})`, '')
    if (list.length === 0) lines.push('None.', '')
    else {
      lines.push('| Account | Control | Resource | Region |', '|---|---|---|---|')
      for (const r of list.slice(0, maxRows))
        lines.push(
          `| ${r.accountId} | ${cell(r.controlId)} | ${cell(r.resource.id)} | ${r.resource.region ?? ''} |`,
        )
      if (list.length > maxRows) lines.push('', `… and ${list.length - maxRows} more.`)
      lines.push('')
    }
  }

  lines.push(`## Gaps to target (${comparison.gaps.length})`, '')
  if (comparison.gaps.length === 0) lines.push('None: every domain with a target meets it.', '')
  else {
    lines.push('| Account | Domain | Level | Target | Gap |', '|---|---|---|---|---|')
    for (const g of comparison.gaps)
      lines.push(
        `| ${cell(g.accountName)} (${g.accountId}) | ${domain(g.domainId)} | ${g.level} | ${g.target} | ${g.gap} |`,
      )
    lines.push('')
  }
  return lines.join('\n')
}

function levelTable(title: string, changes: LevelChange[], domain: (id: DomainId) => string): string[] {
  const lines = [`## ${title} (${changes.length})`, '']
  if (changes.length === 0) return [...lines, 'None.', '']
  lines.push('| Account | Domain | Before | After | Target | Why |', '|---|---|---|---|---|---|')
  for (const c of changes) {
    const arrow = c.to < c.from ? ' ▼' : ' ▲'
    lines.push(
      `| ${cell(c.accountName)} (${c.accountId}) | ${domain(c.domainId)} | ${c.from} | ${c.to}${arrow} | ${c.target ?? ''} | ${cell(why(c.changes))} |`,
    )
  }
  return [...lines, '']
}
