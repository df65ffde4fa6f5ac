import { join, resolve } from 'node:path'
import { DEFAULT_FILE_NAME_PATTERN } from '../../../shared/report/file-name'
import { exportFileName } from '../../../shared/report/render'
import {
  type DetailLevel,
  detailLevels,
  type ReportFormat,
  type ReportScope,
  reportFormats,
} from '../../../shared/report/types'
import { createChromiumPdfPrinter } from '../../export/chromium-pdf'
import { exportSnapshot } from '../../export/write'
import { type CliCommand, type CliIo, parseCommandArgs, UsageError, valueOptions } from '../command'
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

async function run(args: string[], io: CliIo): Promise<number> {
  const { values: flags } = parseCommandArgs(args, {
    ...valueOptions('snapshot', 'format', 'out', 'previous', 'accounts', 'name', 'detail'),
    redact: { type: 'boolean' },
  })
  const snapshotPath = flags.snapshot
  const format = flags.format
  const out = flags.out
  if (!snapshotPath) throw new UsageError('--snapshot is required.')
  if (!format || !reportFormats.includes(format as ReportFormat)) {
    throw new UsageError(
      `--format must be one of ${reportFormats.join(', ')}${format ? `, not "${format}"` : ''}.`,
    )
  }
  if (!out) throw new UsageError('--out is required.')
  const detail = flags.detail
  if (detail !== undefined && !detailLevels.includes(detail as DetailLevel)) {
    throw new UsageError(`--detail must be one of ${detailLevels.join(', ')}, not "${detail}".`)
  }
  const accounts = flags.accounts
  const scope: ReportScope = accounts
    ? {
        kind: 'accounts',
        accountIds: accounts
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      }
    : { kind: 'org' }
  const snapshot = await readSnapshotFile(snapshotPath, io)
  const previousPath = flags.previous
  const previous = previousPath ? await readSnapshotFile(previousPath, io) : undefined
  const pattern = flags.name
  const options = {
    format: format as ReportFormat,
    scope,
    isRedacted: flags.redact === true,
    now: new Date(),
    ...(previous ? { previous } : {}),
    ...(pattern ? { fileNamePattern: pattern } : {}),
    ...(detail ? { detail: detail as DetailLevel } : {}),
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
