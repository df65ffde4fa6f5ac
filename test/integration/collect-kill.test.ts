import { spawn } from 'node:child_process'
import { watch } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isComplete } from '../../shared/evidence/select'
import { runCli } from '../../src-main/cli/main'
import { readEvidenceFolder } from '../../src-main/collect/offline'
import { type FakeAws, generateOrganization, startFakeAws } from '../fake-aws/index'

/** SIGKILL in the middle of `collect --out`, then a re-run into the same folder. */
let fake: FakeAws
let home: string
const ACCOUNTS = 6

beforeAll(async () => {
  const scenario = generateOrganization({ seed: 4242, accounts: ACCOUNTS })
  for (const account of scenario.accounts) account.credentialReport.initialState = 'ready'
  // Slow enough that the kill lands while accounts are still being collected.
  scenario.faults = { ...scenario.faults, latency: { fixedMs: 60, jitterMs: 0 } }
  fake = await startFakeAws({ scenario })
  home = await mkdtemp(join(tmpdir(), 'ratchet-kill-'))
  await fake.writeSsoLogin(home, { session: 'corp' })
})
afterAll(async () => {
  await fake?.close()
  await rm(home, { recursive: true, force: true })
})

const accountFolders = async (dir: string) => (await readdir(dir)).filter((n) => /^\d{12}$/.test(n))

describe('collect killed with SIGKILL', () => {
  it('leaves only whole account folders, and a re-run into the same folder completes', async () => {
    const out = join(home, 'ev')
    await mkdir(out, { recursive: true })
    const env = { ...process.env, ...fake.env, HOME: home, AWS_CONFIG_FILE: join(home, '.aws/config') }
    const args = ['collect', '--sso-session', 'corp', '--regions', 'us-east-1', '--out', out]
    const tsx = resolve(import.meta.dirname, '../../node_modules/.bin/tsx')
    const cli = resolve(import.meta.dirname, '../../src-main/cli/index.ts')
    const child = spawn(tsx, [cli, ...args], { env, stdio: 'ignore' })
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child.on('exit', (_code, signal) => done(signal)),
    )
    // Kill as soon as the first account folder is renamed into place (an event, not a timer).
    await new Promise<void>((done) => {
      const watcher = watch(out, (_event, name) => {
        if (name && /^\d{12}$/.test(name)) {
          watcher.close()
          child.kill('SIGKILL')
          done()
        }
      })
    })
    expect(await exited).toBe('SIGKILL')

    const written = await accountFolders(out)
    expect(written.length).toBeGreaterThanOrEqual(1)
    expect(written.length).toBeLessThan(ACCOUNTS)
    // Every folder that exists is whole: it reads back, complete.
    for (const bundle of await readEvidenceFolder(out)) expect(isComplete(bundle)).toBe(true)

    let output = ''
    const code = await runCli(args, {
      out: (t) => {
        output += t
      },
      err: () => {},
      env: { ...fake.env, HOME: home, AWS_CONFIG_FILE: join(home, '.aws/config') },
      cwd: home,
    })
    expect(output).toContain(`${ACCOUNTS} accounts: ${ACCOUNTS} ok`)
    expect(code).toBe(0)
    expect((await accountFolders(out)).sort()).toEqual(fake.scenario.accounts.map((a) => a.id).sort())
    const bundles = await readEvidenceFolder(out)
    expect(bundles).toHaveLength(ACCOUNTS)
    for (const bundle of bundles) expect(isComplete(bundle)).toBe(true)
  }, 60_000)
})
