import { randomBytes } from 'node:crypto'
import { ScenarioClock } from './clock'
import type { Scenario, ScenarioAccount } from './scenario-schema'

/** Who signed a request. */
export interface Identity {
  accountId: string
  arn: string
  userId: string
}

export interface SsoSession {
  userName: string
  clientId: string
  expiresAtMs: number
}

export interface DeviceAuthorization {
  clientId: string
  polls: number
  expiresAtMs: number
  userName: string
}

export type ReportState =
  | { kind: 'absent' | 'expired' }
  | { kind: 'in-progress'; pollsLeft: number }
  | { kind: 'ready'; generatedTime: string }

function token(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`
}

/** The static access key the fake maps to an account: AKIA + account id + FAKE (20 chars, like AWS). */
export function staticKeyFor(accountId: string): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: `AKIA${accountId}FAKE`, secretAccessKey: `fake-secret-${accountId}` }
}

/** Mutable server state derived from a scenario: keys, SSO tokens, credential-report progress. */
export class FakeState {
  readonly clock: ScenarioClock
  readonly accounts = new Map<string, ScenarioAccount>()
  readonly keys = new Map<string, Identity>()
  readonly ssoTokens = new Map<string, SsoSession>()
  readonly refreshTokens = new Map<string, { userName: string; clientId: string }>()
  readonly clients = new Map<string, { clientSecret: string }>()
  readonly devices = new Map<string, DeviceAuthorization>()
  readonly reports = new Map<string, ReportState>()

  readonly #seededTokens: { accessToken: string; refreshToken: string; expiresIn: number }[]

  constructor(readonly scenario: Scenario) {
    const seed = scenario.sso.seed
    this.#seededTokens = [...(seed?.issueTokens ?? [])]
    for (const c of seed?.clients ?? []) this.clients.set(c.clientId, { clientSecret: c.clientSecret })
    const seedClient = seed?.clients[0]?.clientId ?? ''
    for (const deviceCode of seed?.deviceCodes ?? [])
      this.devices.set(deviceCode, {
        clientId: seedClient,
        polls: 0,
        expiresAtMs: Date.now() + 600_000,
        userName: this.defaultSsoUser(),
      })
    for (const refreshToken of seed?.refreshTokens ?? [])
      this.refreshTokens.set(refreshToken, { userName: this.defaultSsoUser(), clientId: seedClient })
    this.clock = new ScenarioClock(scenario.now ? Date.parse(scenario.now) : Date.now())
    for (const account of scenario.accounts) {
      this.accounts.set(account.id, account)
      const report = account.credentialReport
      this.reports.set(
        account.id,
        report.initialState === 'ready'
          ? { kind: 'ready', generatedTime: report.generatedTime ?? this.clock.iso(0.01) }
          : { kind: report.initialState },
      )
      for (const key of account.staticKeys) {
        const base = this.#userIdentity(account.id, key.accessKeyId)
        this.keys.set(key.accessKeyId, {
          ...base,
          arn: key.arn ?? base.arn,
          userId: key.userId ?? base.userId,
        })
      }
    }
  }

  #userIdentity(accountId: string, accessKeyId: string): Identity {
    return {
      accountId,
      arn: `arn:aws:iam::${accountId}:user/fake-auditor`,
      userId: `AIDA${accessKeyId.slice(4, 20)}`,
    }
  }

  /** Maps an access key to the account it belongs to, or undefined for an unknown key. */
  identify(accessKeyId: string): Identity | undefined {
    const known = this.keys.get(accessKeyId)
    if (known) return known
    const match = /^AKIA(\d{12})FAKE$/.exec(accessKeyId)
    if (match?.[1] && this.accounts.has(match[1])) return this.#userIdentity(match[1], accessKeyId)
    return undefined
  }

  /** Issues temporary role credentials (GetRoleCredentials) that map back to the account. */
  issueRoleCredentials(accountId: string, roleName: string, userName: string) {
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`
    this.keys.set(accessKeyId, {
      accountId,
      arn: `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${roleName}_0123456789abcdef/${userName}`,
      userId: `AROA${accessKeyId.slice(4)}:${userName}`,
    })
    return {
      accessKeyId,
      secretAccessKey: token('', 30),
      sessionToken: token('fake-session-', 48),
      expiration: Date.now() + this.scenario.sso.roleCredentialsTtlSeconds * 1000,
    }
  }

  /** Registers an OIDC client (RegisterClient, or the one writeSsoLogin writes into the cache). */
  registerClient(): { clientId: string; clientSecret: string } {
    const clientId = token('fake-client-', 12)
    const clientSecret = token('fake-client-secret-', 24)
    this.clients.set(clientId, { clientSecret })
    return { clientId, clientSecret }
  }

  /**
   * Issues an access token + refresh token for an SSO user (seeded values first). Without `expiresAtMs`
   * the token lives `sso.accessTokenTtlSeconds`.
   */
  issueSsoToken(userName: string, clientId: string, expiresAtMs?: number) {
    const seeded = this.#seededTokens.shift()
    const accessToken = seeded?.accessToken ?? token('fake-sso-access-', 32)
    const refreshToken = seeded?.refreshToken ?? token('fake-sso-refresh-', 32)
    const ttl = seeded?.expiresIn ?? this.scenario.sso.accessTokenTtlSeconds
    const expiresAt = expiresAtMs ?? Date.now() + ttl * 1000
    this.ssoTokens.set(accessToken, { userName, clientId, expiresAtMs: expiresAt })
    this.refreshTokens.set(refreshToken, { userName, clientId })
    const expiresIn = expiresAtMs === undefined ? ttl : Math.round((expiresAt - Date.now()) / 1000)
    return { accessToken, refreshToken, expiresAtMs: expiresAt, expiresIn }
  }

  /** Revokes every SSO access and refresh token issued so far (an admin "sign out everywhere"). */
  revokeSsoTokens(): void {
    this.ssoTokens.clear()
    this.refreshTokens.clear()
  }

  /** The SSO user name used when none is given: the device-flow user, else the first SSO user. */
  defaultSsoUser(): string {
    const sso = this.scenario.sso
    return sso.deviceFlow.userName ?? sso.users[0]?.userName ?? 'fake-user'
  }
}
