/**
 * The parsing process of the memory bench: streams the credential report at argv[2] from disk through the
 * app's parser and prints one JSON line with the users parsed and its peak RSS, so the figure is the
 * parser's alone.
 */
import { createReadStream } from 'node:fs'
import { parseCredentialReport } from '../src-main/collect/credential-report-csv'

export interface ParseChildOutput {
  users: number
  wallMs: number
  maxRssBytes: number
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? ''
  const started = performance.now()
  const { users } = await parseCredentialReport(createReadStream(file), { fileName: file })
  const output: ParseChildOutput = {
    users: users.length,
    wallMs: performance.now() - started,
    // resourceUsage().maxRSS is in kilobytes.
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }
  process.stdout.write(`${JSON.stringify(output)}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
