import { join, resolve } from 'node:path'
import { DEFAULT_FILE_NAME_PATTERN } from '../../../shared/report/file-name'
import { exportFileName } from '../../../shared/report/render'
import { detailLevels, type ReportScope, reportFormats } from '../../../shared/report/types'
import { createChromiumPdfPrinter } from '../../export/chromium-pdf'
import { exportSnapshot } from '../../export/write'
import type { CliCommand, CliIo } from '../command'
import { choice, commaList, parseCommandArgs, requiredOption, valueOptions } from '../command'
import { inputErrors, isFolder, readSnapshotFile } from '../score-inputs'

const usage = `export --snapshot <file> --format ${reportFormats.join('|')} --out <path>
         [--previous <file>] [--detail summary|failing|everything] [--redact] [--accounts <id,id,…>]
         [--name <pattern>]

  --snapshot   a snapshot file (JSON, as exported by Ratchet)
  --format     pdf, html (one self-contained file), csv (one row per account × control), md, or json
               (the snapshot itself, which Ratchet can import again)
  --out        the file to write, or an existing folder (the name then comes from --name)
  --previous   last quarter's snapshot, for the trend and the regressions
  --detail     summary, failing (default: the summary and each account's failing controls) or everything
  --redact     mask account ids, ARNs and user names ("account-1", "user-2", …) in every format
  --accounts   only these accounts (comma-separated ids); one id makes an owner's own scorecard
  --name       file-name pattern when --out is a folder (default ${DEFAULT_FILE_NAME_PATTERN});
               tokens {label} {date} {today} {scope} {ext}

PDFs are printed by Chromium (CHROMIUM_PATH, default /usr/bin/chromium).`

function parseExportArgs(args: string[]) {
  const { values: flags } = parseCommandArgs(args, {
    ...valueOptions('snapshot', 'format', 'out', 'previous', 'accounts', 'name', 'detail'),
    redact: { type: 'boolean' },
  })
  const snapshot = requiredOption('snapshot', flags.snapshot)
  const format = choice('format', flags.format, reportFormats)
  const out = requiredOption('out', flags.out)
  const detail = flags.detail === undefined ? undefined : choice('detail', flags.detail, detailLevels)
  const scope: ReportScope = flags.accounts
    ? { kind: 'accounts', accountIds: commaList(flags.accounts) }
    : { kind: 'org' }
  return { flags, snapshot, format, out, detail, scope }
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { flags, format, out, detail, scope, ...paths } = parseExportArgs(args)
  const snapshot = await readSnapshotFile(paths.snapshot, io)
  const previous = flags.previous ? await readSnapshotFile(flags.previous, io) : undefined
  const options = {
    format,
    scope,
    isRedacted: flags.redact === true,
    now: new Date(),
    ...(previous ? { previous } : {}),
    ...(flags.name ? { fileNamePattern: flags.name } : {}),
    ...(detail ? { detail } : {}),
  }
  const target = resolve(io.cwd, out)
  const path = (await isFolder(out, io)) ? join(target, exportFileName(snapshot, options)) : target
  const result = await exportSnapshot(snapshot, options, path, () =>
    createChromiumPdfPrinter(io.env, { onNotice: (message) => io.err(`${message}\n`) }),
  )
  const report = result.rendered.report
  io.out(
    `Wrote ${result.path} (${format}, ${result.bytes} bytes): ${report.accounts.length} account(s)${options.isRedacted ? ', redacted' : ''}.\n`,
  )
  return 0
}

/** `export`: a snapshot as PDF, HTML, CSV, Markdown or JSON, with scope and redaction. */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export a snapshot as a PDF, HTML, CSV, Markdown or JSON scorecard',
  usage,
  inputErrors,
  run,
}
