import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const source = "import { ipcMain } from 'electron'\n\nexport const x = ipcMain\n"

/** Lints one file at `path` inside a scratch copy of the project's Biome configuration. */
function lint(path: string, text = source): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ratchet-lint-'))
  const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8'))
  config.vcs = { enabled: false }
  delete config.$schema
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config))
  mkdirSync(dirname(join(dir, path)), { recursive: true })
  writeFileSync(join(dir, path), text)
  const result = spawnSync(join(root, 'node_modules/.bin/biome'), ['lint', path], {
    cwd: dir,
    encoding: 'utf8',
  })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

describe('the lint rule that keeps ipcMain/ipcRenderer inside the IPC module', () => {
  it('rejects ipcMain in a renderer file and in other main-side modules', () => {
    for (const path of ['src-renderer/app/x.ts', 'src-main/collect/x.ts']) {
      const result = lint(path)
      expect(result.status, path).not.toBe(0)
      expect(result.output).toContain('Only src-main/ipc/ and the preload')
    }
  })

  it('allows it in src-main/ipc and the preload', () => {
    for (const path of ['src-main/ipc/x.ts', 'src-main/preload/x.ts']) {
      const result = lint(path)
      expect(result.status, `${path}: ${result.output}`).toBe(0)
    }
  })
})

describe('the lint rule that keeps shared/ pure', () => {
  it('rejects Node built-ins and the AWS SDK in shared/', () => {
    const node = lint('shared/x.ts', "import { readFile } from 'node:fs'\n\nexport const x = readFile\n")
    expect(node.output).toContain('no Node built-ins')
    const sdk = lint(
      'shared/y.ts',
      "import { IAMClient } from '@aws-sdk/client-iam'\n\nexport const y = IAMClient\n",
    )
    expect(sdk.output).toContain('AWS access lives in src-main')
    expect(lint('shared/z.ts').output).toContain('no Electron')
  })
})
