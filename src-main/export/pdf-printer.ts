/**
 * Prints a self-contained, print-styled HTML document to PDF. The app uses Electron's
 * `webContents.printToPDF`; the CLI and the tests use Chromium through playwright-core. Both load the
 * page with scripts off and no network, and honour the page's own @page size.
 */
export interface PdfPrinter {
  printHtml(html: string): Promise<Uint8Array>
  /** Frees the browser, when the printer owns one. */
  close(): Promise<void>
}

/**
 * A Chromium printer that loads playwright-core only when the first PDF is printed, so the app's main bundle
 * never loads it at start (the app prints through Electron; this is the fallback for hosts without it).
 */
export function lazyChromiumPdfPrinter(env: NodeJS.ProcessEnv): PdfPrinter {
  let printer: Promise<PdfPrinter> | undefined
  const load = () => {
    printer ??= import('./chromium-pdf').then((module) => module.createChromiumPdfPrinter(env))
    return printer
  }
  return {
    printHtml: async (html) => (await load()).printHtml(html),
    close: async () => {
      if (printer) await (await printer).close()
    },
  }
}
