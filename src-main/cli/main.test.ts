import { describe, expect, it } from 'vitest'
import { runCli } from './main'
import { bufferedIo, runCliInShell } from './test-support'

const io = () => bufferedIo()

describe('the CLI', () => {
  it('prints usage for --help and exits 0', async () => {
    const t = io()
    expect(await runCli(['--help'], t.io)).toBe(0)
    expect(t.out.join('')).toContain('Usage: npm run cli -- <command>')
  })

  it('rejects an unknown command with exit code 2', async () => {
    const t = io()
    expect(await runCli(['frobnicate'], t.io)).toBe(2)
    expect(t.err.join('')).toContain('Unknown command "frobnicate"')
  })

  it('runs as `npm run cli -- --help` from a shell', async () => {
    const { stdout } = await runCliInShell(['--help'])
    expect(stdout).toContain('Usage: npm run cli')
  })
})
