import { spawnSync } from 'node:child_process'
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const launcher = join(import.meta.dirname, '../../src-main/launch/start.mjs')

/** A stand-in for the `electron` package: its installer exits as told, its binary (if any) records its args. */
async function fakeElectron({ hasBinary, installExit }: { hasBinary: boolean; installExit: number }) {
  const dir = await mkdtemp(join(tmpdir(), 'ratchet-electron-'))
  await writeFile(join(dir, 'path.txt'), 'electron-bin')
  await writeFile(
    join(dir, 'install.js'),
    `console.error('TypeError: fetch failed'); console.error('    at downloadArtifact (x.js:1:1)'); process.exit(${installExit})`,
  )
  if (hasBinary) {
    await mkdir(join(dir, 'dist'))
    const binary = join(dir, 'dist', 'electron-bin')
    await writeFile(binary, `#!/bin/sh\necho "$@" > "${join(dir, 'args.txt')}"\nexit 7\n`)
    await chmod(binary, 0o755)
  }
  return dir
}

const run = (dir: string) =>
  spawnSync(process.execPath, [launcher], {
    env: { ...process.env, RATCHET_ELECTRON_DIR: dir, RATCHET_SKIP_BUILD: '1' },
    encoding: 'utf8',
  })

describe('npm start', () => {
  it('says in one line why Electron cannot start, with the fix, and exits non-zero', async () => {
    const result = run(await fakeElectron({ hasBinary: false, installExit: 1 }))
    expect(result.status).toBe(1)
    const lines = result.stderr.trim().split('\n')
    const last = lines.at(-1) ?? ''
    expect(last).toMatch(
      /^Ratchet can't start: the Electron binary is not installed and could not be downloaded \(TypeError: fetch failed\)/,
    )
    expect(last).toContain('ELECTRON_MIRROR')
    expect(last).toContain('npm run cli -- demo')
    expect(result.stderr).not.toContain('at downloadArtifact')
  })

  it('runs the installed binary on the app and passes its exit code on', async () => {
    const dir = await fakeElectron({ hasBinary: true, installExit: 1 })
    const result = run(dir)
    expect(result.status).toBe(7)
    expect((await readFile(join(dir, 'args.txt'), 'utf8')).trim()).toBe('.')
  })
})
