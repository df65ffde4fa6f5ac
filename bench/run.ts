/**
 * `npm run bench`: runs every measure once, prints each figure beside its target, and writes
 * bench/results/results.md and results.json with the machine's details. See docs/benchmarks.md.
 */
import { resolve } from 'node:path'
import { benchCollection } from './collection'
import { benchCompare } from './compare'
import { benchSnapshots, buildBenchOrganization } from './dataset'
import { benchExport } from './export'
import { machineInfo } from './machine'
import { benchParsing } from './parsing'
import { benchRenderer } from './renderer'
import { type BenchResults, markdownOf, writeResults } from './report'
import { benchScoring } from './scoring'

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))
const log = (text: string) => process.stdout.write(`[bench] ${text}\n`)

async function main(): Promise<void> {
  const started = performance.now()
  const machine = machineInfo(new Date())
  log('collection: 200 accounts on the fake AWS (about a minute)…')
  const collection = await benchCollection().catch((error: unknown) => ({ error: message(error) }))
  log('building 1,000 accounts × 8 quarters…')
  const org = buildBenchOrganization(1000, 8, new Date())
  log('scoring…')
  const scoring = benchScoring(org)
  log('parsing…')
  const parsing = benchParsing()
  log('snapshots and compare…')
  const snapshots = benchSnapshots(org)
  const compareNode = benchCompare(snapshots)
  log('exports: HTML and PDF of 1,000 accounts (about two minutes)…')
  const exportResult = await benchExport(snapshots, process.env).catch((error: unknown) => ({
    error: message(error),
  }))
  log('renderer in Chromium…')
  const renderer = await benchRenderer(org).catch((error: unknown) => ({ error: message(error) }))
  log('renderer in Chromium, 5,000 accounts × 8 quarters…')
  const large = buildBenchOrganization(5000, 8, new Date())
  const rendererLarge = await benchRenderer(large).catch((error: unknown) => ({ error: message(error) }))
  const results: BenchResults = {
    machine,
    totalMs: performance.now() - started,
    collection,
    scoring,
    parsing,
    compareNode,
    export: exportResult,
    renderer,
    rendererLarge,
  }
  await writeResults(resolve(import.meta.dirname, 'results'), results)
  process.stdout.write(`\n${markdownOf(results)}`)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
