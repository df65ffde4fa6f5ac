import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { AppError } from '../../shared/errors'
import type { ProfileSummary } from '../../shared/ipc/domains/aws'
import { type IniFile, parseIni } from './ini'

export interface AwsFiles {
  configFile: string
  credentialsFile: string
}

/** Where the AWS CLI looks for its files, honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE. */
export function resolveAwsFiles(env: NodeJS.ProcessEnv, home = env.HOME ?? homedir()): AwsFiles {
  return {
    configFile: env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'),
  }
}

async function readIniIfPresent(path: string): Promise<IniFile | undefined> {
  try {
    return parseIni(await readFile(path, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new AppError('aws-config-unreadable', `Could not read ${path}: ${(error as Error).message}`)
  }
}

/** Lists the profiles from both files, with their kind and Region. */
export async function listProfiles(files: AwsFiles): Promise<ProfileSummary[]> {
  const [config, credentials] = await Promise.all([
    readIniIfPresent(files.configFile),
    readIniIfPresent(files.credentialsFile),
  ])
  if (!config && !credentials) {
    throw new AppError(
      'no-aws-config',
      `No AWS configuration was found at ${files.configFile}.`,
      'Run `aws configure sso` to set up IAM Identity Center, or open the demo organization.',
    )
  }
  const profiles = new Map<string, ProfileSummary>()
  for (const [section, values] of config ?? []) {
    const name = section === 'default' ? 'default' : /^profile\s+(.+)$/.exec(section)?.[1]?.trim()
    if (!name) continue
    const region = values.get('region')
    profiles.set(name, { name, kind: profileKind(values), ...(region ? { region } : {}) })
  }
  for (const [name, values] of credentials ?? []) {
    if (profiles.has(name)) continue
    if (values.has('aws_access_key_id')) profiles.set(name, { name, kind: 'static' })
  }
  return [...profiles.values()].sort((a, b) => a.name.localeCompare(b.name))
}

function profileKind(values: Map<string, string>): ProfileSummary['kind'] {
  if (values.has('sso_session')) return 'sso-session'
  if (values.has('sso_start_url')) return 'legacy-sso'
  if (values.has('role_arn')) return 'assume-role'
  if (values.has('credential_process')) return 'credential-process'
  return 'static'
}
