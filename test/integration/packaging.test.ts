import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listPackage } from '@electron/asar'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { installedBinary, missingBinaryReason } from '../../src-main/launch/electron-binary.mjs'

const root = join(import.meta.dirname, '../..')
const readJson = async (path: string) => JSON.parse(await readFile(join(root, path), 'utf8'))
const builderConfig = async () =>
  parse(await readFile(join(root, 'build/electron-builder.yml'), 'utf8')) as {
    files: string[]
    asar: boolean
  }

/** Packages only tests, builds or the CLI use: none may reach the installer through `dependencies`. */
const devOnly = [
  'vitest',
  'playwright-core',
  'tsx',
  'jsdom',
  'fake-indexeddb',
  'fast-check',
  '@testing-library/react',
  'electron',
  'electron-builder',
  'electron-vite',
  'vite',
  'typescript',
]
/** Libraries the renderer bundle carries already: listing them in `dependencies` would ship them twice. */
const bundledInRenderer = [
  'react',
  'react-dom',
  'dexie',
  'chart.js',
  'react-chartjs-2',
  'zustand',
  '@tanstack/react-virtual',
]

/** The package imports of main's and shared's sources, tests and the CLI aside (read from files, not git). */
async function mainSourceImports(): Promise<string> {
  const dirs = ['src-main', 'shared'].map((dir) =>
    readdir(join(root, dir), { recursive: true, withFileTypes: true }),
  )
  const files = (await Promise.all(dirs))
    .flat()
    .filter((f) => f.isFile() && /\.(ts|mjs)$/.test(f.name) && !f.name.endsWith('.test.ts'))
    .map((f) => join(f.parentPath, f.name))
    .filter((path) => !path.startsWith(join(root, 'src-main/cli')))
  const texts = await Promise.all(files.map((path) => readFile(path, 'utf8')))
  return texts.flatMap((text) => text.match(/from '[^.][^']*'/g) ?? []).join('\n')
}

describe('packaging', () => {
  it('ships only the built app, without the CLI or source maps', async () => {
    const config = await builderConfig()
    expect(config.asar).toBe(true)
    expect(config.files).toEqual(
      expect.arrayContaining([
        'out/main/**',
        'out/preload/**',
        'out/renderer/**',
        'package.json',
        '!out/cli/**',
        '!**/*.map',
      ]),
    )
    expect(config.files.some((f) => f === 'out/**' || f.startsWith('src') || f.startsWith('test'))).toBe(
      false,
    )
  })

  it('keeps in dependencies only what the main process needs at run time', async () => {
    const { dependencies, devDependencies } = await readJson('package.json')
    const runtime = Object.keys(dependencies)
    for (const name of [...devOnly, ...bundledInRenderer]) {
      expect(runtime, `${name} must not be a run-time dependency`).not.toContain(name)
      expect(Object.keys(devDependencies)).toContain(name)
    }
    // Every run-time dependency is imported by the main process's sources (tests and the CLI aside).
    const mainImports = await mainSourceImports()
    for (const name of runtime)
      expect(mainImports, `${name} is not imported by main`).toContain(`from '${name}`)
  })

  it.skipIf(!installedBinary())(
    `builds an unpacked Linux app whose archive holds the app and no test packages${installedBinary() ? '' : ` (skipped: ${missingBinaryReason})`}`,
    async () => {
      const out = await mkdtemp(join(tmpdir(), 'ratchet-dist-'))
      execFileSync(
        'npx',
        [
          'electron-builder',
          '--config',
          'build/electron-builder.yml',
          '--linux',
          'dir',
          `-c.directories.output=${out}`,
        ],
        {
          cwd: root,
          stdio: 'inherit',
        },
      )
      const files = listPackage(join(out, 'linux-unpacked/resources/app.asar'), { isPack: false })
      expect(files).toContain('/out/main/index.js')
      expect(files).toContain('/out/renderer/index.html')
      expect(files.some((f) => f.startsWith('/out/cli'))).toBe(false)
      for (const name of devOnly)
        expect(files.some((f) => f.startsWith(`/node_modules/${name}/`))).toBe(false)
    },
    600_000,
  )
})
