import { constants } from 'node:fs'
import { access } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { loadSharedConfigFiles, loadSsoSessionData } from '@smithy/core/config'
import { AppError } from '../../shared/errors'
import type { ProfileSummary, SsoSessionSummary } from '../../shared/ipc/domains/aws'
import { readToken, tokenStateOf } from './token-cache'

export interface AwsFiles {
  configFile: string
  credentialsFile: string
}

type Env = Readonly<Record<string, string | undefined>>

/** The home folder the AWS CLI and the SDK use: $HOME, then USERPROFILE, then the OS's idea. */
export function resolveHome(env: Env): string {
  return env.HOME ?? env.USERPROFILE ?? homedir()
}

/** Where the AWS CLI looks for its files, honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE. */
export function resolveAwsFiles(env: Env, home = resolveHome(env)): AwsFiles {
  return {
    configFile: env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'),
  }
}

/**
 * Whether a file is there to read. The SDK's loaders below treat any read error as an empty file, so an
 * unreadable file (permissions) is told apart from a missing one here, before they run.
 */
async function isPresent(path: string): Promise<boolean> {
  try {
    await access(path, constants.R_OK)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw new AppError('aws-config-unreadable', `Could not read ${path}: ${(error as Error).message}`)
  }
}

type Sections = Record<string, Record<string, string | undefined> | undefined>
const toMaps = (sections: Sections, keep: (name: string) => boolean = () => true) =>
  new Map(
    Object.entries(sections)
      .filter(([name]) => keep(name))
      .map(([name, values]) => [
        name,
        new Map(Object.entries(values ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, v] as const]))),
      ]),
  )

/** Section names the SDK keeps in the config file's map besides profiles: `sso-session.NAME`, `services.NAME`. */
const isOtherSection = (name: string) => name.startsWith('sso-session.') || name.startsWith('services.')

/** Both files, parsed. */
export interface AwsConfig {
  /** Profile name → settings, from the config file (`[default]`, `[profile NAME]`). */
  profiles: Map<string, Map<string, string>>
  /** sso-session name → settings (`[sso-session NAME]`). */
  ssoSessions: Map<string, Map<string, string>>
  /** Profile name → settings, from the credentials file. */
  credentials: Map<string, Map<string, string>>
}

/** Reads and parses both files. Throws `no-aws-config`, with the `aws configure sso` hint, when neither exists. */
export async function loadAwsConfig(files: AwsFiles): Promise<AwsConfig> {
  const [hasConfig, hasCredentials] = await Promise.all([
    isPresent(files.configFile),
    isPresent(files.credentialsFile),
  ])
  if (!hasConfig && !hasCredentials) {
    throw new AppError(
      'no-aws-config',
      `No AWS configuration was found at ${files.configFile}.`,
      'Run `aws configure sso` to set up IAM Identity Center, or open the demo organization.',
    )
  }
  // The SDK's own loaders: the same INI dialect (sub-sections, comments, `[profile x]`) the SDK reads later.
  // loadSharedConfigFiles runs first and refreshes the SDK's file cache (ignoreCache), which the session loader
  // then reads, so a changed file is never served stale.
  const [{ configFile, credentialsFile }, sessions] = await Promise.all([
    loadSharedConfigFiles({
      configFilepath: files.configFile,
      filepath: files.credentialsFile,
      ignoreCache: true,
    }),
    hasConfig ? loadSsoSessionData({ configFilepath: files.configFile }) : {},
  ])
  return {
    profiles: toMaps(configFile, (name) => !isOtherSection(name)),
    ssoSessions: toMaps(sessions),
    credentials: toMaps(credentialsFile),
  }
}

/** What device login and discovery need to know about one session. */
export interface SsoSessionConfig {
  /** The token cache key: the sso-session name, or the start URL for legacy profiles. */
  id: string
  kind: 'sso-session' | 'legacy-sso'
  startUrl: string
  region: string
  /** `sso_registration_scopes`, comma-separated in the file; undefined when absent. */
  scopes: string[] | undefined
  /** The profiles that use the session. */
  profiles: string[]
}

