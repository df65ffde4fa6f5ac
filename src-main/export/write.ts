import { randomBytes } from 'node:crypto'
import { rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../../shared/errors'
import { type ExportOptions, type RenderedExport, renderExport } from '../../shared/report/render'
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

/**
 * Renders a snapshot in one format and writes it to `path`. PDF goes through the printer (Electron in the
 * app, Chromium in the CLI); every other format is UTF-8 text.
 */
export async function exportSnapshot(
  snapshot: ReportSnapshot,
  options: ExportOptions,
  path: string,
  printer: () => PdfPrinter,
): Promise<ExportResult> {
  await checkFolder(dirname(path))
  const rendered = renderExport(snapshot, options)
  let data: string | Uint8Array = rendered.text
  if (options.format === 'pdf') {
    const pdfPrinter = printer()
    try {
      data = await pdfPrinter.printHtml(rendered.text)
    } finally {
      await pdfPrinter.close()
    }
  }
  await writeFileAtomic(path, data)
  const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength
  return { path, fileName: basename(path), bytes, rendered }
}
