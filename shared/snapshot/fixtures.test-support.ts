import type { Account, Attestation } from '../domain/types'
import { domainIds } from '../domain/types'
import type { CredentialUser, EvidenceBundle } from '../evidence/schema'
import { type MaturityModel, type MaturityModelInput, validateModel } from '../model/schema'

/** A tiny model and crafted evidence for the snapshot and compare tests. Not used by the app. */

const level = (
  n: 1 | 2 | 3 | 4 | 5,
  controls: NonNullable<MaturityModelInput['domains'][number]['levels'][number]['controls']> = [],
) => ({
  level: n,
  name: `L${n}`,
  meaning: `level ${n}`,
  controls,
})

/** IAM: L1 root MFA (automated) + a manual question; L2 access keys younger than `key-age` days. */
export function tinyModel(keyAgeDays = 90): MaturityModel {
  const input: MaturityModelInput = {
    schemaVersion: 1,
    id: 'tiny',
    name: 'Tiny',
    params: { 'key-age': { title: 'Key age', default: keyAgeDays, min: 1, max: 1000 } },
    domains: domainIds.map((id) => ({
      id,
      name: id,
      levels:
        id === 'iam'
          ? [
              level(1, [
                {
                  id: 'iam.root-mfa',
                  title: 'Root has MFA',
                  rationale: 'r',
                  remediation: { text: 'turn on MFA' },
                  rule: {
                    kind: 'account-summary',
                    key: 'AccountMFAEnabled',
                    op: 'eq',
                    value: 1,
                    describe: 'root MFA',
                  },
                },
                {
                  id: 'iam.break-glass',
                  title: 'Break-glass procedure exists',
                  rationale: 'r',
                  remediation: { text: 'write it' },
                  question: { prompt: 'Is there a tested break-glass procedure?' },
                },
              ]),
              level(2, [
                {
                  id: 'iam.key-age',
                  title: 'Access keys are rotated',
                  rationale: 'r',
                  remediation: { text: 'rotate' },
                  rule: {
                    kind: 'credential-report',
                    violation: { activeKeyOlderThanDays: { param: 'key-age' } },
                    describe: 'users with an old access key',
                  },
                },
              ]),
              level(3),
              level(4),
              level(5),
            ]
          : [level(1), level(2), level(3), level(4), level(5)],
    })),
  }
  return validateModel(input, 'tiny-model.json')
}

export const ACCOUNT_A = '111111111111'
export const ACCOUNT_B = '222222222222'

export function tinyAccount(id: string, name: string, extra: Partial<Account> = {}): Account {
  return {
    id,
    name,
    owner: '',
    environment: 'production',
    criticality: 'high',
    tags: [],
    targets: { iam: 2 },
    origin: 'import',
    ...extra,
  }
}

const DAY = 86_400_000

/** A non-root user without a password or MFA: a service user with keys only. */
const noConsoleAccess = {
  isRoot: false,
  hasPassword: false,
  passwordLastUsed: null,
  passwordLastChanged: null,
  isMfaActive: false,
} as const

/** A bundle whose root MFA and one user's key age are as given. */
export function tinyBundle(
  accountId: string,
  collectedAt: string,
  opts: { isRootMfa?: boolean; keyAgeDays?: number; user?: string } = {},
): EvidenceBundle {
  const at = Date.parse(collectedAt)
  const user: CredentialUser = {
    user: opts.user ?? 'deploy',
    arn: `arn:aws:iam::${accountId}:user/${opts.user ?? 'deploy'}`,
    createdAt: new Date(at - 1000 * DAY).toISOString(),
    ...noConsoleAccess,
    accessKeys: [
      {
        slot: 1,
        isActive: true,
        lastRotated: new Date(at - (opts.keyAgeDays ?? 10) * DAY).toISOString(),
        lastUsed: collectedAt,
        lastUsedRegion: 'eu-west-1',
        lastUsedService: 's3',
      },
    ],
    certificates: [],
  }
  const unavailable = { state: 'unavailable', reason: 'not-subscribed', message: 'Basic support' } as const
  return {
    schemaVersion: 1,
    accountId,
    collectedAt,
    identity: {
      status: { state: 'ok' },
      collectedAt,
      raw: [],
      records: { accountId, arn: `arn:aws:iam::${accountId}:root`, userId: accountId, aliases: [] },
    },
    credentialReport: {
      status: { state: 'ok' },
      collectedAt,
      raw: [],
      records: {
        generatedAt: collectedAt,
        users: [user],
        passwordPolicy: null,
        accountSummary: { AccountMFAEnabled: opts.isRootMfa === false ? 0 : 1 },
      },
    },
    trustedAdvisor: { status: unavailable, collectedAt, raw: [], records: null },
    accessAnalyzer: { status: unavailable, collectedAt, raw: [], records: null },
  }
}

/** Account A's "yes" to the tiny model's break-glass question; pass fields to change. */
export function tinyAnswer(extra: Partial<Attestation> = {}): Attestation {
  return {
    id: 'att-1',
    accountId: ACCOUNT_A,
    controlId: 'iam.break-glass',
    isMet: true,
    note: '',
    attestedBy: 'ana@example.com',
    attestedAt: '2026-06-01T00:00:00.000Z',
    expiresAt: '2026-12-01T00:00:00.000Z',
    ...extra,
  }
}
