import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BrowserWindow } from 'electron'
import type { PdfPrinter } from './pdf-printer'

/**
 * A PdfPrinter over Electron's `webContents.printToPDF`: a hidden, sandboxed window with JavaScript off loads
 * the report from a temporary file (data: URLs are capped at 2 MB) and prints it.
 */
export function createElectronPdfPrinter(): PdfPrinter {
  return {
    async printHtml(html) {
      const file = join(tmpdir(), `ratchet-report-${process.pid}-${Date.now()}.html`)
      await writeFile(file, html, 'utf8')
      const window = new BrowserWindow({
        show: false,
        webPreferences: {
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          javascript: false,
          // Its own in-memory session, so blocking the network here never touches the app window's session.
          partition: 'ratchet-print',
        },
      })
      window.webContents.on('will-navigate', (event) => event.preventDefault())
      window.webContents.session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, cb) =>
        cb({ cancel: !details.url.startsWith('file://') }),
      )
      try {
        await window.loadFile(file)
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
