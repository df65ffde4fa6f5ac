import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { CliIo } from './command'
import { runCli } from './main'

/** A CliIo that keeps what a command writes, for tests. */
export function bufferedIo(
  cwd = '/',
  env: NodeJS.ProcessEnv = {},
): { out: string[]; err: string[]; io: CliIo } {
  const out: string[] = []
  const err: string[] = []
  return { out, err, io: { out: (t) => out.push(t), err: (t) => err.push(t), env, cwd } }
}

/** Runs the CLI in this process, as `npm run cli -- <args>` would, and returns its exit code and output. */
export async function runCliCaptured(
  args: string[],
  { cwd = '/', env = {} }: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; out: string; err: string }> {
  const buffers = bufferedIo(cwd, env)
  const code = await runCli(args, buffers.io)
  return { code, out: buffers.out.join(''), err: buffers.err.join('') }
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Runs `npm run --silent cli -- <args>` from the repository in a shell, as a user would; resolves with its
 * output, rejects (with the exit `code`) when it exits non-zero.
 */
export function runCliInShell(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)('npm', ['run', '--silent', 'cli', '--', ...args], { cwd: repoRoot })
}
