import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { buildDemoOrganization, demoControlsFromModel } from '../../../shared/demo/organization'
import { isAppError } from '../../../shared/errors'
import { defaultModel } from '../../../shared/model/default-model'
import type { ReportFormat } from '../../../shared/report/types'
import { toTable } from '../../../shared/scoring/format'
import { snapshotsFromQuarters } from '../../../shared/snapshot/build'
import type { Snapshot } from '../../../shared/snapshot/schema'
import { writeEvidenceFolder } from '../../collect/offline'
import { createChromiumPdfPrinter } from '../../export/chromium-pdf'
import { exportSnapshot } from '../../export/write'
import { type CliCommand, type CliIo, parseCommandArgs, requiredOption } from '../command'
import { parseTimeOption } from '../score-inputs'

const usage = `demo --out <dir> [--now <iso>] [--no-pdf]

  --out      the folder to write (created if missing):
               evidence/<quarter>/<account>/  each quarter's evidence, in the offline import layout
               snapshots/<quarter>.json       the four quarterly snapshots (compare and export read them)
               scorecards/<quarter>.html|.md|.pdf  each quarter's organization scorecard
  --now      date the demo as of this time (default: now); the same time always gives the same files
  --no-pdf   skip the PDFs (they need Chromium: CHROMIUM_PATH, default /usr/bin/chromium)

Prints the organization's table for the latest quarter. Scoring, snapshots and scorecards run through the same
code as the app.`

/** The scorecard formats the demo writes for each quarter, PDF last since it needs Chromium. */
const scorecardFormats: ReportFormat[] = ['html', 'md', 'pdf']

async function writeScorecards(
  dir: string,
  snapshots: Snapshot[],
  isPdf: boolean,
  io: CliIo,
): Promise<number> {
  let count = 0
  const printer = createChromiumPdfPrinter(io.env)
  try {
    for (const [index, snapshot] of snapshots.entries()) {
      const previous = snapshots[index - 1]
      for (const format of scorecardFormats.filter((f) => isPdf || f !== 'pdf')) {
        const options = {
          format,
          scope: { kind: 'org' as const },
          isRedacted: false,
          now: new Date(snapshot.createdAt),
          ...(previous ? { previous } : {}),
        }
        await exportSnapshot(snapshot, options, join(dir, `${snapshot.label}.${format}`), () => ({
          printHtml: (html) => printer.printHtml(html),
          close: async () => {},
        }))
        count++
      }
    }
  } finally {
    await printer.close()
  }
  return count
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    out: { type: 'string' },
    now: { type: 'string' },
    'no-pdf': { type: 'boolean' },
  })
  const out = resolve(io.cwd, requiredOption('out', values.out))
  const now = parseTimeOption('now', values.now)

  const org = buildDemoOrganization({ now, controls: demoControlsFromModel(defaultModel) })
  for (const quarter of org.quarters)
    await writeEvidenceFolder(join(out, 'evidence', quarter.label), quarter.bundles)
  const snapshots = snapshotsFromQuarters({
    accounts: org.accounts,
    quarters: org.quarters,
    model: defaultModel,
    idPrefix: 'demo',
  })
  await mkdir(join(out, 'snapshots'), { recursive: true })
  for (const snapshot of snapshots) {
    await writeFile(
      join(out, 'snapshots', `${snapshot.label}.json`),
      `${JSON.stringify(snapshot, null, 2)}\n`,
    )
  }
  await mkdir(join(out, 'scorecards'), { recursive: true })
  let isPdf = values['no-pdf'] !== true
  let pdfNote = ''
  const written = await writeScorecards(join(out, 'scorecards'), snapshots, isPdf, io).catch(
    async (error) => {
      if (!(isAppError(error) && error.code === 'export-no-chromium')) throw error
      isPdf = false
      pdfNote = `PDFs skipped: ${error.message}\n`
      return writeScorecards(join(out, 'scorecards'), snapshots, false, io)
    },
  )

  const latest = snapshots.at(-1)
  if (latest) io.out(`Demo organization, ${latest.label}:\n${toTable(latest.scorecard)}`)
  io.err(
    `${pdfNote}Wrote ${org.accounts.length} accounts × ${org.quarters.length} quarters to ${out}: evidence/, ` +
      `${snapshots.length} snapshots, ${written} scorecards${isPdf ? '' : ' (no PDF)'}.\n`,
  )
  return 0
}

/** `demo`: the embedded demo organization from the terminal: evidence, snapshots, scorecards and its table. */
export const demoCommand: CliCommand = {
  name: 'demo',
  summary: "Write the demo organization's evidence, quarterly snapshots and scorecards, and print its table",
  usage,
  run,
}
