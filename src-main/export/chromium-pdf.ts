import type { Browser } from 'playwright-core'
import { AppError } from '../../shared/errors'
import type { PdfPrinter } from './pdf-printer'

/** The Chromium flags the e2e harness uses too: headless, no sandbox (containers), no background traffic. */
export const chromiumLaunchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Where Chromium is: CHROMIUM_PATH, else /usr/bin/chromium. */
export const chromiumExecutable = (env: NodeJS.ProcessEnv): string => env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * A PdfPrinter over headless Chromium (playwright-core), for when Electron is not there (the CLI). The page
 * runs offline with JavaScript off; the browser starts on the first print and stops on close().
 */
export function createChromiumPdfPrinter(env: NodeJS.ProcessEnv): PdfPrinter {
  let browser: Browser | undefined
  return {
    async printHtml(html) {
      if (!browser) {
        const executablePath = chromiumExecutable(env)
        try {
          // Loaded on the first print only: the app's main process never loads playwright-core at start.
          const { chromium } = await import('playwright-core')
          browser = await chromium.launch({ executablePath, headless: true, args: chromiumLaunchArgs })
        } catch (error) {
          throw new AppError(
            'export-no-chromium',
            `Chromium could not be started from ${executablePath}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
            'Install Chromium (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.',
          )
        }
      }
      const context = await browser.newContext({ offline: true, javaScriptEnabled: false })
      try {
        const page = await context.newPage()
        await page.setContent(html, { waitUntil: 'load' })
        await page.emulateMedia({ media: 'print' })
        const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true })
        return new Uint8Array(pdf)
      } finally {
        await context.close()
      }
    },
    async close() {
      await browser?.close()
      browser = undefined
    },
  }
}
