import { chromium } from 'playwright-core'
import { AppError } from '../../shared/errors'
import type { PdfPrinter } from './pdf-printer'

/** The Chromium flags the e2e harness uses too: headless, no background traffic. The sandbox is decided apart. */
export const chromiumBaseArgs = [
  '--headless',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Where Chromium is: CHROMIUM_PATH, else /usr/bin/chromium. */
export const chromiumExecutable = (env: NodeJS.ProcessEnv): string => env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Whether Chromium runs with its sandbox, the flags that says, and why not when it does not. */
export interface SandboxDecision {
  isSandboxed: boolean
  args: string[]
  /** Printed whenever the sandbox is off, so nobody runs unsandboxed without knowing. */
  reason?: string
}

const unsandboxed = (reason: string): SandboxDecision => ({
  isSandboxed: false,
  args: ['--no-sandbox'],
  reason,
})

/**
 * Chromium prints sandboxed wherever it can. It goes without only when it must: as root, where Chromium
 * refuses to start its sandbox, or when RATCHET_CHROMIUM_NO_SANDBOX=1 says the machine cannot give it one
 * (a container without user namespaces). `uid` is process.getuid(), undefined on Windows.
 */
export function chromiumSandboxDecision(facts: {
  uid: number | undefined
  env: NodeJS.ProcessEnv
}): SandboxDecision {
  if (facts.env.RATCHET_CHROMIUM_NO_SANDBOX === '1') {
    return unsandboxed('RATCHET_CHROMIUM_NO_SANDBOX=1 asks for it')
  }
  if (facts.uid === 0) return unsandboxed('Ratchet runs as root, and Chromium refuses its sandbox for root')
  return { isSandboxed: true, args: [] }
}

/** True for the launch failure Chromium gives when the machine has no usable sandbox. */
export function isSandboxUnavailable(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error)
  return /no usable sandbox|setuid sandbox|credentials\.cc|namespace/i.test(message)
}

/** The launch flags for this process: the base flags plus the sandbox decision's. */
export function chromiumArgsFor(env: NodeJS.ProcessEnv, uid = process.getuid?.()): string[] {
  return [...chromiumBaseArgs, ...chromiumSandboxDecision({ uid, env }).args]
}

type Launch = (options: {
  executablePath: string
  headless: boolean
  args: string[]
}) => ReturnType<typeof chromium.launch>

/** What the printer needs from its host; tests pass a fake launch and uid. */
export interface ChromiumPrinterOptions {
  /** Where a sandbox-off notice goes (the CLI prints it on stderr). */
  onNotice?: (message: string) => void
  launch?: Launch
  uid?: number | undefined
}

const notice = (reason: string) =>
  `Printing the PDF with Chromium's sandbox off: ${reason}. Run as a normal user on a machine with user namespaces to print sandboxed.`

/**
 * Starts Chromium by the sandbox decision. If a sandboxed start fails because the machine has no usable
 * sandbox, it starts once more without, and says so; any other failure is reported as it is.
 */
async function launchBrowser(env: NodeJS.ProcessEnv, options: ChromiumPrinterOptions) {
  const launch: Launch = options.launch ?? ((o) => chromium.launch(o))
  const executablePath = chromiumExecutable(env)
  const decision = chromiumSandboxDecision({ uid: 'uid' in options ? options.uid : process.getuid?.(), env })
  const start = (args: string[]) =>
    launch({ executablePath, headless: true, args: [...chromiumBaseArgs, ...args] })
  if (decision.reason) options.onNotice?.(notice(decision.reason))
  try {
    return await start(decision.args)
  } catch (error) {
    if (!decision.isSandboxed || !isSandboxUnavailable(error)) throw noChromium(executablePath, error)
    const first = error instanceof Error ? error.message.split('\n')[0] : String(error)
    options.onNotice?.(notice(`Chromium found no usable sandbox here (${first})`))
    return start(['--no-sandbox']).catch((retry: unknown) => {
      throw noChromium(executablePath, retry)
    })
  }
}

function noChromium(executablePath: string, error: unknown): AppError {
  return new AppError(
    'export-no-chromium',
    `Chromium could not be started from ${executablePath}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    'Install Chromium (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  )
}

/**
 * A PdfPrinter over headless Chromium (playwright-core), for when Electron is not there (the CLI). The page
 * runs offline with JavaScript off; the browser starts on the first print and stops on close().
 */
export function createChromiumPdfPrinter(
  env: NodeJS.ProcessEnv,
  options: ChromiumPrinterOptions = {},
): PdfPrinter {
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined
  return {
    async printHtml(html) {
      browser ??= await launchBrowser(env, options)
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
