import type { ScenarioClock } from '../clock'
import type { ScenarioAccount } from '../scenario-schema'

/** The current 22-column header, in the documented order. */
export const CREDENTIAL_REPORT_HEADER = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const

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
