/** Turns the bench results into rows (figure beside target) and writes results.md and results.json. */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CollectionResult } from './collection'
import type { CompareResult } from './compare'
import { type ExportBenchResult, exportRows } from './export'
import type { MachineInfo } from './machine'
import type { ParsingResult } from './parsing'
import type { RendererResult } from './renderer'
import type { ScoringResult } from './scoring'

export interface BenchResults {
  machine: MachineInfo
  totalMs: number
  collection: CollectionResult | { error: string }
  scoring: ScoringResult
  parsing: ParsingResult
  compareNode: CompareResult
  /** Absent in results recorded before the export bench existed. */
  export?: ExportBenchResult | { error: string }
  renderer: RendererResult | { error: string }
  /** The same renderer measures at the larger organization (5,000 accounts). */
  rendererLarge?: RendererResult | { error: string }
}

export interface Row {
  measure: string
  figure: string
  target: string
  verdict: 'met' | 'missed' | '—'
}

const ms = (n: number) => `${n < 10 ? n.toFixed(2) : Math.round(n).toLocaleString('en-US')} ms`
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`
const verdict = (ok: boolean): Row['verdict'] => (ok ? 'met' : 'missed')

/** One row per figure, each beside its target. */
export function rowsOf(r: BenchResults): Row[] {
  const rows: Row[] = []
  const c = r.collection
  if ('error' in c)
    rows.push({ measure: 'collection', figure: `failed: ${c.error}`, target: '', verdict: 'missed' })
  else {
    rows.push(
      {
        measure: `collection, ${c.accounts} accounts: wall time`,
        figure: `${ms(c.wallMs)} = ${c.ratio.toFixed(3)} × ideal ${ms(c.idealMs)} (critical path ${ms(c.criticalPathMs)}; quotas ${ms(c.rateBoundMs)}; portal ${ms(c.portalBoundMs)}; machine ${ms(c.machineBoundMs)})`,
        target: '≤ 1.25 × ideal',
        verdict: verdict(c.ratio <= 1.25),
      },
      {
        measure: 'collection: API calls made vs minimum',
        figure: `${c.callsMade.toLocaleString('en-US')} vs ${c.callsMinimum.toLocaleString('en-US')} (${c.throttled} throttled)`,
        target: '= minimum',
        verdict: verdict(c.callsMade === c.callsMinimum),
      },
      {
        measure: 'collection: redundant API calls',
        figure: String(c.redundantCalls),
        target: '0',
        verdict: verdict(c.redundantCalls === 0),
      },
      {
        measure: 'collection: peak RSS of the collecting process',
        figure: mb(c.peakRssBytes),
        target: '(recorded)',
        verdict: '—',
      },
    )
  }
  const s = r.scoring
  rows.push(
    {
      measure: `scoring ${s.accounts.toLocaleString('en-US')} accounts × ${s.controls} controls`,
      figure: `median ${ms(s.single.medianMs)}, min ${ms(s.single.minMs)} (${s.single.runs} runs)`,
      target: '< 250 ms',
      verdict: verdict(s.single.medianMs < 250),
    },
    {
      measure: `re-scoring ${s.quarters} quarters × ${s.accounts.toLocaleString('en-US')} accounts`,
      figure: `median ${ms(s.rescoreAll.medianMs)}, min ${ms(s.rescoreAll.minMs)} (${s.rescoreAll.runs} runs)`,
      target: '(recorded)',
      verdict: '—',
    },
    {
      measure: `parsing a credential report of ${r.parsing.users.toLocaleString('en-US')} rows (${mb(r.parsing.bytes)})`,
      figure: `median ${ms(r.parsing.parse.medianMs)}, min ${ms(r.parsing.parse.minMs)}`,
      target: '(recorded)',
      verdict: '—',
    },
    ...(r.parsing.largest
      ? [
          {
            measure: `peak RSS of a child process streaming the largest report the cap allows (${mb(r.parsing.largest.bytes)}, ${r.parsing.largest.users.toLocaleString('en-US')} users)`,
            figure: `${mb(r.parsing.largest.maxRssBytes)} (parsed in ${ms(r.parsing.largest.wallMs)})`,
            target: '< 300 MB',
            verdict: verdict(r.parsing.largest.maxRssBytes < 300 * 1024 * 1024),
          },
        ]
      : []),
    {
      measure: `compare 2 snapshots × ${r.compareNode.accounts.toLocaleString('en-US')} accounts (Node, compareStates)`,
      figure: `median ${ms(r.compareNode.compare.medianMs)}, min ${ms(r.compareNode.compare.minMs)}`,
      target: '< 500 ms',
      verdict: verdict(r.compareNode.compare.medianMs < 500),
    },
  )
  if (r.export) rows.push(...exportRows(r.export))
  for (const d of [r.renderer, r.rendererLarge]) {
    if (!d) continue
    if ('error' in d)
      rows.push({
        measure: 'renderer (Chromium)',
        figure: `not measured: ${d.error}`,
        target: '',
        verdict: 'missed',
      })
    else rows.push(...d.rows)
  }
  return rows
}

/** Markdown: machine details then the table. */
export function markdownOf(r: BenchResults): string {
  const m = r.machine
  const lines = [
    '# Ratchet bench results',
    '',
    `- Date: ${m.date}`,
    `- CPU: ${m.cpuModel} × ${m.cores} cores; memory ${mb(m.memoryBytes)} (${mb(m.freeMemoryBytes)} free at start); load average ${m.loadAverage.join(' / ')}`,
    `- Node ${m.node} on ${m.platform}`,
    `- Whole bench: ${(r.totalMs / 1000).toFixed(1)} s`,
    '',
    '| measure | figure | target | verdict |',
    '|---|---|---|---|',
    ...rowsOf(r).map((row) => `| ${row.measure} | ${row.figure} | ${row.target} | ${row.verdict} |`),
  ]
  if (!('error' in r.collection)) {
    lines.push(
      '',
      '## Collection calls per API',
      '',
      '| API | made | minimum | ok | throttled | other failures |',
      '|---|---|---|---|---|---|',
      ...r.collection.perApi.map(
        (p) => `| ${p.api} | ${p.made} | ${p.minimum} | ${p.ok} | ${p.throttled} | ${p.failed} |`,
      ),
    )
  }
  return `${lines.join('\n')}\n`
}

/** Writes bench/results/results.md and results.json. */
export async function writeResults(dir: string, r: BenchResults): Promise<void> {
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'results.json'), `${JSON.stringify({ ...r, rows: rowsOf(r) }, null, 2)}\n`)
  await writeFile(join(dir, 'results.md'), markdownOf(r))
}