/** Every SSO session in the config: `[sso-session]` sections, then the start URLs of legacy profiles. */
export function ssoSessionsOf(config: AwsConfig): SsoSessionConfig[] {
  const sessions = new Map<string, SsoSessionConfig>()
  for (const [name, values] of config.ssoSessions) {
    const startUrl = values.get('sso_start_url')
    const region = values.get('sso_region')
    if (!startUrl || !region) continue
    const rawScopes = values.get('sso_registration_scopes')
    const scopes =
      rawScopes === undefined
        ? undefined
        : rawScopes
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
    sessions.set(name, { id: name, kind: 'sso-session', startUrl, region, scopes, profiles: [] })
  }
  for (const [name, values] of [...config.profiles].sort(([a], [b]) => a.localeCompare(b))) {
    const sessionName = values.get('sso_session')
    if (sessionName) {
      sessions.get(sessionName)?.profiles.push(name)
      continue
    }
    const startUrl = values.get('sso_start_url')
    const region = values.get('sso_region')
    if (!startUrl || !region) continue
    const existing = sessions.get(startUrl)
    if (existing) existing.profiles.push(name)
    else
      sessions.set(startUrl, {
        id: startUrl,
        kind: 'legacy-sso',
        startUrl,
        region,
        scopes: undefined,
        profiles: [name],
      })
  }
  return [...sessions.values()]
}

/** One session by id, or the `sso-session-not-found` error. */
export function findSsoSession(config: AwsConfig, sessionId: string): SsoSessionConfig {
  const session = ssoSessionsOf(config).find((s) => s.id === sessionId)
  if (!session) {
    throw new AppError(
      'sso-session-not-found',
      `There is no SSO session named ${sessionId} in the AWS config.`,
      'Run `aws configure sso` to add one, then reload the profiles.',
    )
  }
  return session
}

function profileKind(values: Map<string, string>): ProfileSummary['kind'] {
  if (values.has('sso_session')) return 'sso-session'
  if (values.has('sso_start_url')) return 'legacy-sso'
  if (values.has('role_arn')) return 'assume-role'
  if (values.has('credential_process')) return 'credential-process'
  return 'static'
}

/** The account an assume-role profile ends in, read from its role ARN. */
const accountOfRoleArn = (arn: string | undefined): string | undefined =>
  /^arn:aws[\w-]*:iam::(\d{12}):/.exec(arn ?? '')?.[1]

/** Everything Settings → AWS shows: the profiles and the SSO sessions, each with its token state. */
export async function describeAwsSetup(
  files: AwsFiles,
  home: string,
  now: Date,
): Promise<{ profiles: ProfileSummary[]; sessions: SsoSessionSummary[] }> {
  const config = await loadAwsConfig(files)
  const sessions: SsoSessionSummary[] = await Promise.all(
    ssoSessionsOf(config).map(async (s) => ({
      id: s.id,
      kind: s.kind,
      startUrl: s.startUrl,
      region: s.region,
      profiles: s.profiles,
      token: tokenStateOf(await readToken(home, s.id), now),
    })),
  )
  const tokenOf = new Map(sessions.map((s) => [s.id, s.token]))
  const profiles = new Map<string, ProfileSummary>()
  for (const [name, values] of config.profiles) {
    const kind = profileKind(values)
    const sessionName = values.get('sso_session')
    const ssoSession =
      kind === 'sso-session' ? sessionName : kind === 'legacy-sso' ? values.get('sso_start_url') : undefined
    const region = values.get('region')
    const accountId = values.get('sso_account_id') ?? accountOfRoleArn(values.get('role_arn'))
    const roleName = values.get('sso_role_name')
    const sourceProfile = values.get('source_profile')
    const token = ssoSession ? tokenOf.get(ssoSession) : undefined
    profiles.set(name, {
      name,
      kind,
      ...(region ? { region } : {}),
      ...(ssoSession ? { ssoSession } : {}),
      ...(accountId ? { accountId } : {}),
      ...(roleName ? { roleName } : {}),
      ...(sourceProfile ? { sourceProfile } : {}),
      ...(token ? { token } : {}),
    })
  }
  for (const [name, values] of config.credentials) {
    if (profiles.has(name)) continue
    if (values.has('aws_access_key_id')) profiles.set(name, { name, kind: 'static' })
  }
  return { profiles: [...profiles.values()].sort((a, b) => a.name.localeCompare(b.name)), sessions }
}

/** Lists the profiles from both files, with their kind, Region and (for SSO) token state. */
export async function listProfiles(
  files: AwsFiles,
  home = resolveHome({}),
  now = new Date(),
): Promise<ProfileSummary[]> {
  return (await describeAwsSetup(files, home, now)).profiles
}
