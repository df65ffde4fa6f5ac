import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BrowserWindow } from 'electron'
import { isPrintRequestAllowed, printWindowPreferences } from '../security'
import type { PdfPrinter } from './pdf-printer'

/**
 * A PdfPrinter over Electron's `webContents.printToPDF`: a hidden, sandboxed window with JavaScript off loads
 * the report from a temporary file (data: URLs are capped at 2 MB), and nothing else, and prints it.
 */
export function createElectronPdfPrinter(): PdfPrinter {
  return {
    async printHtml(html) {
      const file = join(tmpdir(), `ratchet-report-${process.pid}-${Date.now()}.html`)
      await writeFile(file, html, 'utf8')
      const window = new BrowserWindow({ show: false, webPreferences: printWindowPreferences })
      window.webContents.on('will-navigate', (event) => event.preventDefault())
      const reportUrl = pathToFileURL(file).href
      window.webContents.session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, cb) =>
        cb({ cancel: !isPrintRequestAllowed(details.url, reportUrl) }),
      )
      try {
        await window.loadURL(reportUrl)
        const pdf = await window.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true })
        return new Uint8Array(pdf)
      } finally {
        window.destroy()
        await rm(file, { force: true })
      }
    },
    async close() {},
  }
}
