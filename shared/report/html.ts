import { evidenceLevelText, unknownCountsText } from '../scoring/unknown-reasons'
import { accountDomainChart, orgDomainChart } from './charts'
import { domainTitles } from './control-info'
import { reportCss } from './html-style'
import { countsText, day, deltaText, escapeHtml as e, levelText, moveText, unknownReasonText } from './text'
import type { AccountPage, Appendix, ExecutivePage, ReportModel } from './types'

/**
 * One self-contained HTML file: inline CSS and inline SVG charts, no script and no external reference (its
 * CSP forbids any), with print rules that start each account on a new page. Unknown controls are
 * "unverified", never "failed".
 */
export function renderHtml(report: ReportModel): string {
  const title = `Ratchet scorecard: ${report.label}`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Ratchet">
<title>${e(title)}</title>
<style>${reportCss}</style>
</head>
<body>
${executivePage(report)}
${report.accounts.map((account) => accountPage(report, account)).join('\n')}
${appendixPage(report, report.appendix)}
</body>
</html>
`
}

function cover(report: ReportModel): string {
  return `<div class="cover"><span><strong>Ratchet scorecard</strong></span><span>Snapshot <strong>${e(report.label)}</strong> of ${e(day(report.createdAt))}</span><span>${e(report.scopeLabel)}</span><span>Generated ${e(report.generatedAt.replace('T', ' ').slice(0, 16))} UTC</span>${report.isRedacted ? '<span class="badge redacted">Redacted</span>' : ''}</div>`
}

function executivePage(report: ReportModel): string {
  const exec = report.executive
  return `<section class="page executive" data-testid="executive">
${cover(report)}
<h1>Executive summary</h1>
${report.notes ? `<p>${e(report.notes)}</p>` : ''}
<div class="kpis"><div class="kpi"><b data-testid="account-count">${exec.accountCount}</b>accounts</div><div class="kpi"><b>${exec.belowTarget.length}</b>below target</div><div class="kpi"><b>${exec.counts.fail}</b>failing controls</div><div class="kpi"><b>${exec.counts.unknown}</b>unverified controls</div></div>
<p class="muted" data-testid="status-counts">Controls: ${e(countsText(exec.counts))}. Unverified controls could not be checked; they are not counted as failures.</p>
<h2>Organization maturity by domain</h2>
${orgDomainChart(exec.domains)}
${domainTable(exec)}
<h2>Top regressions</h2>
${regressions(exec)}
<h2>Top risks</h2>
${risks(exec)}
<h2>Accounts below target</h2>
${belowTarget(exec)}
</section>`
}

function domainTable(exec: ExecutivePage): string {
  const trendHead = exec.trend ? `<th class="num">${e(exec.trend.label)}</th><th class="num">Trend</th>` : ''
  const rows = exec.domains
    .map((d) => {
      const trend = exec.trend
        ? `<td class="num">${d.previousAverage === undefined ? '–' : d.previousAverage.toFixed(1)}</td><td class="num ${d.delta === undefined ? '' : d.delta > 0 ? 'delta-up' : d.delta < 0 ? 'delta-down' : ''}">${d.delta === undefined ? '–' : deltaText(d.delta)}</td>`
        : ''
      return `<tr data-domain="${d.domainId}" data-average="${d.averageLevel}"><td>${e(d.title)}</td><td class="num">${d.averageLevel.toFixed(1)}</td><td class="num">${levelText(d.minLevel)}</td>${d.distribution.map((n) => `<td class="num">${n}</td>`).join('')}${trend}</tr>`
    })
    .join('')
  return `<table data-testid="domain-table"><thead><tr><th>Domain</th><th class="num">Mean</th><th class="num">Lowest</th>${[0, 1, 2, 3, 4, 5].map((l) => `<th class="num">L${l}</th>`).join('')}${trendHead}</tr></thead><tbody>${rows}</tbody></table>
<p class="muted">Mean: the average level of the accounts in scope. L0–L5: how many accounts are at each level.${exec.trend ? ` Trend: against ${e(exec.trend.label)} (${e(day(exec.trend.createdAt))}), the same accounts${exec.trend.isRescored ? `, with ${e(exec.trend.label)} re-scored under this snapshot's model so a model change does not count as progress` : ''}.` : ' No earlier snapshot was given, so there is no trend.'}</p>`
}

function regressions(exec: ExecutivePage): string {
  if (!exec.trend) return '<p class="muted">No earlier snapshot to compare with.</p>'
  if (exec.regressions.length === 0) return `<p>No regressions since ${e(exec.trend.label)}.</p>`
  const rows = exec.regressions
    .map(
      (r) =>
        `<tr><td>${e(r.accountName)}<br><code>${e(r.accountId)}</code></td><td>${e(domainTitles[r.domainId])}</td><td class="num">${moveText(r.from, r.to)}</td><td>${r.newlyFailing.map((c) => `<code>${e(c)}</code>`).join(', ') || '–'}</td></tr>`,
    )
    .join('')
  return `<table data-testid="regressions"><thead><tr><th>Account</th><th>Domain</th><th class="num">Level</th><th>Newly failing controls</th></tr></thead><tbody>${rows}</tbody></table>`
}

function risks(exec: ExecutivePage): string {
  if (exec.risks.length === 0) return '<p>No failing controls.</p>'
  const rows = exec.risks
    .map(
      (r) =>
        `<tr><td>${e(r.accountName)}<br><code>${e(r.accountId)}</code></td><td>${e(r.criticality)}</td><td>${e(r.title)}<br><code>${e(r.controlId)}</code></td><td>${e(domainTitles[r.domainId])} ${levelText(r.level)}</td><td class="num">${r.resourceCount}</td></tr>`,
    )
    .join('')
  return `<table data-testid="risks"><thead><tr><th>Account</th><th>Criticality</th><th>Failing control</th><th>Domain</th><th class="num">Resources</th></tr></thead><tbody>${rows}</tbody></table>`
}

function belowTarget(exec: ExecutivePage): string {
  if (exec.belowTarget.length === 0) return '<p>Every account meets its targets.</p>'
  const rows = exec.belowTarget
    .map(
      (b) =>
        `<tr><td>${e(b.accountName)}<br><code>${e(b.accountId)}</code></td><td>${e(b.owner) || '–'}</td><td>${b.domains.map((d) => `${e(domainTitles[d.domainId])}: ${levelText(d.level)} of ${levelText(d.target)}`).join('<br>')}</td></tr>`,
    )
    .join('')
  return `<table data-testid="below-target"><thead><tr><th>Account</th><th>Owner</th><th>Domains below target</th></tr></thead><tbody>${rows}</tbody></table>`
}

function accountPage(report: ReportModel, a: AccountPage): string {
  const domainRows = a.domains
    .map(
      (d) =>
        `<tr data-domain="${d.domainId}" data-level="${d.level}"${d.target === undefined ? '' : ` data-target="${d.target}"`}><td>${e(d.title)}</td><td class="num${d.isBelowTarget ? ' below' : ''}">${levelText(d.level)}</td><td class="num">${d.target === undefined ? '–' : levelText(d.target)}</td><td class="num">${Math.round(d.progress * 100)}%</td>${report.executive.trend ? `<td class="num">${d.previousLevel === undefined ? '–' : levelText(d.previousLevel)}</td>` : ''}</tr>`,
    )
    .join('')
  return `<section class="page account" data-testid="account-page" data-account-id="${e(a.accountId)}" data-level="${a.level}" data-grade="${a.grade}">
${cover(report)}
<h1>${e(a.name)} <code>${e(a.accountId)}</code></h1>
<p class="muted">Owner: ${e(a.owner) || '–'} · ${e(a.environment)} · criticality ${e(a.criticality)}</p>
<div class="kpis"><div class="kpi"><b>${levelText(a.level)}</b>level${a.previousLevel === undefined ? '' : ` (was ${levelText(a.previousLevel)})`}</div><div class="kpi" data-testid="evidence-level"><b>${e(evidenceLevelText(a.evidenceLevel))}</b>evidence-verified</div><div class="kpi"><b>${a.grade}</b>grade</div><div class="kpi"><b>${a.failing.length}</b>failing</div><div class="kpi"><b>${a.unverified.length}</b>unverified</div></div>
<p class="muted">Controls: ${e(countsText(a.counts))}.${unknownCountsText(a.unknownCounts) ? ` Unverified: <span data-testid="unknown-counts">${e(unknownCountsText(a.unknownCounts))}</span>.` : ''}</p>
<h2>Domain levels against target</h2>
${accountDomainChart(a.domains)}
<table data-testid="account-domains"><thead><tr><th>Domain</th><th class="num">Level</th><th class="num">Target</th><th class="num">To next level</th>${report.executive.trend ? `<th class="num">${e(report.executive.trend.label)}</th>` : ''}</tr></thead><tbody>${domainRows}</tbody></table>
<h2 class="fail-title">Failing controls (${a.failing.length})</h2>
${
  a.failing.length === 0
    ? '<p>No control fails.</p>'
    : a.failing
        .map(
          (c) =>
            `<div class="control" data-control-id="${e(c.controlId)}"><h3>${e(c.title)} <code>${e(c.controlId)}</code></h3><div class="muted">${e(domainTitles[c.domainId])} · ${levelText(c.level)}</div><div>${e(c.reason)}</div>${c.resources.length > 0 ? `<ul>${c.resources.map((r) => `<li><code>${e(r.id)}</code> <span class="muted">${e(r.type)}${r.region ? ` · ${e(r.region)}` : ''}${r.detail ? ` · ${e(r.detail)}` : ''}</span></li>`).join('')}</ul>` : ''}${c.fix ? `<div class="fix"><strong>Fix:</strong> ${e(c.fix)}</div>` : ''}</div>`,
        )
        .join('')
}
<h2 class="unverified-title">Unverified controls (${a.unverified.length})</h2>
${
  a.unverified.length === 0
    ? '<p>Every control could be checked.</p>'
    : `<p class="muted">Ratchet could not check these controls. They block the next level until verified, but they are not failures.</p><table data-testid="unverified"><thead><tr><th>Control</th><th>Domain</th><th>Why unverified</th></tr></thead><tbody>${a.unverified
        .map(
          (c) =>
            `<tr data-control-id="${e(c.controlId)}"><td>${e(c.title)}<br><code>${e(c.controlId)}</code></td><td>${e(domainTitles[c.domainId])} ${levelText(c.level)}</td><td>${c.unknownReason ? `${e(unknownReasonText[c.unknownReason])}: ` : ''}${e(c.reason)}</td></tr>`,
        )
        .join('')}</tbody></table>`
}
<h2>Attestations and waivers</h2>
${attestationsAndWaivers(a)}
</section>`
}

function attestationsAndWaivers(a: AccountPage): string {
  const expired = '<span class="badge expired">expired</span>'
  const attestations =
    a.attestations.length === 0
      ? '<p class="muted">No attestations.</p>'
      : `<table data-testid="attestations"><thead><tr><th>Attested control</th><th>Answer</th><th>By</th><th>Expires</th></tr></thead><tbody>${a.attestations
          .map(
            (t) =>
              `<tr><td>${e(t.title)}<br><code>${e(t.controlId)}</code>${t.note ? `<br><span class="muted">${e(t.note)}</span>` : ''}</td><td>${t.isMet ? 'met' : 'not met'}</td><td>${e(t.attestedBy)}, ${e(day(t.attestedAt))}</td><td>${e(day(t.expiresAt))} ${t.isExpired ? expired : ''}</td></tr>`,
          )
          .join('')}</tbody></table>`
  const waivers =
    a.waivers.length === 0
      ? '<p class="muted">No waivers.</p>'
      : `<table data-testid="waivers"><thead><tr><th>Waived control</th><th>Reason</th><th>Approver</th><th>Expires</th></tr></thead><tbody>${a.waivers
          .map(
            (w) =>
              `<tr><td>${e(w.title)}<br><code>${e(w.controlId)}</code></td><td>${e(w.reason)}</td><td>${e(w.approver)}</td><td>${e(day(w.expiresAt))} ${w.isExpired ? expired : ''}</td></tr>`,
          )
          .join('')}</tbody></table>`
  return attestations + waivers
}

function appendixPage(report: ReportModel, appendix: Appendix): string {
  const ages = appendix.evidence
    .map(
      (x) =>
        `<tr><td>${e(x.accountName)}<br><code>${e(x.accountId)}</code></td><td>${x.collectedAt ? e(x.collectedAt) : 'never collected'}</td><td class="num">${x.ageDays === null ? '–' : `${x.ageDays} d`}</td></tr>`,
    )
    .join('')
  const gaps =
    appendix.gaps.length === 0
      ? '<p>No gaps: every source was collected for every account.</p>'
      : `<table data-testid="gaps"><thead><tr><th>Account</th><th>Source</th><th>State</th><th>Detail</th></tr></thead><tbody>${appendix.gaps
          .map(
            (g) =>
              `<tr><td>${e(g.accountName)}<br><code>${e(g.accountId)}</code></td><td>${e(g.source)}${g.region ? ` (${e(g.region)})` : ''}</td><td>${e(g.state)}</td><td>${e(g.detail)}</td></tr>`,
          )
          .join('')}</tbody></table>`
  return `<section class="page appendix" data-testid="appendix">
${cover(report)}
<h1>Appendix</h1>
<h2>Model</h2>
<p>Model <code>${e(appendix.modelId)}</code>, version <code data-testid="model-version">${e(appendix.modelVersion)}</code>, scored ${e(appendix.scoredAt)}.</p>
<h2>Age of the evidence</h2>
<table data-testid="evidence-age"><thead><tr><th>Account</th><th>Collected</th><th class="num">Age</th></tr></thead><tbody>${ages}</tbody></table>
<h2>Gaps in collection</h2>
${gaps}
${report.isRedacted ? '<p class="muted">This report is redacted: account ids, ARNs and user names are replaced by placeholders, consistently across the report.</p>' : ''}
</section>`
}
