// Finds the Electron binary without triggering its download (electron's own `index.js` downloads it when
// missing). Shared by `npm start` and the tests that need the real binary. Plain Node: it runs before any build.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** The folder of an installed package, resolved from the project. */
export const packageDir = (name) => dirname(createRequire(import.meta.url).resolve(`${name}/package.json`))

/** The binary's path when it is installed (electron's layout: dist/<path.txt>), else undefined. */
export function installedBinary(dir = packageDir('electron')) {
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return undefined
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : undefined
}

export const missingBinaryReason =
  'the Electron binary is not installed (it downloads on the first `npm start`)'
