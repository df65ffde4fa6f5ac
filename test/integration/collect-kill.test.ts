import { spawn } from 'node:child_process'
import { watch } from 'node:fs'
import { mkdir, readdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isComplete } from '../../shared/evidence/select'
import { runCli } from '../../src-main/cli/main'
import { readEvidenceFolder } from '../../src-main/collect/offline'
import { startSignedInOrg } from './collect-support'

/** SIGKILL in the middle of `collect --out`, then a re-run into the same folder. */
let org: Awaited<ReturnType<typeof startSignedInOrg>>
const ACCOUNTS = 6

beforeAll(async () => {
  // Slow enough that the kill lands while accounts are still being collected.
  org = await startSignedInOrg(4242, ACCOUNTS, (scenario) => {
    scenario.faults = { ...scenario.faults, latency: { fixedMs: 60, jitterMs: 0 } }
  })
})
afterAll(() => org?.close())

const accountFolders = async (dir: string) => (await readdir(dir)).filter((n) => /^\d{12}$/.test(n))

describe('collect killed with SIGKILL', () => {
  it('leaves only whole account folders, and a re-run into the same folder completes', async () => {
    const out = join(org.home, 'ev')
    await mkdir(out, { recursive: true })
    const env = { ...process.env, ...org.env }
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
      env: org.env,
      cwd: org.home,
    })
    expect(output).toContain(`${ACCOUNTS} accounts: ${ACCOUNTS} ok`)
    expect(code).toBe(0)
    expect((await accountFolders(out)).sort()).toEqual(org.fake.scenario.accounts.map((a) => a.id).sort())
    const bundles = await readEvidenceFolder(out)
    expect(bundles).toHaveLength(ACCOUNTS)
    for (const bundle of bundles) expect(isComplete(bundle)).toBe(true)
  }, 60_000)
})
