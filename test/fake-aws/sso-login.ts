import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { FakeState } from './state'

export interface SsoLoginOptions {
  /** sso-session name (default `fake-sso`); the cache file is sha1(name).json. */
  session?: string
  /** Access-token expiry (default: now + sso.accessTokenTtlSeconds). A past date forces a refresh. */
  expiresAt?: Date
  /** SSO user the token belongs to (default: deviceFlow.userName or the first SSO user). */
  userName?: string
  /** Also write `[profile NAME]` sections using the session. */
  profiles?: { name: string; accountId: string; roleName: string; region?: string }[]
}

async function writeAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`
  await writeFile(tmp, text, { mode: 0o600 })
  await rename(tmp, path)
}

/** Removes `[header]` sections (and their keys) from an INI text. */
function withoutSections(text: string, headers: ReadonlySet<string>): string {
  const out: string[] = []
  let isSkipping = false
  for (const line of text.split('\n')) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line)?.[1]?.trim()
    if (header !== undefined) isSkipping = headers.has(header)
    if (!isSkipping) out.push(line)
  }
  return out.join('\n').trimEnd()
}

/**
 * Signs an SSO user in without the browser: registers a client and a token with the fake server, then
 * writes the AWS CLI token cache (`home/.aws/sso/cache/<sha1(session)>.json`) and merges the
 * `[sso-session]` section (plus optional profiles) into `home/.aws/config`.
 */
export async function writeSsoLogin(
  state: FakeState,
  home: string,
  opts: SsoLoginOptions = {},
): Promise<void> {
  const session = opts.session ?? 'fake-sso'
  const sso = state.scenario.sso
  const { clientId, clientSecret } = state.registerClient()
  const issued = state.issueSsoToken(
    opts.userName ?? state.defaultSsoUser(),
    clientId,
    opts.expiresAt?.getTime(),
  )
  const cache = {
    startUrl: sso.startUrl,
    region: sso.region,
    accessToken: issued.accessToken,
    expiresAt: new Date(issued.expiresAtMs).toISOString().replace(/\.\d+Z$/, 'Z'),
    clientId,
    clientSecret,
    registrationExpiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    refreshToken: issued.refreshToken,
  }
  const cacheName = `${createHash('sha1').update(session).digest('hex')}.json`
  await writeAtomic(join(home, '.aws', 'sso', 'cache', cacheName), `${JSON.stringify(cache, null, 2)}\n`)

  const configPath = join(home, '.aws', 'config')
  const existing = await readFile(configPath, 'utf8').catch(() => '')
  const profiles = opts.profiles ?? []
  const replaced = new Set([`sso-session ${session}`, ...profiles.map((p) => `profile ${p.name}`)])
  const sections = [
    `[sso-session ${session}]`,
    `sso_start_url = ${sso.startUrl}`,
    `sso_region = ${sso.region}`,
    'sso_registration_scopes = sso:account:access',
    '',
    ...profiles.flatMap((p) => [
      `[profile ${p.name}]`,
      `sso_session = ${session}`,
      `sso_account_id = ${p.accountId}`,
      `sso_role_name = ${p.roleName}`,
      `region = ${p.region ?? state.scenario.defaultRegion}`,
      '',
    ]),
  ]
  const kept = withoutSections(existing, replaced)
  await writeAtomic(configPath, `${kept ? `${kept}\n\n` : ''}${sections.join('\n')}`)
}
