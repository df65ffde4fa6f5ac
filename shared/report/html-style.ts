/**
 * The report's only stylesheet, inlined in the file. On screen a sticky contents bar sits at the left; in
 * print it is hidden (the contents page replaces it), each section starts a page, and the page's margin boxes
 * carry the footer (set in html.ts, since it holds the label).
 */
export const reportCss = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --fail: #b42318; --ok: #1d6b4f; }
* { box-sizing: border-box; }
html { scroll-padding-top: 12px; }
body { margin: 0; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #f6f8fa; display: grid; grid-template-columns: 240px minmax(0, 1fr); }
.toc { position: sticky; top: 0; align-self: start; height: 100vh; overflow: auto; padding: 16px 12px; border-right: 1px solid var(--line); background: #fff; font-size: 12px; }
.toc a { display: inline-block; color: var(--ink); text-decoration: none; padding: 1px 0; }
.toc a:hover, .toc a:focus { text-decoration: underline; }
.toc > a { display: block; margin: 4px 0; }
.toc ol { list-style: none; margin: 0; padding-left: 8px; }
.toc ol ol { padding-left: 12px; color: var(--muted); }
main { min-width: 0; }
.page { background: #fff; max-width: 980px; margin: 16px auto; padding: 28px 36px; border: 1px solid var(--line); }
.cover { display: flex; flex-wrap: wrap; gap: 2px 14px; color: var(--muted); font-size: 11px; border-bottom: 1px solid var(--line); padding-bottom: 6px; margin-bottom: 12px; }
.cover strong { color: var(--ink); }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 11px; font-weight: 600; border: 1px solid currentColor; }
.badge.redacted { color: #6639ba; }
.badge.expired { color: var(--fail); }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 14px; margin: 16px 0 6px; border-bottom: 1px solid var(--line); padding-bottom: 3px; }
h3 { font-size: 13px; margin: 10px 0 2px; }
p { margin: 4px 0; }
.muted { color: var(--muted); }
.verdict { font-size: 15px; font-weight: 600; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 12px; }
th, td { text-align: left; padding: 2px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
table.heatmap td, table.heatmap th { padding: 1px 4px; }
table.compact { width: auto; }
table.strip { table-layout: fixed; } table.strip th, table.strip td { text-align: center; } table.strip small, table.strip tr.ev td { color: var(--muted); } table.strip tr.ev td { font-size: 80%; }
.account li a { color: inherit; text-decoration: none; }
i.l0, i.l1, i.l2, i.l3, i.l4, i.l5 { font-style: normal; }
.lv, i.l0, i.l1, i.l2, i.l3, i.l4, i.l5 { display: inline-block; min-width: 1.6em; text-align: center; border-radius: 3px; font-weight: 600; color: #fff; }
.l0 { background: #b42318; } .l1 { background: #dc6803; } .l2 { background: #b58a00; } .l3 { background: #5f9e86; } .l4 { background: #3e8e6e; } .l5 { background: #1d6b4f; }
td.l0, td.l1, td.l2, td.l3, td.l4, td.l5 { color: #fff; }
.below i { outline: 2px solid var(--fail); outline-offset: 1px; }
.up { color: var(--ok); } .down { color: var(--fail); }
.fail-title { color: var(--fail); }
ul.sentences, ol.sentences { margin: 4px 0; padding-left: 20px; }
ul.sentences li, ol.sentences li { margin: 2px 0; break-inside: avoid; }
.account ul { margin: 2px 0 6px; padding-left: 18px; }
.account li { margin: 2px 0; break-inside: avoid; }
.account li code { font-size: 80%; word-break: break-all; }
table.strip caption { text-align: left; color: var(--muted); font-size: 11px; }
.sev { font-size: 10px; text-transform: uppercase; font-weight: 700; padding: 0 4px; border-radius: 3px; border: 1px solid currentColor; }
.sev.critical { color: #7a0916; } .sev.high { color: var(--fail); } .sev.medium { color: #93370d; } .sev.low { color: var(--muted); }
.unverified-line { color: #6e5a00; }
.unk { white-space: nowrap; font-weight: 600; color: #6e5a00; }
.unk-access-denied, .unk-collection-failed { color: #8a3c00; } .unk-stale, .unk-not-collected { color: #57606a; }
.unk-not-answered, .unk-answer-expired { color: #0a5a9c; } .unk-not-subscribed, .unk-no-analyzer { color: #6639ba; }
i.unassessed { font-style: normal; font-weight: 600; color: var(--muted); border: 1px dashed var(--muted); border-radius: 3px; padding: 0 4px; }
dl.fixes dt { font-weight: 600; margin-top: 6px; } dl.fixes dd { margin: 0 0 0 16px; }
code { font: 11px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.kpis { display: flex; gap: 10px; flex-wrap: wrap; margin: 8px 0 0; }
.kpi { border: 1px solid var(--line); padding: 4px 10px; min-width: 100px; }
.kpi b { display: block; font-size: 18px; }
:target { outline: 2px solid #0969da; outline-offset: 2px; }
@media print {
  body { display: block; background: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .toc { display: none; }
  .page { margin: 0; border: 0; max-width: none; padding: 0; break-after: page; }
  .page:last-of-type { break-after: auto; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
@page { size: A4; margin: 12mm 11mm 14mm; @bottom-left { font: 9px system-ui, sans-serif; color: #57606a; } @bottom-right { font: 9px system-ui, sans-serif; color: #57606a; } }
`
