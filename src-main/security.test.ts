import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  contentSecurityPolicy,
  type HardenableContents,
  hardenWebContents,
  isAllowedExternalUrl,
  secureWebPreferences,
} from './security'

/** A stand-in for Electron's webContents that records what hardening installed. */
function fakeContents() {
  const listeners = new Map<string, (...args: unknown[]) => void>()
  let windowOpen: ((d: { url: string }) => { action: string }) | undefined
  let permission: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined
  let permissionCheck: (() => boolean) | undefined
  const contents = {
    on: (event: string, listener: (...args: unknown[]) => void) => listeners.set(event, listener),
    setWindowOpenHandler: (handler: typeof windowOpen) => {
      windowOpen = handler
    },
    session: {
      setPermissionRequestHandler: (handler: typeof permission) => {
        permission = handler
      },
      setPermissionCheckHandler: (handler: typeof permissionCheck) => {
        permissionCheck = handler
      },
    },
  } as unknown as HardenableContents
  const navigate = (event: string, url: string) => {
    let isPrevented = false
    listeners.get(event)?.({ url, preventDefault: () => (isPrevented = true) })
    return isPrevented
  }
  return {
    contents,
    navigate,
    attachWebview: () => navigate('will-attach-webview', ''),
    open: (url: string) => windowOpen?.({ url }),
    askPermission: (name: string) =>
      new Promise<boolean>((resolve) => permission?.(undefined, name, resolve)),
    checkPermission: () => permissionCheck?.(),
  }
}

describe('window hardening', () => {
  it('creates windows with context isolation and the sandbox on, and Node integration off', () => {
    expect(secureWebPreferences.contextIsolation).toBe(true)
    expect(secureWebPreferences.sandbox).toBe(true)
    expect(secureWebPreferences.nodeIntegration).toBe(false)
    expect(secureWebPreferences.webviewTag).toBe(false)
  })

  it('denies window.open and hands allow-listed links to the system browser', () => {
    const opened: string[] = []
    const fake = fakeContents()
    hardenWebContents(fake.contents, { appOrigin: 'file://', openExternal: (u) => opened.push(u) })
    expect(fake.open('https://docs.aws.amazon.com/IAM/latest/UserGuide/')).toEqual({ action: 'deny' })
    expect(fake.open('https://evil.example.com/')).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://docs.aws.amazon.com/IAM/latest/UserGuide/'])
  })

  it('denies navigation away from the app but allows in-app navigation', () => {
    const opened: string[] = []
    const fake = fakeContents()
    hardenWebContents(fake.contents, { appOrigin: 'file://', openExternal: (u) => opened.push(u) })
    expect(fake.navigate('will-navigate', 'https://evil.example.com/')).toBe(true)
    expect(fake.navigate('will-redirect', 'http://docs.aws.amazon.com/')).toBe(true)
    expect(fake.navigate('will-navigate', 'file:///app/out/renderer/index.html#x')).toBe(false)
    expect(opened).toEqual([])
  })

  it('blocks <webview> and every permission request', async () => {
    const fake = fakeContents()
    hardenWebContents(fake.contents, { appOrigin: 'file://', openExternal: () => undefined })
    expect(fake.attachWebview()).toBe(true)
    expect(await fake.askPermission('media')).toBe(false)
    expect(fake.checkPermission()).toBe(false)
  })

  it('only allows https links to allow-listed hosts', () => {
    expect(isAllowedExternalUrl('https://docs.aws.amazon.com/x')).toBe(true)
    expect(isAllowedExternalUrl('https://device.sso.us-east-1.amazonaws.com/', ['amazonaws.com'])).toBe(true)
    expect(isAllowedExternalUrl('http://docs.aws.amazon.com/x')).toBe(false)
    expect(isAllowedExternalUrl('https://docs.aws.amazon.com.evil.com/')).toBe(false)
    expect(isAllowedExternalUrl('https://user:pw@docs.aws.amazon.com/')).toBe(false)
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false)
    expect(isAllowedExternalUrl('not a url')).toBe(false)
  })

  it('ships the CSP in both the source and the built index.html', () => {
    const source = readFileSync(join(import.meta.dirname, '../src-renderer/index.html'), 'utf8')
    const built = readFileSync(join(import.meta.dirname, '../out/renderer/index.html'), 'utf8')
    for (const html of [source, built]) {
      const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)
      expect(meta?.[1]).toBe(contentSecurityPolicy)
    }
    expect(contentSecurityPolicy).toContain("script-src 'self'")
    expect(contentSecurityPolicy).not.toContain('unsafe-eval')
  })
})
