import { describe, expect, it } from 'vitest'
import {
  type ChromiumPrinterOptions,
  chromiumArgsFor,
  chromiumSandboxDecision,
  createChromiumPdfPrinter,
} from './chromium-pdf'

/** A launch that records its flags and fails while `failures` has messages left. */
function fakeLaunch(failures: string[]) {
  const calls: string[][] = []
  const launch = (async (options: { args: string[] }) => {
    calls.push(options.args)
    const failure = failures.shift()
    if (failure) throw new Error(failure)
    return {
      newContext: async () => ({
        newPage: async () => ({
          setContent: async () => undefined,
          emulateMedia: async () => undefined,
          pdf: async () => Buffer.from('%PDF-1.7'),
        }),
        close: async () => undefined,
      }),
      close: async () => undefined,
    }
  }) as unknown as NonNullable<ChromiumPrinterOptions['launch']>
  return { launch, calls }
}

describe('sandboxed printing', () => {
  it('keeps the sandbox for a normal user, and says why whenever it is off', () => {
    expect(chromiumSandboxDecision({ uid: 1000, env: {} })).toEqual({ isSandboxed: true, args: [] })
    expect(chromiumSandboxDecision({ uid: undefined, env: {} }).isSandboxed).toBe(true)
    expect(chromiumSandboxDecision({ uid: 0, env: {} })).toEqual({
      isSandboxed: false,
      args: ['--no-sandbox'],
      reason: 'Ratchet runs as root, and Chromium refuses its sandbox for root',
    })
    expect(chromiumSandboxDecision({ uid: 1000, env: { RATCHET_CHROMIUM_NO_SANDBOX: '1' } })).toMatchObject({
      isSandboxed: false,
      reason: 'RATCHET_CHROMIUM_NO_SANDBOX=1 asks for it',
    })
    expect(chromiumArgsFor({}, 1000)).not.toContain('--no-sandbox')
    expect(chromiumArgsFor({}, 0)).toContain('--no-sandbox')
  })

  it('prints sandboxed as a normal user, with no notice', async () => {
    const { launch, calls } = fakeLaunch([])
    const notices: string[] = []
    const printer = createChromiumPdfPrinter({}, { launch, uid: 1000, onNotice: (m) => notices.push(m) })
    await printer.printHtml('<p>x</p>')
    await printer.close()
    expect(calls).toHaveLength(1)
    expect(calls[0]).not.toContain('--no-sandbox')
    expect(notices).toEqual([])
  })

  it('as root, prints without the sandbox and prints the reason', async () => {
    const { launch, calls } = fakeLaunch([])
    const notices: string[] = []
    await createChromiumPdfPrinter({}, { launch, uid: 0, onNotice: (m) => notices.push(m) }).printHtml('x')
    expect(calls[0]).toContain('--no-sandbox')
    expect(notices).toEqual([
      "Printing the PDF with Chromium's sandbox off: Ratchet runs as root, and Chromium refuses its sandbox for root. Run as a normal user on a machine with user namespaces to print sandboxed.",
    ])
  })

  it('falls back once, saying so, when the machine has no usable sandbox', async () => {
    const { launch, calls } = fakeLaunch(['No usable sandbox! Update your kernel or see ...'])
    const notices: string[] = []
    await createChromiumPdfPrinter({}, { launch, uid: 1000, onNotice: (m) => notices.push(m) }).printHtml('x')
    expect(calls.map((args) => args.includes('--no-sandbox'))).toEqual([false, true])
    expect(notices[0]).toContain('Chromium found no usable sandbox here (No usable sandbox!')
  })

  it('does not drop the sandbox for any other launch failure', async () => {
    const { launch, calls } = fakeLaunch(['spawn /usr/bin/chromium ENOENT'])
    const printer = createChromiumPdfPrinter({}, { launch, uid: 1000 })
    await expect(printer.printHtml('x')).rejects.toMatchObject({ code: 'export-no-chromium' })
    expect(calls).toHaveLength(1)
  })
})
