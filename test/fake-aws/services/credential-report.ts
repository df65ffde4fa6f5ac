import { CREDENTIAL_REPORT_HEADER } from '../../../src-main/collect/credential-report-csv'
import type { ScenarioClock } from '../clock'
import type { ScenarioAccount } from '../scenario-schema'

// The documented header is the client parser's; fake-aws-fidelity checks it against AWS's own.
export { CREDENTIAL_REPORT_HEADER }

const DAY_MS = 86_400_000

/**
 * Renders an account's credential report CSV the way IAM does: a `<root_account>` row first, lowercase
 * booleans, `+00:00` timestamps, `N/A` / `no_information` / `not_supported` where AWS writes them.
 */
export function renderCredentialReport(account: ScenarioAccount, clock: ScenarioClock): string {
  if (account.credentialReport.csv !== undefined) return account.credentialReport.csv
  const root = account.root
  const rows: string[][] = []
  const rootKey = root.hasAccessKeys
    ? ['true', clock.report(root.createdDays), 'N/A', 'N/A', 'N/A']
    : ['false', 'N/A', 'N/A', 'N/A', 'N/A']
  rows.push([
    '<root_account>',
    `arn:aws:iam::${account.id}:root`,
    clock.report(root.createdDays),
    'not_supported',
    root.passwordLastUsedDays === undefined ? 'no_information' : clock.report(root.passwordLastUsedDays),
    'not_supported',
    'not_supported',
    String(root.mfa),
    ...rootKey,
    'false',
    'N/A',
    'N/A',
    'N/A',
    'N/A',
    'false',
    'N/A',
    'false',
    'N/A',
  ])
  const policy = account.passwordPolicy
  for (const user of account.iamUsers) {
    const password = user.password
    let nextRotation = 'N/A'
    if (password && policy?.ExpirePasswords && policy.MaxPasswordAge) {
      const changed = clock.report(password.lastChangedDays)
      nextRotation = clock.report(
        new Date(Date.parse(changed) + policy.MaxPasswordAge * DAY_MS).toISOString(),
      )
    }
    const keyCells = [0, 1].flatMap((i) => {
      const key = user.accessKeys[i]
      if (!key) return ['false', 'N/A', 'N/A', 'N/A', 'N/A']
      const isUsed = key.lastUsedDays !== undefined
      return [
        String(key.isActive),
        clock.report(key.ageDays),
        isUsed && key.lastUsedDays !== undefined ? clock.report(key.lastUsedDays) : 'N/A',
        isUsed ? key.lastUsedRegion : 'N/A',
        isUsed ? key.lastUsedService : 'N/A',
      ]
    })
    rows.push([
      user.name,
      `arn:aws:iam::${account.id}:user/${user.name}`,
      clock.report(user.createdDays),
      String(password !== undefined),
      password
        ? password.lastUsedDays === undefined
          ? 'no_information'
          : clock.report(password.lastUsedDays)
        : 'N/A',
      password ? clock.report(password.lastChangedDays) : 'N/A',
      nextRotation,
      String(user.mfa),
      ...keyCells,
      'false',
      'N/A',
      'false',
      'N/A',
    ])
  }
  return `${[CREDENTIAL_REPORT_HEADER.join(','), ...rows.map((r) => r.join(','))].join('\n')}\n`
}
