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
