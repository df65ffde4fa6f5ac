import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { listChannels } from '../../shared/ipc/api'
import { createHandlers, type HostDeps } from '../services'
import { createFolderHandles } from './handles'
import { createRegistry, redactPaths } from './registry'

/** Every property name anywhere in a JSON schema. */
function propertyNames(schema: unknown): string[] {
  if (!schema || typeof schema !== 'object') return []
  const own = Object.keys((schema as { properties?: object }).properties ?? {})
  return [...own, ...Object.values(schema).flatMap((value) => propertyNames(value))]
}

const pathLike = /^(dir|path|file|folder|directory)$|(Path|Dir|File|Folder|Directory)$/

const temps: string[] = []
afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true })
})

function host(overrides: Partial<HostDeps> = {}): HostDeps {
  return {
    env: { HOME: '/nonexistent-home' },
    version: '1',
    platform: 'linux',
    events: { emit: () => undefined },
    openExternal: async () => undefined,
    isDemoDefault: false,
    ...overrides,
  }
}

describe('no path from the renderer', () => {
  it('has no invoke request field that could carry a file-system path', () => {
    const offenders = listChannels()
      .filter((c) => c.def.kind === 'invoke')
      .flatMap(({ channel, def }) =>
        def.kind === 'invoke'
          ? propertyNames(z.toJSONSchema(def.request, { io: 'input', unrepresentable: 'any' }))
              .filter((name) => pathLike.test(name))
              .map((name) => `${channel}.${name}`)
          : [],
      )
    expect(offenders).toEqual([])
  })

  it('refuses aws:list-profiles with a path, so /etc/passwd is never read', async () => {
    const registry = createRegistry(createHandlers(host()))
    const answer = await registry.invoke('aws:list-profiles', { configFile: '/etc/passwd' })
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(JSON.stringify(answer)).toContain('configFile')
  })

  it('issues handles bound to one purpose and refuses unknown ones', () => {
    const handles = createFolderHandles()
    const handle = handles.issue('evidence-export', '/chosen')
    expect(handle).toMatch(/^fh-[0-9a-f-]{36}$/)
    expect(handles.resolve(handle, 'evidence-export')).toBe('/chosen')
    expect(() => handles.resolve(handle, 'evidence-import')).toThrow(/not valid for evidence-import/)
    expect(() => handles.resolve('fh-00000000-0000-4000-8000-000000000000', 'evidence-export')).toThrow(
      expect.objectContaining({ code: 'unknown-handle' }),
    )
  })

  it('imports only a folder chosen in the picker, and a cancelled picker gives no handle', async () => {
    const home = await mkdtemp(join(tmpdir(), 'ratchet-pick-'))
    temps.push(home)
    await mkdir(join(home, 'empty'))
    let answer: string | undefined
    const registry = createRegistry(createHandlers(host({ showFolderDialog: async () => answer })))
    expect(await registry.invoke('app:pick-folder', { purpose: 'evidence-import' })).toEqual({
      ok: true,
      value: { isChosen: false },
    })
    answer = join(home, 'empty')
    const picked = await registry.invoke('app:pick-folder', { purpose: 'evidence-import' })
    if (!picked.ok) throw new Error('pick failed')
    const { handle } = picked.value as { handle: string }
    const imported = await registry.invoke('collect:import-folder', { handle })
    expect(imported).toMatchObject({ ok: false, error: { code: 'invalid-evidence-folder' } })
    const exported = await registry.invoke('collect:export-folder', { handle, bundles: [] })
    expect(exported).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
  })

  it('has no picker where the host has none (the CLI)', async () => {
    const registry = createRegistry(createHandlers(host()))
    const answer = await registry.invoke('app:pick-folder', { purpose: 'evidence-export' })
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-implemented' } })
  })

  it('cuts absolute paths in unexpected errors to the file name', () => {
    expect(redactPaths("ENOENT: no such file or directory, open '/home/me/.aws/sso/cache/ab12.json'")).toBe(
      "ENOENT: no such file or directory, open 'ab12.json'",
    )
    expect(redactPaths('EACCES: permission denied, scandir C:\\Users\\me\\secret')).toBe(
      'EACCES: permission denied, scandir secret',
    )
    expect(redactPaths('2/3 accounts done')).toBe('2/3 accounts done')
  })
})
