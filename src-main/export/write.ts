import { randomBytes } from 'node:crypto'
import { rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../../shared/errors'
import type { ExportProgress } from '../../shared/ipc/domains/export'
import { type ExportOptions, exportSteps, type RenderedExport } from '../../shared/report/render'
import type { ReportSnapshot } from '../../shared/report/types'
import type { PdfPrinter } from './pdf-printer'

export interface ExportResult {
  path: string
  fileName: string
  bytes: number
  rendered: RenderedExport
}

/** Checks the folder exists and is a folder, so the error says which one is wrong. */
async function checkFolder(folder: string): Promise<void> {
  const info = await stat(folder).catch(() => undefined)
  if (!info?.isDirectory()) {
    throw new AppError(
      'export-folder-missing',
      `Cannot write the export: the folder ${folder} does not exist.`,
      'Choose an existing folder.',
    )
  }
}

/**
 * Writes bytes to `path` all or nothing: into a temporary file beside it, then renamed over it. A failed
 * export never leaves a half-written file, and never damages a file already there.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await checkFolder(dirname(path))
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temp, data)
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw new AppError(
      'export-write-failed',
      `Cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`,
      'Check the folder is writable and has free space.',
    )
  }
}

/** How a long export reports and stops: progress per batch of accounts, and a signal to cancel it. */
export interface ExportControl {
  signal?: AbortSignal
  onProgress?(progress: Omit<ExportProgress, 'jobId'>): void
}

/** Accounts built between two pauses: small enough for a cancel to land quickly, large enough to stay fast. */
const BATCH = 50

/** Thrown when an export is cancelled; nothing was written. */
export class ExportCancelledError extends Error {
  constructor() {
    super('The export was cancelled.')
    this.name = 'ExportCancelledError'
  }
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Renders an export with the shared step generator, pausing every few accounts so progress events go out
 * and a cancel (the signal) can stop it between two accounts.
 */
export async function renderExportAsync(
  snapshot: ReportSnapshot,
  options: ExportOptions,
  control: ExportControl = {},
): Promise<RenderedExport> {
  const steps = exportSteps(snapshot, options)
  let step = steps.next()
  while (!step.done) {
    const { done, total } = step.value
    if (done % BATCH === 0 || done === total) {
      control.onProgress?.({ phase: 'rendering', done, total })
      await pause()
      if (control.signal?.aborted) throw new ExportCancelledError()
    }
    step = steps.next()
  }
  return step.value
}

/**
 * Renders a snapshot in one format and writes it to `path`. PDF goes through the printer (Electron in the
 * app, Chromium in the CLI); every other format is UTF-8 text. A cancel closes the printer and writes
 * nothing.
 */
export async function exportSnapshot(
  snapshot: ReportSnapshot,
  options: ExportOptions,
  path: string,
  printer: () => PdfPrinter,
  control: ExportControl = {},
): Promise<ExportResult> {
  await checkFolder(dirname(path))
  const rendered = await renderExportAsync(snapshot, options, control)
  const total = rendered.report.accounts.length
  let data: string | Uint8Array = rendered.text
  if (options.format === 'pdf') {
    control.onProgress?.({ phase: 'printing', done: total, total })
    const pdfPrinter = printer()
    const stop = () => void pdfPrinter.close()
    control.signal?.addEventListener('abort', stop, { once: true })
    try {
      data = await pdfPrinter.printHtml(rendered.text)
    } catch (error) {
      if (control.signal?.aborted) throw new ExportCancelledError()
      throw error
    } finally {
      control.signal?.removeEventListener('abort', stop)
      await pdfPrinter.close()
    }
  }
  if (control.signal?.aborted) throw new ExportCancelledError()
  control.onProgress?.({ phase: 'writing', done: total, total })
  await writeFileAtomic(path, data)
  const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength
  return { path, fileName: basename(path), bytes, rendered }
}
