import { AppError } from '../../shared/errors'
import { formatExtensions } from '../../shared/report/file-name'
import { exportFileName } from '../../shared/report/render'
import type { ReportFormat } from '../../shared/report/types'
import type { EventSink, Handlers } from '../ipc/registry'
import { lazyChromiumPdfPrinter, type PdfPrinter } from './pdf-printer'
import { ExportCancelledError, exportSnapshot } from './write'

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
  /** Where progress events go (the window). */
  events?: EventSink
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
  const jobs = new Map<string, AbortController>()
  return {
    cancel: async ({ jobId }) => {
      const job = jobs.get(jobId)
      job?.abort()
      return { isCancelled: job !== undefined }
    },
    save: async (request) => {
      const options = {
        format: request.format,
        scope: request.scope,
        isRedacted: request.isRedacted,
        now: now(),
        ...(request.previous ? { previous: request.previous } : {}),
        ...(request.fileNamePattern ? { fileNamePattern: request.fileNamePattern } : {}),
        ...(request.detail ? { detail: request.detail } : {}),
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
      const jobId = request.jobId
      const controller = new AbortController()
      if (jobId) jobs.set(jobId, controller)
      try {
        const result = await exportSnapshot(
          request.snapshot,
          options,
          path,
          () => (deps.createPdfPrinter ? deps.createPdfPrinter() : lazyChromiumPdfPrinter(deps.env)),
          {
            signal: controller.signal,
            ...(jobId && deps.events
              ? { onProgress: (p) => deps.events?.emit('export', 'progress', { jobId, ...p }) }
              : {}),
          },
        )
        return { isSaved: true, fileName: suggested, path: result.path, bytes: result.bytes }
      } catch (error) {
        if (error instanceof ExportCancelledError)
          return { isSaved: false, isCancelled: true, fileName: suggested }
        throw error
      } finally {
        if (jobId) jobs.delete(jobId)
      }
    },
  }
}
