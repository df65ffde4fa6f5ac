import { AppError } from '../../shared/errors'
import { formatExtensions } from '../../shared/report/file-name'
import { exportFileName } from '../../shared/report/render'
import type { ReportFormat } from '../../shared/report/types'
import type { Handlers } from '../ipc/registry'
import { lazyChromiumPdfPrinter, type PdfPrinter } from './pdf-printer'
import { exportSnapshot } from './write'

/** What the save dialog is asked: a suggested name and the format's file filter. */
export interface SaveDialogRequest {
  defaultFileName: string
  filters: Array<{ name: string; extensions: string[] }>
}

/** What the export handlers need from the host. */
export interface ExportHostDeps {
  env: NodeJS.ProcessEnv
  /** Asks the user where to save; resolves to an absolute path, or undefined when cancelled. */
  showSaveDialog?(request: SaveDialogRequest): Promise<string | undefined>
  /** The app's PDF printer (Electron); without one, PDFs are printed by Chromium. */
  createPdfPrinter?(): PdfPrinter
}

const formatNames: Record<ReportFormat, string> = {
  pdf: 'PDF document',
  html: 'Web page (self-contained)',
  csv: 'CSV (one row per account and control)',
  md: 'Markdown',
  json: 'Ratchet snapshot (JSON)',
}

/** The export domain's handlers: render, ask where, write. */
export function createExportHandlers(
  deps: ExportHostDeps,
  now: () => Date = () => new Date(),
): Handlers['export'] {
  return {
    save: async (request) => {
      const options = {
        format: request.format,
        scope: request.scope,
        isRedacted: request.isRedacted,
        now: now(),
        ...(request.previous ? { previous: request.previous } : {}),
        ...(request.fileNamePattern ? { fileNamePattern: request.fileNamePattern } : {}),
      }
      // A bad scope or pattern is reported before the dialog opens.
      const suggested = exportFileName(request.snapshot, options)
      if (!deps.showSaveDialog) {
        throw new AppError(
          'export-no-dialog',
          'This host cannot show a save dialog.',
          'Use the CLI: npm run cli -- export --help',
        )
      }
      const path = await deps.showSaveDialog({
        defaultFileName: suggested,
        filters: [{ name: formatNames[request.format], extensions: [formatExtensions[request.format]] }],
      })
      if (!path) return { isSaved: false, fileName: suggested }
      const result = await exportSnapshot(request.snapshot, options, path, () =>
        deps.createPdfPrinter ? deps.createPdfPrinter() : lazyChromiumPdfPrinter(deps.env),
      )
      return { isSaved: true, fileName: suggested, path: result.path, bytes: result.bytes }
    },
  }
}
