import { domainIds } from '../domain/types'
import { plural } from '../scoring/evidence-index'
import type { ResourceRef } from '../scoring/types'
import { headlineLevelText, type UnknownReason, unknownReasonLabel } from '../scoring/unknown-reasons'
import { domainTitles } from './control-info'
import { headlineCell, heatmapTable, levelCell, shortDomainTitles } from './heatmap'
import { reportCss } from './html-style'
import {
  ageText,
  countsText,
  deltaText,
  escapeHtml as e,
  evidenceText,
  headlineNote,
  humanDate,
  humanDateTime,
  levelText,
  moveText,
  unknownText,
} from './text'
import type { AccountPage, ExecutivePage, Regression, ReportModel } from './types'

/** At the default detail, a failing control lists this many resources, then "and N more". */
const RESOURCES_SHOWN = 3
/** Up to this many accounts, the side contents also link each account's domains. */
const TOC_DOMAINS_MAX_ACCOUNTS = 20
const PAGE_BREAKS_SHOWN = 5

/** An unknown category as its marker and words, with a class per category so each reads apart. */
const unknownMark = (reason: UnknownReason) =>
  `<span class="unk unk-${reason}">${e(unknownReasonLabel(reason))}</span>`

/** A CSS string literal: the footer's text comes from the snapshot's label, which a user typed. */
const cssString = (text: string) => `"${text.replace(/[\\"]/g, '\\$&').replace(/[\r\n\f]+/g, ' ')}"`

/**
 * One self-contained HTML file: inline CSS and inline SVG-free tables, no script and no external reference
 * (its CSP forbids any), a sticky contents bar with an anchor per account and domain, and print rules that
 * give the PDF its page breaks and its footer ("page 3 of 24", the label and the date). Unknown controls are
 * "unverified", never "failed".
 */
