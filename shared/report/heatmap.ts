import { domainIds } from '../domain/types'
import { domainTitles } from './control-info'
import { escapeHtml as e, evidenceText } from './text'
import type { HeatRow } from './types'

/** Short column heads, so eight domains fit the page's width. */
export const shortDomainTitles: Record<(typeof domainIds)[number], string> = {
  iam: 'IAM',
  'logging-detection': 'Logging',
  network: 'Network',
  'data-protection': 'Data',
  workload: 'Workload',
  governance: 'Governance',
  'incident-response': 'Incident',
  resilience: 'Resilience',
}

/** A level as a coloured cell; the colour class prints (print-color-adjust) and the digit reads in greyscale. */
export const levelCell = (level: number): string => `<i class="l${level}">${level}</i>`

/** An account's headline level as a cell: "unassessed" (no usable evidence) in words, never a red 0. */
export const headlineCell = (level: number, grade: string): string =>
  grade === 'unassessed' ? '<i class="unassessed">unassessed</i>' : levelCell(level)

/**
 * Accounts × domains, a level per cell: the organization at a glance, as the app's heatmap shows it. Each
 * account links to its section when the report has sections.
 */
export function heatmapTable(rows: HeatRow[], hasSections: boolean): string {
  const head = domainIds
    .map((id) => `<th class="num" title="${e(domainTitles[id])}">${shortDomainTitles[id]}</th>`)
    .join('')
  const body = rows
    .map(
      (r) =>
        `<tr><td>${hasSections ? `<a href="#${r.anchor}">${e(r.name)}</a>` : e(r.name)}</td><td class="num">${headlineCell(r.level, r.grade)}</td><td class="num">${e(evidenceText(r.evidenceLevel))}</td>${r.levels.map((l) => `<td class="num">${levelCell(l)}</td>`).join('')}</tr>`,
    )
    .join('')
  return `<table class="heatmap" data-testid="heatmap"><thead><tr><th>Account</th><th class="num">Level</th><th class="num">Evidence-verified</th>${head}</tr></thead><tbody>${body}</tbody></table>`
}
