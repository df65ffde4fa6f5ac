/** Parsing bench: a credential report of 10,000 users, rendered the way the fake IAM renders it. */
import { parseCredentialReportCsv } from '../src-main/collect/credential-report-csv'
import { ScenarioClock } from '../test/fake-aws/clock'
import { parseScenario } from '../test/fake-aws/index'
import { renderCredentialReport } from '../test/fake-aws/services/credential-report'
import { type Timing, time } from './timing'

export interface ParsingResult {
  users: number
  bytes: number
  parse: Timing
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
  const parsedUsers = parseCredentialReportCsv(csv).length
  return {
    users: parsedUsers,
    bytes: Buffer.byteLength(csv),
    parse: time(() => parseCredentialReportCsv(csv), 7, 2),
  }
}
