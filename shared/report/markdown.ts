import { evidenceLevelText, unknownCountsText } from '../scoring/unknown-reasons'
import { domainTitles } from './control-info'
import { countsText, day, deltaText, levelText, moveText, unknownReasonText } from './text'
import type { AccountPage, ReportModel } from './types'

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

/** The report as Markdown for wikis and tickets: the same sections as the HTML, without the charts. */
export function renderMarkdown(report: ReportModel): string {
  const exec = report.executive
  const out: string[] = []
  out.push(`# Ratchet scorecard: ${mdText(report.label)}`)
  out.push(
    `Snapshot of ${day(report.createdAt)} · ${mdText(report.scopeLabel)} · generated ${day(report.generatedAt)}${report.isRedacted ? ' · **redacted**' : ''}`,
  )
  if (report.notes) out.push(mdText(report.notes))
  out.push('## Executive summary')
  out.push(
    `${exec.accountCount} accounts · ${exec.belowTarget.length} below target · controls: ${countsText(exec.counts)}. Unverified controls could not be checked; they are not counted as failures.`,
  )
  out.push('### Organization maturity by domain')
  const trendHead = exec.trend ? [mdText(exec.trend.label), 'Trend'] : []
  out.push(
    table(
      ['Domain', 'Mean', 'Lowest', 'L0', 'L1', 'L2', 'L3', 'L4', 'L5', ...trendHead],
      exec.domains.map((d) => [
        d.title,
        d.averageLevel.toFixed(1),
        levelText(d.minLevel),
        ...d.distribution,
        ...(exec.trend
          ? [d.previousAverage?.toFixed(1) ?? '–', d.delta === undefined ? '–' : deltaText(d.delta)]
          : []),
      ]),
    ),
  )
  if (exec.trend) {
    out.push(
      `Trend: against ${mdText(exec.trend.label)} (${day(exec.trend.createdAt)}), the same accounts${exec.trend.isRescored ? `, with ${mdText(exec.trend.label)} re-scored under this snapshot's model` : ''}.`,
    )
  }
  out.push('### Top regressions')
  if (!exec.trend) out.push('No earlier snapshot to compare with.')
  else if (exec.regressions.length === 0) out.push(`No regressions since ${mdText(exec.trend.label)}.`)
  else
    out.push(
      table(
        ['Account', 'Domain', 'Level', 'Newly failing controls'],
        exec.regressions.map((r) => [
          `${mdText(r.accountName)} (${mdText(r.accountId)})`,
          domainTitles[r.domainId],
          moveText(r.from, r.to),
          r.newlyFailing.map(mdText).join(', ') || '–',
        ]),
      ),
    )
  out.push('### Top risks')
  if (exec.risks.length === 0) out.push('No failing controls.')
  else
    out.push(
      table(
        ['Account', 'Criticality', 'Failing control', 'Domain', 'Resources'],
        exec.risks.map((r) => [
          `${mdText(r.accountName)} (${mdText(r.accountId)})`,
          r.criticality,
          `${mdText(r.title)} (${mdText(r.controlId)})`,
          `${domainTitles[r.domainId]} ${levelText(r.level)}`,
          r.resourceCount,
        ]),
      ),
    )
  out.push('### Accounts below target')
  if (exec.belowTarget.length === 0) out.push('Every account meets its targets.')
  else
    out.push(
      table(
        ['Account', 'Owner', 'Domains below target'],
        exec.belowTarget.map((b) => [
          `${mdText(b.accountName)} (${mdText(b.accountId)})`,
          mdText(b.owner) || '–',
          b.domains
            .map((d) => `${domainTitles[d.domainId]}: ${levelText(d.level)} of ${levelText(d.target)}`)
            .join('; '),
        ]),
      ),
    )
  for (const account of report.accounts) out.push(...accountSection(report, account))
  out.push('## Appendix')
  const a = report.appendix
  out.push(`Model ${mdText(a.modelId)}, version \`${a.modelVersion}\`, scored ${a.scoredAt}.`)
  out.push('### Age of the evidence')
  out.push(
    table(
      ['Account', 'Collected', 'Age (days)'],
      a.evidence.map((x) => [
        `${mdText(x.accountName)} (${mdText(x.accountId)})`,
        x.collectedAt ?? 'never collected',
        x.ageDays ?? '–',
      ]),
    ),
  )
  out.push('### Gaps in collection')
  if (a.gaps.length === 0) out.push('No gaps: every source was collected for every account.')
  else
    out.push(
      table(
        ['Account', 'Source', 'State', 'Detail'],
        a.gaps.map((g) => [
          `${mdText(g.accountName)} (${mdText(g.accountId)})`,
          `${g.source}${g.region ? ` (${g.region})` : ''}`,
          g.state,
          mdText(g.detail),
        ]),
      ),
    )
  return `${out.join('\n\n')}\n`
}

