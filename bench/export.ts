/**
 * Export bench: the organization scorecard of 1,000 accounts at the default detail (summary + failing
 * controls), as the app makes it: the IPC request checked, rendered with the trend against last quarter, and
 * written (HTML) or printed by Chromium (PDF). Run alone with `npx tsx bench/export.ts`.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { exportRequestSchema } from '../shared/ipc/domains/export'
import { renderExport } from '../shared/report/render'
import type { Snapshot } from '../shared/snapshot/schema'
import { createChromiumPdfPrinter } from '../src-main/export/chromium-pdf'
import { exportSnapshot } from '../src-main/export/write'
import type { Row } from './report'

export interface ExportBenchResult {
  accounts: number
  /** Checking the export:save request (both snapshots) with its zod schema, as main does. */
  requestCheckMs: number
  htmlMs: number
  htmlBytes: number
  /** The same HTML, redacted (rendered in memory). */
  redactedHtmlMs: number
  pdf: { ms: number; bytes: number; pages: number } | { error: string }
}

const HTML_MAX_MS = 10_000
const HTML_MAX_BYTES = 5_000_000

/** Times one HTML and one PDF export of the newest snapshot against the one before it. */
export async function benchExport(snapshots: Snapshot[], env: NodeJS.ProcessEnv): Promise<ExportBenchResult> {
  const snapshot = snapshots.at(-1)
  const previous = snapshots.at(-2)
  if (!snapshot || !previous) throw new Error('the export bench needs two snapshots')
  const folder = await mkdtemp(join(tmpdir(), 'ratchet-bench-export-'))
  const options = { scope: { kind: 'org' as const }, isRedacted: false, now: new Date(), previous }
  try {
    let start = performance.now()
    exportRequestSchema.parse({
      snapshot,
      previous,
      format: 'html',
      scope: { kind: 'org' },
      isRedacted: false,
    })
    const requestCheckMs = performance.now() - start
    start = performance.now()
    const html = await exportSnapshot(
      snapshot,
      { ...options, format: 'html' },
      join(folder, 'org.html'),
      () => createChromiumPdfPrinter(env),
    )
    const htmlMs = performance.now() - start
    start = performance.now()
    renderExport(snapshot, { ...options, format: 'html', isRedacted: true })
    const redactedHtmlMs = performance.now() - start
    const pdf = await benchPdf(snapshot, options, join(folder, 'org.pdf'), env).catch((error: unknown) => ({
      error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
    }))
    return {
      accounts: snapshot.scorecard.accounts.length,
      requestCheckMs,
      htmlMs,
      htmlBytes: html.bytes,
      redactedHtmlMs,
      pdf,
    }
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

async function benchPdf(
  snapshot: Snapshot,
  options: { scope: { kind: 'org' }; isRedacted: boolean; now: Date; previous: Snapshot },
  path: string,
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; bytes: number; pages: number }> {
  const start = performance.now()
  const pdf = await exportSnapshot(snapshot, { ...options, format: 'pdf' }, path, () =>
    createChromiumPdfPrinter(env),
  )
  const ms = performance.now() - start
  const { stdout } = await promisify(execFile)('pdfinfo', [path]).catch(() => ({ stdout: '' }))
  return { ms, bytes: pdf.bytes, pages: Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? 0) }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`

/** The export figures beside their targets. */
export function exportRows(r: ExportBenchResult | { error: string }): Row[] {
  if ('error' in r)
    return [{ measure: 'export', figure: `failed: ${r.error}`, target: '', verdict: 'missed' }]
  const n = r.accounts.toLocaleString('en-US')
  const rows: Row[] = [
    {
      measure: `export: HTML of ${n} accounts, default detail (render + write)`,
      figure: `${seconds(r.htmlMs)}, ${megabytes(r.htmlBytes)}`,
      target: '≤ 10 s and ≤ 5 MB',
      verdict: r.htmlMs <= HTML_MAX_MS && r.htmlBytes <= HTML_MAX_BYTES ? 'met' : 'missed',
    },
    {
      measure: `export: the same HTML, redacted (render only)`,
      figure: seconds(r.redactedHtmlMs),
      target: '(recorded)',
      verdict: '—',
    },
    {
      measure: `export: checking the export request of 2 × ${n} accounts (zod, in main)`,
      figure: seconds(r.requestCheckMs),
      target: '(recorded)',
      verdict: '—',
    },
  ]
  rows.push(
    'error' in r.pdf
      ? {
          measure: `export: PDF of ${n} accounts`,
          figure: `not measured: ${r.pdf.error}`,
          target: '',
          verdict: '—',
        }
      : {
          measure: `export: PDF of ${n} accounts, default detail (render + Chromium print + write)`,
          figure: `${seconds(r.pdf.ms)}, ${megabytes(r.pdf.bytes)}, ${r.pdf.pages.toLocaleString('en-US')} pages`,
          target: '(recorded)',
          verdict: '—',
        },
  )
  return rows
}

// Run alone: `npx tsx bench/export.ts` builds the bench organization's last two quarters and prints the rows.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { benchSnapshots, buildBenchOrganization } = await import('./dataset')
  const org = buildBenchOrganization(1000, 2, new Date())
  const result = await benchExport(benchSnapshots(org), process.env)
  for (const row of exportRows(result))
    process.stdout.write(`${row.measure}: ${row.figure} (${row.target}) ${row.verdict}\n`)
}
