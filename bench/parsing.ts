/** Parsing bench: a credential report of 10,000 users, rendered the way the fake IAM renders it. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  CREDENTIAL_REPORT_MAX_BYTES,
  parseCredentialReportCsv,
} from '../src-main/collect/credential-report-csv'
import { ScenarioClock } from '../test/fake-aws/clock'
import { parseScenario } from '../test/fake-aws/index'
import { renderCredentialReport } from '../test/fake-aws/services/credential-report'
import type { ParseChildOutput } from './parse-child'
import { type Timing, time } from './timing'

export interface ParsingResult {
  users: number
  bytes: number
  parse: Timing
  /** Streaming the largest report the size cap allows, in a child process of its own. */
  largest?: ParseChildOutput & { bytes: number }
}

/** Renders a 10,000-user report once and times parsing it. */
export function benchParsing(users = 10_000): ParsingResult {
  const scenario = parseScenario({
    accounts: [
      {
        id: '123456789012',
        name: 'big',
        iamUsers: Array.from({ length: users }, (_, i) => ({
          name: `user-${i}`,
          createdDays: 400 + (i % 300),
          ...(i % 3 === 0 ? {} : { password: { lastUsedDays: i % 90, lastChangedDays: 30 } }),
          mfa: i % 4 !== 0,
          accessKeys:
            i % 2 === 0 ? [{ ageDays: i % 400, lastUsedDays: i % 30 }] : [{ ageDays: 10 }, { ageDays: 500 }],
        })),
      },
    ],
  })
  const account = scenario.accounts[0]
  if (!account) throw new Error('the parsing scenario has no account')
  const csv = renderCredentialReport(account, new ScenarioClock(Date.now()))
  const parsedUsers = parseCredentialReportCsv(csv).users.length
  return {
    users: parsedUsers,
    bytes: Buffer.byteLength(csv),
    parse: time(() => parseCredentialReportCsv(csv), 7, 2),
    largest: benchLargestReport(csv),
  }
}

/**
 * Writes a report as large as the size cap allows (the 10,000-user rows repeated) and parses it from disk in
 * a child process that does nothing else, reporting that process's peak RSS.
 */
function benchLargestReport(csv: string): ParseChildOutput & { bytes: number } {
  const [header, ...rows] = csv.trimEnd().split('\n')
  const body = `${rows.join('\n')}\n`
  const copies = Math.floor(
    (CREDENTIAL_REPORT_MAX_BYTES - (header?.length ?? 0) - 1) / Buffer.byteLength(body),
  )
  const text = `${header}\n${body.repeat(copies)}`
  const dir = mkdtempSync(join(tmpdir(), 'ratchet-parse-'))
  try {
    const file = join(dir, 'credential-report.csv')
    writeFileSync(file, text)
    const tsx = resolve(import.meta.dirname, '../node_modules/.bin/tsx')
    const out = execFileSync(tsx, [resolve(import.meta.dirname, 'parse-child.ts'), file], {
      encoding: 'utf8',
    })
    return {
      ...(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ParseChildOutput),
      bytes: Buffer.byteLength(text),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