export function renderHtml(report: ReportModel): string {
  const title = `Ratchet scorecard: ${report.label}`
  const footer = `Ratchet · ${report.label} · ${humanDate(report.createdAt)}${report.isRedacted ? ' · redacted' : ''}`
  const isAccount = report.scopeKind === 'account'
  const hasSections = report.detail !== 'summary'
  const body = [
    isAccount ? accountSummaryPage(report) : executivePage(report),
    isAccount ? '' : contentsPage(report),
    hasSections ? report.accounts.map((a) => accountSection(report, a, isAccount)).join('\n') : '',
    appendixPage(report),
  ]
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Ratchet">
<title>${e(title)}</title>
<style>${reportCss}
@page { @bottom-left { content: ${cssString(footer)}; } @bottom-right { content: "page " counter(page) " of " counter(pages); } }</style>
</head>
<body>
${toc(report)}
<main>
${body.filter(Boolean).join('\n')}
</main>
</body>
</html>
`
}

function toc(report: ReportModel): string {
  const isAccount = report.scopeKind === 'account'
  const withDomains = report.detail !== 'summary' && report.accounts.length <= TOC_DOMAINS_MAX_ACCOUNTS
  const accounts =
    report.detail === 'summary'
      ? ''
      : `<ol>${report.accounts
          .map(
            (a) =>
              `<li><a href="#${a.anchor}">${e(a.name)}</a> ${headlineCell(a.level, a.grade)}${
                withDomains
                  ? `<ol>${a.domains.map((d) => `<li><a href="#${a.anchor}-${d.domainId}">${e(d.title)}</a></li>`).join('')}</ol>`
                  : ''
              }</li>`,
          )
          .join('')}</ol>`
  return `<nav class="toc" aria-label="Contents" data-testid="toc"><a href="#summary"><strong>${isAccount ? 'Scorecard' : 'Executive summary'}</strong></a>${
    isAccount ? '' : '<a href="#contents">Contents</a>'
  }${accounts}<a href="#appendix">Appendix</a></nav>`
}

function cover(report: ReportModel): string {
  return `<div class="cover"><span><strong>Ratchet scorecard</strong></span><span>Snapshot <strong>${e(report.label)}</strong> of ${e(humanDate(report.createdAt))}</span><span>${e(report.scopeLabel)}</span><span>Generated ${e(humanDateTime(report.generatedAt))}</span>${report.isRedacted ? '<span class="badge redacted">Redacted</span>' : ''}</div>`
}

const headTitle = (report: ReportModel) =>
  report.scopeKind === 'org'
    ? 'Executive summary: the organization'
    : `Executive summary: ${report.scopeLabel}`

function executivePage(report: ReportModel): string {
  const exec = report.executive
  return `<section class="page executive" id="summary" data-testid="executive">
${cover(report)}
<h1>${e(headTitle(report))}</h1>
${report.notes ? `<p class="notes">${e(report.notes)}</p>` : ''}
${headline(exec)}
${exec.heatmap ? `<h2>Heatmap: level per account and domain</h2>${heatmapTable(exec.heatmap, report.detail !== 'summary')}` : ''}
<h2>Domains${exec.trend ? ` since ${e(exec.trend.label)}` : ''}</h2>
${domainTable(exec)}
<h2>Regressions${exec.trend ? ` since ${e(exec.trend.label)}` : ''}</h2>
${regressionList(exec)}
<h2>Baseline or target breaches</h2>
${breachList(exec)}
<h2>Top risks</h2>
${riskList(exec)}
<h2>Evidence coverage and age</h2>
${coverageText(exec)}
</section>`
}

function headline(exec: ExecutivePage): string {
  const rows = exec.headline
    .map((row) => {
      const cells = row.counts
        .map((n, level) => {
          const was = row.previousCounts?.[level]
          const change =
            was === undefined || was === n ? '' : ` <small>(${deltaText(n - was).replace('.0', '')})</small>`
          return `<td class="num">${n}${change}</td>`
        })
        .join('')
      return `<tr><th scope="row">${e(row.title)}</th>${cells}</tr>`
    })
    .join('')
  const verdict = `${plural(exec.accountCount, 'account')}${exec.unassessedCount > 0 ? ` · ${exec.unassessedCount} unassessed` : ''} · ${exec.counts.fail} failing controls · ${exec.counts.unknown} unverified${exec.trend ? ` · ${plural(exec.regressionCount, 'regression')} since ${e(exec.trend.label)}` : ''}`
  return `<p class="verdict" data-testid="account-count" data-count="${exec.accountCount}">${verdict}</p>
<table class="headline" data-testid="headline"><thead><tr><th>Accounts at each level</th>${[0, 1, 2, 3, 4, 5].map((l) => `<th class="num">${levelCell(l)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>
<p class="muted">An account's level is its lowest domain level${headlineNote(exec)}.${exec.trend ? ` In brackets: the change since ${e(exec.trend.label)}.` : ''} Unverified controls could not be checked; they are not counted as failures${exec.counts.unknown > 0 ? ` (${e(unknownText(exec.unknownByReason))})` : ''}.</p>`
}

function domainTable(exec: ExecutivePage): string {
  const rows = exec.domains
    .map((d) => {
      const trend = exec.trend
        ? `<td class="num ${d.delta === undefined ? '' : d.delta > 0 ? 'up' : d.delta < 0 ? 'down' : ''}">${d.delta === undefined ? '–' : deltaText(d.delta)}</td>`
        : ''
      return `<tr id="d-${d.domainId}" data-domain="${d.domainId}" data-average="${d.averageLevel}"><td>${e(d.title)}</td><td class="num">${d.averageLevel.toFixed(1)}</td>${trend}${d.distribution.map((n, l) => `<td class="num${n > 0 ? ` l${l}` : ''}">${n || ''}</td>`).join('')}</tr>`
    })
    .join('')
  return `<table data-testid="domain-table"><thead><tr><th>Domain</th><th class="num">Mean</th>${exec.trend ? '<th class="num">Change</th>' : ''}${[0, 1, 2, 3, 4, 5].map((l) => `<th class="num">L${l}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>
<p class="muted">L0–L5: how many accounts are at each level in the domain.${exec.trend?.isRescored ? ` ${e(exec.trend.label)} was re-scored under this snapshot's model, so a model change does not count as progress.` : ''}</p>`
}

/** The first resources as code, then "and N more" (of `total`, when only some were passed). */
function resourcesText(resources: ResourceRef[], limit: number, total = resources.length): string {
  if (resources.length === 0) return ''
  const shown = resources.slice(0, limit).map((r) => `<code>${e(r.id)}</code>`)
  const more = total > shown.length ? ` and ${total - shown.length} more` : ''
  return `${shown.join(', ')}${more}`
}

/** "payments-prod: Identity & access fell from L3 to L2. The root user has MFA now fails: …, on arn:…". */
function regressionSentence(r: Regression): string {
  const move =
    r.to < r.from ? `fell from ${levelText(r.from)} to ${levelText(r.to)}` : `stayed at ${levelText(r.to)}`
  const failed = r.failed
    .map(
      (c) =>
        `<li><strong>${e(c.title)}</strong> now fails: ${e(c.reason)}${c.resources.length > 0 ? ` (${resourcesText(c.resources, 2)})` : ''}</li>`,
    )
    .join('')
  return `<li><strong>${e(r.accountName)}</strong>: ${e(domainTitles[r.domainId])} ${move}${failed ? `<ul>${failed}</ul>` : ''}</li>`
}

function regressionList(exec: ExecutivePage): string {
  if (!exec.trend) return '<p class="muted">No earlier snapshot was given, so there is no trend.</p>'
  if (exec.regressionCount === 0) return `<p>No regressions since ${e(exec.trend.label)}.</p>`
  const more = exec.regressionCount - exec.regressions.length
  return `<ul class="sentences" data-testid="regressions">${exec.regressions.map(regressionSentence).join('')}</ul>${more > 0 ? `<p class="muted">And ${plural(more, 'more regression')}, in the account sections.</p>` : ''}`
}

function breachList(exec: ExecutivePage): string {
  if (exec.breaches.length === 0) return '<p>Every account meets its targets.</p>'
  const shown = exec.breaches.slice(0, PAGE_BREAKS_SHOWN)
  const more = exec.breaches.length - shown.length
  return `<ul class="sentences" data-testid="breaches">${shown
    .map(
      (b) =>
        `<li><strong>${e(b.accountName)}</strong>${b.owner ? ` (${e(b.owner)})` : ''}: ${e(domainTitles[b.domainId])} at ${levelText(b.level)}, ${b.kind === 'baseline' ? `the baseline ${e(b.source)} asks` : 'its target is'} ${levelText(b.expected)}</li>`,
    )
    .join(
      '',
    )}</ul><p class="muted">${plural(exec.belowTarget.length, 'account')} below target in ${plural(exec.breaches.length, 'domain')}${more > 0 ? `; the ${more} smaller gaps are in the account sections` : ''}.</p>`
}

function riskList(exec: ExecutivePage): string {
  if (exec.risks.length === 0)
    return '<p>No failing finding: every failing control is a question, not a resource.</p>'
  return `<ol class="sentences" data-testid="risks">${exec.risks
    .map(
      (r) =>
        `<li><strong>${e(r.title)}</strong> in <strong>${e(r.accountName)}</strong> <span class="sev ${r.severity}">${r.severity}</span> <span class="muted">${e(domainTitles[r.domainId])} ${levelText(r.level)} · ${e(r.criticality)} account</span><br>${e(r.reason)} (${resourcesText(r.resources, 2, r.resourceCount)})</li>`,
    )
    .join(
      '',
    )}</ol><p class="muted">Real findings only (a failing control with resources), ranked by control level, then severity, then the account's criticality.</p>`
}

const sourceNames = {
  identity: 'Identity',
  credentialReport: 'IAM credential report',
  trustedAdvisor: 'Trusted Advisor',
  accessAnalyzer: 'IAM Access Analyzer',
} as const

function coverageText(exec: ExecutivePage): string {
  const c = exec.coverage
  const sources = c.sources
    .map(
      (s) =>
        `<tr><td>${sourceNames[s.source]}</td><td class="num">${s.ok}</td><td class="num">${s.unavailable || ''}</td><td class="num">${s.error || ''}</td><td class="num">${s.missing || ''}</td></tr>`,
    )
    .join('')
  const age =
    c.medianAgeDays === null
      ? 'No evidence was collected.'
      : `Median age ${ageText(c.medianAgeDays)}; oldest ${ageText(c.oldest?.ageDays ?? 0)} (${e(c.oldest?.accountName ?? '')})${c.staleCount > 0 ? `; ${plural(c.staleCount, 'account')} older than 30 days` : ''}.`
  return `<p data-testid="coverage">Evidence for ${c.withEvidence} of ${plural(c.accountCount, 'account')}. ${age}</p>
<table class="compact"><thead><tr><th>Source</th><th class="num">Read</th><th class="num">Not available</th><th class="num">Failed</th><th class="num">Not collected</th></tr></thead><tbody>${sources}</tbody></table>`
}

function contentsPage(report: ReportModel): string {
  const hasSections = report.detail !== 'summary'
  const trend = report.executive.trend
  const rows = report.accounts
    .map(
      (a) =>
        `<tr><td>${hasSections ? `<a href="#${a.anchor}">${e(a.name)}</a>` : e(a.name)}</td><td>${e(a.owner) || '–'}</td><td class="num">${headlineCell(a.level, a.grade)}${trend && a.previousLevel !== undefined && a.previousLevel !== a.level ? ` <small>was ${a.previousLevel}</small>` : ''}</td><td class="num">${a.grade}</td><td class="num">${a.failing.length}</td><td class="num">${a.counts.unknown}</td></tr>`,
    )
    .join('')
  return `<section class="page contents" id="contents" data-testid="contents">
<h1>Contents</h1>
<ol class="sections"><li><a href="#summary">Executive summary</a></li>${hasSections ? '<li>Accounts, one section each, in this order:</li>' : '<li>Accounts, one line each:</li>'}</ol>
<table data-testid="contents-accounts"><thead><tr><th>Account</th><th>Owner</th><th class="num">Level</th><th class="num">Grade</th><th class="num">Failing</th><th class="num">Unverified</th></tr></thead><tbody>${rows}</tbody></table>
<ol class="sections" start="3"><li><a href="#appendix">Appendix: how to fix each failing control${report.detail === 'everything' ? ', evidence age and collection gaps' : ''}; the model</a></li></ol>
</section>`
}

/** Page 1 of a one-account scorecard: the account itself, not an organization of one. */
function accountSummaryPage(report: ReportModel): string {
  const exec = report.executive
  const a = report.accounts[0]
  if (!a) return executivePage(report)
  return `<section class="page executive account-summary" id="summary" data-testid="executive">
${cover(report)}
<h1>Scorecard: ${e(a.name)}</h1>
<p class="muted">Account <code>${e(a.accountId)}</code> · owner ${e(a.owner) || '–'} · ${e(a.environment)} · criticality ${e(a.criticality)}${a.collectedAt ? ` · evidence collected ${e(humanDate(a.collectedAt))}` : ' · no evidence collected'}</p>
<div class="kpis"><div class="kpi"><b>${headlineLevelText(a.level, a.grade)}</b>level${a.previousLevel === undefined ? '' : ` (was ${levelText(a.previousLevel)})`}</div><div class="kpi" data-testid="evidence-level"><b>${e(evidenceText(a.evidenceLevel))}</b>evidence-verified</div><div class="kpi"><b>${a.grade}</b>grade</div><div class="kpi"><b>${a.failing.length}</b>failing</div><div class="kpi"><b>${a.counts.unknown}</b>unverified</div></div>
<p class="muted">Controls: ${e(countsText(a.counts))}.${a.counts.unknown > 0 ? ` Unverified: ${e(unknownText(a.unknownByReason))}; not counted as failures.` : ''}</p>
<h2>Domains against target</h2>
${accountDomainTable(report, a)}
<h2>Regressions${exec.trend ? ` since ${e(exec.trend.label)}` : ''}</h2>
${regressionList(exec)}
<h2>Top risks</h2>
${riskList(exec)}
</section>`
}

function accountDomainTable(report: ReportModel, a: AccountPage): string {
  const trend = report.executive.trend
  const rows = a.domains
    .map(
      (d) =>
        `<tr id="${a.anchor}-${d.domainId}" data-domain="${d.domainId}" data-level="${d.level}"><td>${e(d.title)}</td><td class="num${d.isBelowTarget ? ' below' : ''}">${levelCell(d.level)}</td><td class="num">${e(evidenceText(d.evidenceLevel))}</td><td class="num">${d.target === undefined ? '–' : levelText(d.target)}</td>${trend ? `<td class="num">${d.previousLevel === undefined ? '–' : moveText(d.previousLevel, d.level)}</td>` : ''}<td class="num">${Math.round(d.progress * 100)}%</td></tr>`,
    )
    .join('')
  return `<table class="domains" data-testid="account-domains"><thead><tr><th>Domain</th><th class="num">Level</th><th class="num">Evidence-verified</th><th class="num">Target</th>${trend ? `<th class="num">Since ${e(trend.label)}</th>` : ''}<th class="num">To next level</th></tr></thead><tbody>${rows}</tbody></table>`
}

/**
 * A resource as short as it can be read in its account's section: an ARN loses its
 * "arn:aws:service:region:account:" prefix (the section names the account); "everything" keeps it whole.
 */
function shortResources(resources: ResourceRef[], accountId: string): ResourceRef[] {
  const prefix = new RegExp(`^arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:(${accountId})?:`)
  return resources.map((r) => ({ ...r, id: r.id.replace(prefix, '') }))
}

/** The account's domains in one compact row: level, target, and an arrow when it moved since last quarter. */
function domainStrip(a: AccountPage): string {
  const targets = new Set(a.domains.map((d) => d.target))
  // One target for every domain (the usual case) is said once, in the header; otherwise per cell.
  const sameTarget = targets.size === 1 ? [...targets][0] : null
  const head = a.domains.map((d) => `<th>${shortDomainTitles[d.domainId]}</th>`).join('')
  const cells = a.domains
    .map((d) => {
      const move =
        d.previousLevel === undefined || d.previousLevel === d.level
          ? ''
          : d.level > d.previousLevel
            ? '↑'
            : '↓'
      const target = sameTarget !== null || d.target === undefined ? '' : `<small>/${d.target}</small>`
      return `<td id="${a.anchor}-${d.domainId}"${d.isBelowTarget ? ' class="below"' : ''}>${levelCell(d.level)}${move}${target}</td>`
    })
    .join('')
  const target =
    sameTarget === null || sameTarget === undefined ? '' : `Target ${levelText(sameTarget)} in every domain; `
  const caption = `<caption>${target}under each level, the evidence-verified one</caption>`
  // A thousand accounts × 8 domains: the row carries the muted style (no <small> per cell), which keeps an
  // organization's HTML under its 5 MB budget.
  const evidence = a.domains.map((d) => `<td>${e(evidenceText(d.evidenceLevel))}</td>`).join('')
  return `<table class="strip" data-testid="account-domains">${caption}<tr>${head}</tr><tr>${cells}</tr><tr class="ev" title="evidence-verified">${evidence}</tr></table>`
}

const fixAnchors = new WeakMap<ReportModel, Map<string, string>>()

/** The appendix anchor of a control's fix: by position ("f12"), short, so a thousand sections stay small. */
function fixAnchor(report: ReportModel, controlId: string): string {
  let anchors = fixAnchors.get(report)
  if (!anchors) {
    anchors = new Map(report.appendix.fixes.map((f, i) => [f.controlId, `f${i + 1}`]))
    fixAnchors.set(report, anchors)
  }
  return anchors.get(controlId) ?? 'appendix'
}

/** Resources the reason does not already name ("… 2 (alice, bob)" names both users). */
function unnamed(resources: ResourceRef[], reason: string): ResourceRef[] {
  const isNamed = (r: ResourceRef) => reason.includes(r.id.slice(r.id.lastIndexOf('/') + 1))
  return resources.every(isNamed) && resources.length <= RESOURCES_SHOWN ? [] : resources
}

function failingList(report: ReportModel, a: AccountPage): string {
  if (a.failing.length === 0) return '<p>No control fails.</p>'
  const isAll = report.detail === 'everything'
  const limit = isAll ? Number.POSITIVE_INFINITY : RESOURCES_SHOWN
  return domainIds
    .map((domainId) => {
      const controls = a.failing.filter((c) => c.domainId === domainId)
      if (controls.length === 0) return ''
      const found = controls.filter((c) => isAll || !c.isAnswered)
      const answered = isAll ? [] : controls.filter((c) => c.isAnswered)
      const items = found
        .map((c) => {
          const list = isAll ? c.resources : unnamed(shortResources(c.resources, a.accountId), c.reason)
          return `<li><a href="#${fixAnchor(report, c.controlId)}"><b>${e(c.title)}</b></a> ${levelText(c.level)}: ${e(c.reason)}${list.length > 0 ? `<br>${resourcesText(list, limit)}` : ''}</li>`
        })
        .join('')
      const answers =
        answered.length === 0
          ? ''
          : `<li>Answered "not met": ${answered.map((c) => `<a href="#${fixAnchor(report, c.controlId)}">${e(c.title)}</a>`).join('; ')}</li>`
      return `<h3>${e(domainTitles[domainId])}</h3><ul>${items}${answers}</ul>`
    })
    .join('')
}

function unverifiedBlock(report: ReportModel, a: AccountPage): string {
  if (a.unverified.length === 0) return '<p class="muted">Every control could be checked.</p>'
  const summary = `<p class="unverified-line">${plural(a.unverified.length, 'unverified control')}: ${e(unknownText(a.unknownByReason))}. They block the next level until verified, but they are not failures.</p>`
  if (report.detail !== 'everything') return summary
  return `${summary}<table data-testid="unverified"><thead><tr><th>Control</th><th>Domain</th><th>Why unverified</th></tr></thead><tbody>${a.unverified
    .map(
      (c) =>
        `<tr data-control-id="${e(c.controlId)}"${c.unknownReason ? ` data-unknown-reason="${c.unknownReason}"` : ''}><td>${e(c.title)}</td><td>${e(domainTitles[c.domainId])} ${levelText(c.level)}</td><td>${c.unknownReason ? `${unknownMark(c.unknownReason)}: ` : ''}${e(c.reason)}</td></tr>`,
    )
    .join('')}</tbody></table>`
}

function answersBlock(report: ReportModel, a: AccountPage): string {
  const expired = (isExpired: boolean) => (isExpired ? ' <span class="badge expired">expired</span>' : '')
  if (report.detail !== 'everything') {
    const expiredCount =
      a.attestations.filter((t) => t.isExpired).length + a.waivers.filter((w) => w.isExpired).length
    if (a.attestations.length + a.waivers.length === 0) return ''
    return `<p class="muted">${plural(a.attestations.length, 'attestation')}, ${plural(a.waivers.length, 'waiver')}${expiredCount > 0 ? ` (${expiredCount} expired)` : ''}.</p>`
  }
  const attestations = a.attestations
    .map(
      (t) =>
        `<tr><td>${e(t.title)}${t.note ? `<br><span class="muted">${e(t.note)}</span>` : ''}</td><td>attested ${t.isMet ? 'met' : 'not met'}</td><td>${e(t.attestedBy)}, ${e(humanDate(t.attestedAt))}</td><td>${e(humanDate(t.expiresAt))}${expired(t.isExpired)}</td></tr>`,
    )
    .join('')
  const waivers = a.waivers
    .map(
      (w) =>
        `<tr><td>${e(w.title)}</td><td>waived: ${e(w.reason)}</td><td>${e(w.approver)}</td><td>${e(humanDate(w.expiresAt))}${expired(w.isExpired)}</td></tr>`,
    )
    .join('')
  if (!attestations && !waivers) return '<p class="muted">No attestations or waivers.</p>'
  return `<h3>Attestations and waivers</h3><table data-testid="answers"><thead><tr><th>Control</th><th>Answer</th><th>By</th><th>Expires</th></tr></thead><tbody>${attestations}${waivers}</tbody></table>`
}

function accountSection(report: ReportModel, a: AccountPage, isOnly: boolean): string {
  const head = isOnly
    ? '<h1>Failing controls</h1>'
    : `<h1>${e(a.name)}</h1>
<p class="muted"><code>${e(a.accountId)}</code> · owner ${e(a.owner) || '–'} · ${e(a.environment)} · criticality ${e(a.criticality)} · level <strong>${headlineLevelText(a.level, a.grade)}</strong>${a.previousLevel === undefined ? '' : ` (was ${levelText(a.previousLevel)})`} · evidence-verified <strong data-testid="evidence-level">${e(evidenceText(a.evidenceLevel))}</strong> · grade <strong>${a.grade}</strong> · ${a.collectedAt ? `evidence of ${e(humanDate(a.collectedAt))}` : 'no evidence collected'}</p>
${report.detail === 'everything' ? accountDomainTable(report, a) : domainStrip(a)}
<h2 class="fail-title">Failing controls (${a.failing.length})</h2>`
  return `<section class="page account" id="${a.anchor}" data-testid="account-page" data-account-id="${e(a.accountId)}">
${head}
${failingList(report, a)}
${unverifiedBlock(report, a)}
${answersBlock(report, a)}
</section>`
}

function appendixPage(report: ReportModel): string {
  const appendix = report.appendix
  const fixes =
    appendix.fixes.length === 0
      ? '<p>No control fails.</p>'
      : `<dl class="fixes">${appendix.fixes
          .map(
            (f) =>
              `<dt id="${fixAnchor(report, f.controlId)}">${e(f.title)} <span class="muted">failing in ${plural(f.accountCount, 'account')}</span></dt><dd>${e(f.fix)}</dd>`,
          )
          .join('')}</dl>`
  const everything =
    report.detail === 'everything'
      ? `<h2>Age of the evidence</h2>
<table data-testid="evidence-age"><thead><tr><th>Account</th><th>Collected</th><th class="num">Age</th></tr></thead><tbody>${appendix.evidence
          .map(
            (x) =>
              `<tr><td>${e(x.accountName)}</td><td>${x.collectedAt ? e(humanDateTime(x.collectedAt)) : 'never collected'}</td><td class="num">${x.ageDays === null ? '–' : ageText(x.ageDays)}</td></tr>`,
          )
          .join('')}</tbody></table>
<h2>Gaps in collection</h2>
${
  appendix.gaps.length === 0
    ? '<p>No gaps: every source was collected for every account.</p>'
    : `<table data-testid="gaps"><thead><tr><th>Account</th><th>Source</th><th>State</th><th>Detail</th></tr></thead><tbody>${appendix.gaps
        .map(
          (g) =>
            `<tr><td>${e(g.accountName)}</td><td>${e(sourceNames[g.source])}${g.region ? ` (${e(g.region)})` : ''}</td><td>${e(g.state)}</td><td>${e(g.detail)}</td></tr>`,
        )
        .join('')}</tbody></table>`
}`
      : `<p class="muted">${plural(appendix.gaps.length, 'collection gap')}; the "everything" detail lists them with each account's evidence age.</p>`
  return `<section class="page appendix" id="appendix" data-testid="appendix">
<h1>Appendix</h1>
<h2>How to fix each failing control</h2>
${fixes}
${everything}
<h2>Model</h2>
<p>Model <code>${e(appendix.modelId)}</code>, version <code data-testid="model-version">${e(appendix.modelVersion)}</code>, scored ${e(humanDateTime(appendix.scoredAt))}. A domain's level is the highest level at which every control at or below it is met (pass, waived or attested).</p>
${report.isRedacted ? '<p class="muted">This report is redacted: account ids, names and aliases, ARNs, user names, e-mail addresses, people, bucket names and key ids are replaced by placeholders, consistently across the report.</p>' : ''}
</section>`
}