function accountSection(report: ReportModel, a: AccountPage): string[] {
  const out: string[] = []
  const trend = report.executive.trend
  out.push(`## ${mdText(a.name)} (${mdText(a.accountId)})`)
  out.push(
    `Level **${levelText(a.level)}**${a.previousLevel === undefined ? '' : ` (was ${levelText(a.previousLevel)})`} · evidence-verified **${evidenceLevelText(a.evidenceLevel)}** · grade **${a.grade}** · owner ${mdText(a.owner) || '–'} · ${a.environment} · criticality ${a.criticality} · controls: ${countsText(a.counts)}`,
  )
  out.push(
    table(
      ['Domain', 'Level', 'Target', 'To next level', ...(trend ? [mdText(trend.label)] : [])],
      a.domains.map((d) => [
        d.title,
        `${levelText(d.level)}${d.isBelowTarget ? ' (below target)' : ''}`,
        d.target === undefined ? '–' : levelText(d.target),
        `${Math.round(d.progress * 100)}%`,
        ...(trend ? [d.previousLevel === undefined ? '–' : levelText(d.previousLevel)] : []),
      ]),
    ),
  )
  out.push(`### Failing controls (${a.failing.length})`)
  if (a.failing.length === 0) out.push('No control fails.')
  for (const c of a.failing) {
    const lines = [
      `- **${mdText(c.title)}** (${mdText(c.controlId)}, ${domainTitles[c.domainId]} ${levelText(c.level)}): ${mdText(c.reason)}`,
    ]
    for (const r of c.resources)
      lines.push(`  - \`${r.id.replace(/`/g, "'")}\` ${mdText(r.type)}${r.region ? ` · ${r.region}` : ''}`)
    if (c.fix) lines.push(`  - Fix: ${mdText(c.fix)}`)
    out.push(lines.join('\n'))
  }
  if (unknownCountsText(a.unknownCounts)) out.push(`Unverified: ${unknownCountsText(a.unknownCounts)}.`)
  out.push(`### Unverified controls (${a.unverified.length})`)
  if (a.unverified.length === 0) out.push('Every control could be checked.')
  else {
    out.push(
      'Ratchet could not check these controls. They block the next level until verified, but they are not failures.',
    )
    out.push(
      a.unverified
        .map(
          (c) =>
            `- ${mdText(c.title)} (${mdText(c.controlId)}, ${domainTitles[c.domainId]} ${levelText(c.level)}): ${c.unknownReason ? `${unknownReasonText[c.unknownReason]}: ` : ''}${mdText(c.reason)}`,
        )
        .join('\n'),
    )
  }
  out.push('### Attestations and waivers')
  if (a.attestations.length === 0 && a.waivers.length === 0) out.push('None.')
  const lines = [
    ...a.attestations.map(
      (t) =>
        `- Attested ${t.isMet ? 'met' : 'not met'}: ${mdText(t.title)} (${mdText(t.controlId)}) by ${mdText(t.attestedBy)} on ${day(t.attestedAt)}, expires ${day(t.expiresAt)}${t.isExpired ? ' **(expired)**' : ''}`,
    ),
    ...a.waivers.map(
      (w) =>
        `- Waived: ${mdText(w.title)} (${mdText(w.controlId)}): ${mdText(w.reason)} Approved by ${mdText(w.approver)}, expires ${day(w.expiresAt)}${w.isExpired ? ' **(expired)**' : ''}`,
    ),
  ]
  if (lines.length > 0) out.push(lines.join('\n'))
  return out
}
