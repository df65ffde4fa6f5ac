#!/usr/bin/env node
// `npm start`: build, then run the app in Electron. Where the Electron binary is missing and can't be downloaded
// (an offline or locked-down machine), say so in one line with the fix instead of Electron's stack trace, and
// exit non-zero. Plain Node (no TypeScript, no Electron import) so it runs before anything is built.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { installedBinary, packageDir } from './electron-binary.mjs'

/** Where the `electron` package is: RATCHET_ELECTRON_DIR (tests) or the installed one. */
const electronDir = (env) => env.RATCHET_ELECTRON_DIR ?? packageDir('electron')

/** Runs electron's own installer (it honours ELECTRON_MIRROR and the Electron cache); returns why it failed. */
function download(dir, env) {
  process.stderr.write('Downloading the Electron binary (first start only)…\n')
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], {
    env,
    encoding: 'utf8',
    timeout: 300_000,
  })
  if (result.status === 0) return undefined
  const lines = `${result.stderr ?? ''}${result.error?.message ?? ''}`.split('\n').map((l) => l.trim())
  return lines.find((l) => /Error|failed|ENOTFOUND|ECONN|timed out/i.test(l)) ?? `exit code ${result.status}`
}

export const offlineHint =
  'set ELECTRON_MIRROR to a reachable mirror, or put the Electron zip in the Electron cache (README: "Offline install"); ' +
  'meanwhile `npm run cli -- demo --out demo` shows Ratchet from the terminal.'

function main(env) {
  const dir = electronDir(env)
  let binary = installedBinary(dir)
  if (!binary) {
    const reason = download(dir, env)
    binary = installedBinary(dir)
    if (!binary) {
      process.stderr.write(
        `Ratchet can't start: the Electron binary is not installed and could not be downloaded (${reason ?? 'no binary after install'}); ${offlineHint}\n`,
      )
      return 1
    }
  }
  const steps = env.RATCHET_SKIP_BUILD
    ? []
    : [[process.execPath, [join(packageDir('electron-vite'), 'bin', 'electron-vite.js'), 'build']]]
  for (const [command, args] of [...steps, [binary, ['.', ...process.argv.slice(2)]]]) {
    const result = spawnSync(command, args, { stdio: 'inherit', env })
    if (result.status !== 0) return result.status ?? 1
  }
  return 0
}

process.exitCode = main(process.env)
