import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { type FakeAws, type ScenarioInput, startFakeAws } from '../fake-aws/index'

/** Three accounts; the SSO user `lead` has several roles in two and only Billing in the third. */
export const orgScenario = (
  deviceFlow: NonNullable<ScenarioInput['sso']>['deviceFlow'] = {},
): ScenarioInput => ({
  accounts: [
    { id: '111111111111', name: 'Production', email: 'prod@example.com' },
    { id: '222222222222', name: 'Development', email: 'dev@example.com' },
    { id: '333333333333', name: 'Billing', email: 'billing@example.com' },
  ],
  sso: {
    users: [
      {
        userName: 'lead',
        assignments: [
          { accountId: '111111111111', roles: ['AdministratorAccess', 'ReadOnlyAccess', 'SecurityAudit'] },
          { accountId: '222222222222', roles: ['ViewOnlyAccess', 'ReadOnlyAccess'] },
          { accountId: '333333333333', roles: ['Billing'] },
        ],
      },
    ],
    deviceFlow,
  },
})

/** The fields the AWS CLI v2 writes in its SSO token cache after a sign-in (what a refresh needs), sorted. */
export const cliTokenCacheKeys = [
  'accessToken',
  'clientId',
  'clientSecret',
  'expiresAt',
  'refreshToken',
  'region',
  'registrationExpiresAt',
  'startUrl',
]

/** A fresh temporary HOME with an `[sso-session corp]` pointing at the fake's portal, and one profile. */
export async function makeHome(extraConfig = ''): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'ratchet-aws-home-'))
  await writeSsoConfig(home, { extraConfig })
  return home
}

/** Writes `~/.aws/config` in `home`: `[sso-session corp]` at the fake's portal and `[profile audit]` in it. */
export async function writeSsoConfig(
  home: string,
  { region = 'us-east-1', extraConfig = '' }: { region?: string; extraConfig?: string } = {},
): Promise<void> {
  await mkdir(join(home, '.aws'), { recursive: true })
  await writeFile(
    join(home, '.aws', 'config'),
    [
      '[sso-session corp]',
      'sso_start_url = https://fake-org.awsapps.com/start',
      'sso_region = us-east-1',
      'sso_registration_scopes = sso:account:access',
      '',
      '[profile audit]',
      'sso_session = corp',
      'sso_account_id = 111111111111',
      'sso_role_name = SecurityAudit',
      `region = ${region}`,
      extraConfig,
    ].join('\n'),
  )
}

/** Every file under a folder, with its size and mtime, to prove a test wrote nothing there. */
export async function snapshotTree(root: string): Promise<string[]> {
  const out: string[] = []
  const walk = async (dir: string): Promise<void> => {
    let entries: import('node:fs').Dirent[]
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else {
        const info = await stat(path).catch(() => undefined)
        out.push(`${path} ${info?.size ?? '?'} ${info?.mtimeMs ?? '?'}`)
      }
    }
  }
  await walk(root)
  return out.sort()
}

/** The real user's ~/.aws, captured before a test swaps HOME: it must be the same afterwards. */
export const realAwsDir = join(homedir(), '.aws')

export const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex')

export async function removeHome(home: string): Promise<void> {
  await rm(home, { recursive: true, force: true })
}

/**
 * For a test file: the fake AWS servers and temporary HOMEs each test starts, closed and removed after it.
 * `home` makes a HOME with `makeHome`; `track` takes one made otherwise.
 */
export function startedPerTest() {
  const fakes: FakeAws[] = []
  const homes: string[] = []
  afterEach(async () => {
    for (const fake of fakes.splice(0)) await fake.close()
    for (const home of homes.splice(0)) await removeHome(home)
  })
  return {
    async fake(options: Parameters<typeof startFakeAws>[0]): Promise<FakeAws> {
      const fake = await startFakeAws(options)
      fakes.push(fake)
      return fake
    },
    async home(extraConfig?: string): Promise<string> {
      return this.track(await makeHome(extraConfig))
    },
    track(home: string): string {
      homes.push(home)
      return home
    },
  }
}
