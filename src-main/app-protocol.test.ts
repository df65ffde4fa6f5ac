import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveAppPath, serveAppFile } from './app-protocol'
import { contentSecurityPolicy } from './security'

let base: string
let root: string

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'ratchet-protocol-'))
  root = join(base, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Ratchet</title>')
  await writeFile(join(root, 'assets', 'index.js'), 'console.log(1)')
  await writeFile(join(base, 'secret.txt'), 'secret')
  await symlink(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'))
  await symlink(base, join(root, 'up'))
})
afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})

const get = (url: string, method = 'GET') => serveAppFile(new Request(url, { method }), root)

describe('app:// protocol', () => {
  it('serves the built renderer with the CSP and nosniff headers', async () => {
    const page = await get('app://ratchet/')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await page.text()).toContain('<title>Ratchet</title>')
    const script = await get('app://ratchet/assets/index.js')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toBe('console.log(1)')
  })

  it.each([
    'app://ratchet/../secret.txt',
    'app://ratchet/%2e%2e/secret.txt',
    'app://ratchet/assets/..%2f..%2fsecret.txt',
    'app://ratchet/..%5csecret.txt',
    'app://ratchet/index.html%00.js',
    'app://ratchet/assets/link.txt',
    'app://ratchet/up/secret.txt',
    'app://ratchet/assets',
    'app://ratchet/missing.js',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s with a 404 that names nothing', async (url) => {
    const response = await get(url)
    expect(response.status).toBe(404)
    expect(await response.text()).toBe('Not found')
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
  })

  it('answers only GET and HEAD', async () => {
    expect((await get('app://ratchet/index.html', 'HEAD')).status).toBe(200)
    expect((await get('app://ratchet/index.html', 'POST')).status).toBe(404)
  })

  it('maps URLs inside the root lexically and refuses the rest', () => {
    expect(resolveAppPath('app://ratchet/assets/index.js', root)).toBe(join(root, 'assets', 'index.js'))
    expect(resolveAppPath('app://ratchet/', root)).toBe(join(root, 'index.html'))
    expect(resolveAppPath('app://ratchet/a/%E0%A4%A', root)).toBeUndefined()
    expect(resolveAppPath('not a url', root)).toBeUndefined()
  })
})
