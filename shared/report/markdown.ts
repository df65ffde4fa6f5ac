import { domainIds } from '../domain/types'
import { plural } from '../scoring/evidence-index'
import type { ResourceRef } from '../scoring/types'
import { headlineLevelText, unknownReasonLabel } from '../scoring/unknown-reasons'
import { domainTitles } from './control-info'
import {
  ageText,
  countsText,
  deltaText,
  evidenceText,
  headlineNote,
  humanDate,
  levelText,
  moveText,
  unknownText,
} from './text'
import type { AccountPage, ExecutivePage, ReportModel } from './types'

/** Escapes text for a Markdown table cell or line: pipes, backslashes, leading markup and line breaks. */
export function mdText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/([*`[\]<>])/g, '\\$1')
    .replace(/\r?\n/g, ' ')
}

const row = (cells: Array<string | number>) => `| ${cells.map(String).join(' | ')} |`
const table = (head: string[], rows: Array<Array<string | number>>) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n')
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``

function resources(list: ResourceRef[], limit: number, total = list.length): string {
  const shown = list.slice(0, limit).map((r) => code(r.id))
  return `${shown.join(', ')}${total > shown.length ? ` and ${total - shown.length} more` : ''}`
}

/** The report as Markdown for wikis and tickets: the same sections as the HTML, the heatmap as a table. */
export function renderMarkdown(report: ReportModel): string {
  const out: string[] = []
  out.push(`# Ratchet scorecard: ${mdText(report.label)}`)
  out.push(
    `Snapshot of ${humanDate(report.createdAt)} · ${mdText(report.scopeLabel)} · generated ${humanDate(report.generatedAt)}${report.isRedacted ? ' · **redacted**' : ''}`,
  )
  if (report.notes) out.push(mdText(report.notes))
  out.push(...executive(report))
  if (report.detail !== 'summary')
    for (const account of report.accounts) out.push(...accountSection(report, account))
  out.push(...appendix(report))
  return `${out.join('\n\n')}\n`
}

function executive(report: ReportModel): string[] {
  const exec = report.executive
  const out: string[] = [
    `## Executive summary: ${report.scopeKind === 'org' ? 'the organization' : mdText(report.scopeLabel)}`,
  ]
  out.push(
    `${plural(exec.accountCount, 'account')}${exec.unassessedCount > 0 ? ` · ${exec.unassessedCount} unassessed` : ''} · ${exec.counts.fail} failing controls · ${exec.counts.unknown} unverified${exec.counts.unknown > 0 ? ` (${unknownText(exec.unknownByReason)})` : ''}. Unverified controls could not be checked; they are not counted as failures.`,
  )
  out.push(
    table(
      ['Accounts at each level', 'L0', 'L1', 'L2', 'L3', 'L4', 'L5'],
      exec.headline.map((h) => [
        h.title,
        ...h.counts.map((n, l) => {
          const was = h.previousCounts?.[l]
          return was === undefined || was === n ? n : `${n} (${deltaText(n - was).replace('.0', '')})`
        }),
      ]),
    ),
  )
  out.push(`An account's level is its lowest domain level${headlineNote(exec)}.`)
  if (exec.heatmap) {
    out.push('### Heatmap: level per account and domain')
    out.push(
      table(
        ['Account', 'Level', 'Evidence-verified', ...domainIds.map((d) => domainTitles[d])],
        exec.heatmap.map((h) => [
          mdText(h.name),
          headlineLevelText(h.level, h.grade),
          evidenceText(h.evidenceLevel),
          ...h.levels.map(levelText),
        ]),
      ),
    )
  }
  out.push(`### Domains${exec.trend ? ` since ${mdText(exec.trend.label)}` : ''}`)
  out.push(
    table(
      ['Domain', 'Mean', ...(exec.trend ? ['Change'] : []), 'L0', 'L1', 'L2', 'L3', 'L4', 'L5'],
      exec.domains.map((d) => [
        d.title,
        d.averageLevel.toFixed(1),
        ...(exec.trend ? [d.delta === undefined ? '–' : deltaText(d.delta)] : []),
        ...d.distribution,
      ]),
    ),
  )
  out.push(...sentences(exec))
  return out
}

/** A heading, then one line per item, or `empty` when there is none. */
function listSection<T>(
  heading: string,
  items: T[],
  empty: string,
  line: (item: T, index: number) => string,
): string[] {
  return [heading, items.length === 0 ? empty : items.map(line).join('\n')]
}

function sentences(exec: ExecutivePage): string[] {
  const out: string[] = [`### Regressions${exec.trend ? ` since ${mdText(exec.trend.label)}` : ''}`]
  if (!exec.trend) out.push('No earlier snapshot was given, so there is no trend.')
  else if (exec.regressionCount === 0) out.push(`No regressions since ${mdText(exec.trend.label)}.`)
  else
    out.push(
      exec.regressions
        .map((r) =>
          [
            `- **${mdText(r.accountName)}**: ${domainTitles[r.domainId]} ${r.to < r.from ? `fell from ${levelText(r.from)} to ${levelText(r.to)}` : `stayed at ${levelText(r.to)}`}`,
            ...r.failed.map(
              (c) =>
                `  - ${mdText(c.title)} now fails: ${mdText(c.reason)}${c.resources.length > 0 ? ` (${resources(c.resources, 2)})` : ''}`,
            ),
          ].join('\n'),
        )
        .join('\n'),
    )
  out.push(
    ...listSection(
      '### Baseline or target breaches',
      exec.breaches,
      'Every account meets its targets.',
      (b) =>
        `- **${mdText(b.accountName)}**${b.owner ? ` (${mdText(b.owner)})` : ''}: ${domainTitles[b.domainId]} at ${levelText(b.level)}, ${b.kind === 'baseline' ? `the baseline ${mdText(b.source)} asks` : 'its target is'} ${levelText(b.expected)}`,
    ),
    ...listSection(
      '### Top risks',
      exec.risks,
      'No failing finding.',
      (r, i) =>
        `${i + 1}. **${mdText(r.title)}** in **${mdText(r.accountName)}** (${r.severity}, ${domainTitles[r.domainId]} ${levelText(r.level)}, ${r.criticality} account): ${mdText(r.reason)} (${resources(r.resources, 2, r.resourceCount)})`,
    ),
  )
  const c = exec.coverage
  out.push('### Evidence coverage and age')
  out.push(
    `Evidence for ${c.withEvidence} of ${plural(c.accountCount, 'account')}.${c.medianAgeDays === null ? '' : ` Median age ${ageText(c.medianAgeDays)}; oldest ${ageText(c.oldest?.ageDays ?? 0)} (${mdText(c.oldest?.accountName ?? '')}).`}`,
  )
  out.push(
    table(
      ['Source', 'Read', 'Not available', 'Failed', 'Not collected'],
      c.sources.map((s) => [s.source, s.ok, s.unavailable, s.error, s.missing]),
    ),
  )
  return out
}

function accountSection(report: ReportModel, a: AccountPage): string[] {
  const out: string[] = []
  const trend = report.executive.trend
  const isAll = report.detail === 'everything'
  out.push(`## ${mdText(a.name)} (${mdText(a.accountId)})`)
  out.push(
    `Level **${headlineLevelText(a.level, a.grade)}**${a.previousLevel === undefined ? '' : ` (was ${levelText(a.previousLevel)})`} · evidence-verified **${evidenceText(a.evidenceLevel)}** · grade **${a.grade}** · owner ${mdText(a.owner) || '–'} · ${a.environment} · criticality ${a.criticality} · ${a.collectedAt ? `evidence of ${humanDate(a.collectedAt)}` : 'no evidence collected'} · controls: ${countsText(a.counts)}`,
  )
  out.push(
    table(
      [
        'Domain',
        'Level',
        'Evidence-verified',
        'Target',
        ...(trend ? [`Since ${mdText(trend.label)}`] : []),
        'To next level',
      ],
      a.domains.map((d) => [
        d.title,
        `${levelText(d.level)}${d.isBelowTarget ? ' (below target)' : ''}`,
        evidenceText(d.evidenceLevel),
        d.target === undefined ? '–' : levelText(d.target),
        ...(trend ? [d.previousLevel === undefined ? '–' : moveText(d.previousLevel, d.level)] : []),
        `${Math.round(d.progress * 100)}%`,
      ]),
    ),
  )
  out.push(`### Failing controls (${a.failing.length})`)
  if (a.failing.length === 0) out.push('No control fails.')
  for (const c of a.failing) {
    const lines = [
      `- **${mdText(c.title)}** (${domainTitles[c.domainId]} ${levelText(c.level)}): ${mdText(c.reason)}`,
    ]
    if (c.resources.length > 0) lines.push(`  - ${resources(c.resources, isAll ? c.resources.length : 3)}`)
    out.push(lines.join('\n'))
  }
  if (a.unverified.length > 0) {
    out.push(
      `### Unverified controls (${a.unverified.length})\n\n${unknownText(a.unknownByReason)}. They block the next level until verified, but they are not counted as failures.`,
    )
    if (isAll)
      out.push(
        a.unverified
          .map(
            (c) =>
              `- ${mdText(c.title)} (${domainTitles[c.domainId]} ${levelText(c.level)}): ${c.unknownReason ? `${unknownReasonLabel(c.unknownReason)}: ` : ''}${mdText(c.reason)}`,
          )
          .join('\n'),
      )
  }
  if (isAll && a.attestations.length + a.waivers.length > 0) {
    out.push('### Attestations and waivers')
    out.push(
      [
        ...a.attestations.map(
          (t) =>
            `- Attested ${t.isMet ? 'met' : 'not met'}: ${mdText(t.title)} by ${mdText(t.attestedBy)} on ${humanDate(t.attestedAt)}, expires ${humanDate(t.expiresAt)}${t.isExpired ? ' **(expired)**' : ''}`,
        ),
        ...a.waivers.map(
          (w) =>
            `- Waived: ${mdText(w.title)}: ${mdText(w.reason)} Approved by ${mdText(w.approver)}, expires ${humanDate(w.expiresAt)}${w.isExpired ? ' **(expired)**' : ''}`,
        ),
      ].join('\n'),
    )
  }
  return out
}

function appendix(report: ReportModel): string[] {
  const a = report.appendix
  const out = ['## Appendix', '### How to fix each failing control']
  out.push(
    a.fixes.length === 0
      ? 'No control fails.'
      : a.fixes
          .map(
            (f) =>
              `- **${mdText(f.title)}** (failing in ${plural(f.accountCount, 'account')}): ${mdText(f.fix)}`,
          )
          .join('\n'),
  )
  if (report.detail === 'everything') {
    out.push('### Age of the evidence')
    out.push(
      table(
        ['Account', 'Collected', 'Age'],
        a.evidence.map((x) => [
          mdText(x.accountName),
          x.collectedAt ? humanDate(x.collectedAt) : 'never collected',
          x.ageDays === null ? '–' : ageText(x.ageDays),
        ]),
      ),
    )
    out.push('### Gaps in collection')
    out.push(
      a.gaps.length === 0
        ? 'No gaps: every source was collected for every account.'
        : table(
            ['Account', 'Source', 'State', 'Detail'],
            a.gaps.map((g) => [
              mdText(g.accountName),
              `${g.source}${g.region ? ` (${g.region})` : ''}`,
              g.state,
              mdText(g.detail),
            ]),
          ),
    )
  }
  out.push('### Model')
  out.push(`Model ${mdText(a.modelId)}, version \`${a.modelVersion}\`, scored ${humanDate(a.scoredAt)}.`)
  return out
}
