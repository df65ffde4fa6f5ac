import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { getSSOTokenFilepath } from '@smithy/core/config'
import { z } from 'zod'
import type { TokenState } from '../../shared/ipc/domains/aws'

/**
 * The AWS CLI v2 SSO cache (~/.aws/sso/cache): one file per session token, named by the sha1 of the
 * sso-session name (or of the start URL for legacy profiles), and one file per OIDC client registration.
 * Ratchet reads and writes exactly these files so that `aws` and Ratchet share one login.
 */

/** The cache folder. Like the AWS CLI and the SDK, it is always under the home directory. */
export const ssoCacheDir = (home: string): string => join(home, '.aws', 'sso', 'cache')

const sha1 = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex')

/**
 * The token file for a session, named by the SDK's own `getSSOTokenFilepath` (sha1 of the sso-session name, or
 * of the start URL for legacy profiles), so the SDK's fromSSO finds what Ratchet writes. The folder comes from
 * the host's home rather than the SDK's process-wide one, so the CLI and tests can point at their own.
 * Reading stays here too: the SDK's getSSOTokenFromFile also reads the process home, and does not validate.
 */
export const tokenCachePath = (home: string, cacheKey: string): string =>
  join(ssoCacheDir(home), basename(getSSOTokenFilepath(cacheKey)))

/** Optional string fields by name. */
const optionalStrings = <K extends string>(...keys: K[]) =>
  Object.fromEntries(keys.map((key) => [key, z.string().optional()])) as Record<K, z.ZodOptional<z.ZodString>>

/** What the CLI writes after `aws sso login` (extra fields are kept on rewrite). */
export const cachedTokenSchema = z
  .object({
    accessToken: z.string().min(1),
    expiresAt: z.string().min(1),
    ...optionalStrings(
      'startUrl',
      'region',
      'clientId',
      'clientSecret',
      'registrationExpiresAt',
      'refreshToken',
    ),
  })
  .passthrough()
export type CachedToken = z.infer<typeof cachedTokenSchema>

/** A client registration, as the CLI caches it. */
export const cachedRegistrationSchema = z
  .object({
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    expiresAt: z.string().min(1),
    scopes: z.array(z.string()).optional(),
  })
  .passthrough()
export type CachedRegistration = z.infer<typeof cachedRegistrationSchema>

/** The CLI's timestamp format: second precision, UTC, `Z` suffix (`%Y-%m-%dT%H:%M:%SZ`). */
export function formatCliTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`
}

/**
 * Python's `json.dumps(value, sort_keys=True)`: `", "` and `": "` separators, non-ASCII escaped. The CLI
 * hashes this text to name registration files, so it must match byte for byte.
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    )
    return `{${entries.map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`
  }
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
  }
  return JSON.stringify(value)
}

/** Whose registration: the CLI keys it by tool, start URL, Region, scopes and session name. */
export interface RegistrationKey {
  startUrl: string
  region: string
  /** `sso_registration_scopes` as configured; undefined when the key is absent. */
  scopes: readonly string[] | undefined
  /** undefined for legacy profiles. */
  sessionName: string | undefined
}

/** The file the CLI (`BaseSSOTokenFetcher._registration_cache_key`) caches this registration in. */
export function registrationCachePath(home: string, key: RegistrationKey): string {
  const args = {
    tool: 'botocore',
    startUrl: key.startUrl,
    region: key.region,
    scopes: key.scopes ?? null,
    session_name: key.sessionName ?? null,
  }
  return join(ssoCacheDir(home), `${sha1(pythonJsonDumps(args))}.json`)
}

async function readJson<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S> | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    return undefined
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** Writes a cache file atomically (temp file + rename), readable only by the user, like the CLI. */
async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const dir = join(path, '..')
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`
  try {
    await writeFile(temp, JSON.stringify(value), { mode: 0o600 })
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/** The cached token of a session, or undefined when missing or unreadable. */
export function readToken(home: string, cacheKey: string): Promise<CachedToken | undefined> {
  return readJson(tokenCachePath(home, cacheKey), cachedTokenSchema)
}

/** Writes a session's token where `aws` and the SDK's fromSSO look for it. */
export function writeToken(home: string, cacheKey: string, token: CachedToken): Promise<void> {
  return writeJsonAtomic(tokenCachePath(home, cacheKey), token)
}

export function readRegistration(
  home: string,
  key: RegistrationKey,
): Promise<CachedRegistration | undefined> {
  return readJson(registrationCachePath(home, key), cachedRegistrationSchema)
}

export function writeRegistration(
  home: string,
  key: RegistrationKey,
  registration: CachedRegistration,
): Promise<void> {
  return writeJsonAtomic(registrationCachePath(home, key), registration)
}

/** valid until …, expired, or missing: what the Settings page shows for a session. */
export function tokenStateOf(token: CachedToken | undefined, now: Date): TokenState {
  if (!token) return { state: 'missing' }
  const expiresMs = Date.parse(token.expiresAt)
  if (Number.isNaN(expiresMs)) return { state: 'missing' }
  const expiresAt = new Date(expiresMs).toISOString()
  return expiresMs > now.getTime() ? { state: 'valid', expiresAt } : { state: 'expired', expiresAt }
}
