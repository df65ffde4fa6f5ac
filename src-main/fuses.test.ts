import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const repoRoot = join(import.meta.dirname, '..')
const config = parse(readFileSync(join(repoRoot, 'build/electron-builder.yml'), 'utf8')) as {
  asar?: unknown
  electronFuses?: Record<string, unknown>
}

/**
 * Fuses can only be flipped on a packaged binary, which these tests cannot build (no Electron download), so
 * they hold the configuration electron-builder flips them from.
 */
describe('Electron fuses in build/electron-builder.yml', () => {
  it('turns off every way to run the binary as Node or attach a debugger, and file:// privileges', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('encrypts cookies and loads the app only from an integrity-checked ASAR', () => {
    expect(config.electronFuses).toMatchObject({
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    })
    // The integrity fuse means nothing without an ASAR whose hash is embedded.
    expect(config.asar).toBe(true)
  })

  it('uses only option names electron-builder knows, so none is silently ignored', () => {
    const scheme = JSON.parse(
      readFileSync(join(repoRoot, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
    ) as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } }
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties)
    expect(Object.keys(config.electronFuses ?? {}).filter((key) => !known.includes(key))).toEqual([])
  })
})
