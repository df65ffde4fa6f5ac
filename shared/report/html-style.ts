/** The report's only stylesheet, inlined in the file. Print rules put each page on its own sheet. */
export const reportCss = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --fail: #b42318; --unverified: #6e5a00; --ok: #1d6b4f; }
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #f6f8fa; }
.page { background: #fff; max-width: 960px; margin: 24px auto; padding: 32px 40px; border: 1px solid var(--line); }
.cover { display: flex; flex-wrap: wrap; gap: 4px 16px; color: var(--muted); font-size: 12px; border-bottom: 1px solid var(--line); padding-bottom: 8px; margin-bottom: 16px; }
.cover strong { color: var(--ink); }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 11px; font-weight: 600; border: 1px solid currentColor; }
.badge.redacted { color: #6639ba; }
.badge.expired { color: var(--fail); }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 14px; margin: 16px 0 4px; }
p.muted, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 12px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
.below { color: var(--fail); font-weight: 600; }
.delta-up { color: var(--ok); }
.delta-down { color: var(--fail); }
.fail-title { color: var(--fail); }
.unverified-title { color: var(--unverified); }
.control { border-left: 3px solid var(--fail); padding: 4px 10px; margin: 8px 0; break-inside: avoid; }
.control.unverified { border-left-color: #eaaa08; }
.control .fix { margin-top: 4px; }
.control ul { margin: 4px 0; padding-left: 18px; }
code { font: 11px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
td code { white-space: nowrap; }
.control li code, td.detail code { white-space: normal; word-break: break-all; }
.chart { width: 100%; max-width: 560px; height: auto; display: block; margin: 8px 0; }
.chart .grid { stroke: #eaeef2; }
.chart .tick { font-size: 9px; fill: var(--muted); text-anchor: middle; }
.chart .label { font-size: 11px; fill: var(--ink); text-anchor: end; }
.chart .value { font-size: 11px; fill: var(--ink); }
.chart .previous { stroke: var(--ink); stroke-width: 2; }
.chart .target { fill: none; stroke: var(--ink); stroke-dasharray: 3 2; }
.kpis { display: flex; gap: 12px; flex-wrap: wrap; margin: 8px 0 0; }
.kpi { border: 1px solid var(--line); padding: 6px 12px; min-width: 110px; }
.kpi b { display: block; font-size: 20px; }
@media print {
  body { background: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .page { margin: 0; border: 0; max-width: none; padding: 0; break-after: page; page-break-after: always; }
  .page:last-of-type { break-after: auto; page-break-after: auto; }
  h2, h3 { break-after: avoid; }
}
@page { size: A4; margin: 14mm 12mm; }
`
