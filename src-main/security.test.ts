import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listChannels } from '../shared/ipc/api'
import {
  appOrigin,
  appSchemePrivileges,
  contentSecurityPolicy,
  type HardenableContents,
  hardenWebContents,
  isAllowedExternalUrl,
  isAppUrl,
  isPrintRequestAllowed,
  isTrustedSender,
  printWindowPreferences,
  rendererEntry,
  secureWebPreferences,
  windowPreferences,
} from './security'

/** A stand-in for Electron's webContents that records what hardening installed. */
function fakeContents() {
  const listeners = new Map<string, (...args: unknown[]) => void>()
  let windowOpen: ((d: { url: string }) => { action: string }) | undefined
  let permission: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined
  let permissionCheck: (() => boolean) | undefined
  let devToolsClosed = 0
  const contents = {
    on: (event: string, listener: (...args: unknown[]) => void) => listeners.set(event, listener),
    setWindowOpenHandler: (handler: typeof windowOpen) => {
      windowOpen = handler
    },
    closeDevTools: () => {
      devToolsClosed += 1
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
    openDevTools: () => {
      listeners.get('devtools-opened')?.()
      return devToolsClosed
    },
  }
}

function harden(options: { isPackaged?: boolean; appOrigin?: string } = {}) {
  const opened: string[] = []
  const fake = fakeContents()
  hardenWebContents(fake.contents, {
    appOrigin: options.appOrigin ?? appOrigin,
    isPackaged: options.isPackaged ?? true,
    openExternal: (u) => opened.push(u),
  })
  return { fake, opened }
}

describe('window hardening', () => {
  // Electron's security checklist, item by item: the preference and the value every window must have.
  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
  ] as const)('creates windows with %s = %s', (preference, value) => {
    expect(secureWebPreferences[preference]).toBe(value)
  })

  it('turns DevTools off in packaged builds only', () => {
    expect(windowPreferences(true, '/p.cjs')).toMatchObject({
      devTools: false,
      sandbox: true,
      preload: '/p.cjs',
    })
    expect(windowPreferences(false, '/p.cjs').devTools).toBe(true)
    expect(harden({ isPackaged: true }).fake.openDevTools()).toBe(1)
    expect(harden({ isPackaged: false }).fake.openDevTools()).toBe(0)
  })

  it('denies window.open and hands allow-listed links to the system browser', () => {
    const { fake, opened } = harden()
    expect(fake.open('https://docs.aws.amazon.com/IAM/latest/UserGuide/')).toEqual({ action: 'deny' })
    expect(fake.open('https://evil.example.com/')).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://docs.aws.amazon.com/IAM/latest/UserGuide/'])
  })

  it('denies navigation away from the app origin, in every frame, but allows in-app navigation', () => {
    const { fake, opened } = harden()
    expect(fake.navigate('will-navigate', 'https://evil.example.com/')).toBe(true)
    expect(fake.navigate('will-redirect', 'http://docs.aws.amazon.com/')).toBe(true)
    expect(fake.navigate('will-frame-navigate', 'https://docs.aws.amazon.com/x')).toBe(true)
    expect(fake.navigate('will-navigate', 'file:///app/out/renderer/index.html')).toBe(true)
    expect(fake.navigate('will-navigate', 'app://other/index.html')).toBe(true)
    expect(fake.navigate('will-navigate', 'app://ratchet/index.html#x')).toBe(false)
    // A sub-frame's allowed link is blocked without opening it: only the main frame's click opens a browser.
    expect(opened).toEqual([])
    expect(fake.navigate('will-navigate', 'https://docs.aws.amazon.com/x')).toBe(true)
    expect(opened).toEqual(['https://docs.aws.amazon.com/x'])
  })

  it('blocks <webview> and every permission request', async () => {
    const { fake } = harden()
    expect(fake.attachWebview()).toBe(true)
    expect(await fake.askPermission('media')).toBe(false)
    expect(fake.checkPermission()).toBe(false)
  })
})

describe('the PDF print window', () => {
  it('is sandboxed with JavaScript off, in its own session', () => {
    const { sandbox, contextIsolation, nodeIntegration, webSecurity } = secureWebPreferences
    expect(printWindowPreferences).toMatchObject({ sandbox, contextIsolation, nodeIntegration, webSecurity })
    expect(printWindowPreferences).toMatchObject({ javascript: false, partition: 'ratchet-print' })
  })

  it('loads only its own report file: no other file and no network', () => {
    const report = 'file:///tmp/ratchet-report-1-2.html'
    expect(isPrintRequestAllowed(report, report)).toBe(true)
    expect(isPrintRequestAllowed('file:///etc/passwd', report)).toBe(false)
    expect(isPrintRequestAllowed('https://evil.example.com/pixel.png', report)).toBe(false)
    expect(isPrintRequestAllowed('data:image/png;base64,AAAA', report)).toBe(false)
  })
})

describe('openExternal allow-list', () => {
  it('opens only https URLs under an exact prefix, on the default port, without credentials', () => {
    expect(isAllowedExternalUrl('https://docs.aws.amazon.com/x')).toBe(true)
    expect(isAllowedExternalUrl('https://DOCS.aws.amazon.com/x')).toBe(true)
    expect(isAllowedExternalUrl('https://maturitymodel.security.aws.dev/en/')).toBe(true)
    expect(isAllowedExternalUrl('http://docs.aws.amazon.com/x')).toBe(false)
    expect(isAllowedExternalUrl('https://docs.aws.amazon.com:8443/x')).toBe(false)
    expect(isAllowedExternalUrl('https://docs.aws.amazon.com.evil.com/')).toBe(false)
    expect(isAllowedExternalUrl('https://evil.docs.aws.amazon.com/')).toBe(false)
    expect(isAllowedExternalUrl('https://user:pw@docs.aws.amazon.com/')).toBe(false)
    expect(isAllowedExternalUrl('https://github.com/anyone/anything')).toBe(false)
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false)
    expect(isAllowedExternalUrl('not a url')).toBe(false)
  })

  it('widens the list by exact hosts for one call (the SSO device page), never by their subdomains', () => {
    const device = 'device.sso.us-east-1.amazonaws.com'
    expect(isAllowedExternalUrl(`https://${device}/?user_code=AB`, [device])).toBe(true)
    expect(isAllowedExternalUrl(`https://x.${device}/`, [device])).toBe(false)
    expect(isAllowedExternalUrl(`https://${device}:444/`, [device])).toBe(false)
    expect(isAllowedExternalUrl(`https://${device}/`)).toBe(false)
  })
})

describe('the app origin and the IPC sender check', () => {
  it('registers app:// as a standard, secure scheme that does not bypass CSP', () => {
    expect(appOrigin).toBe('app://ratchet')
    expect(appSchemePrivileges).toMatchObject({ standard: true, secure: true })
    expect(appSchemePrivileges).not.toHaveProperty('bypassCSP')
  })

  it('trusts only the exact origin: no file:// page, no other host or port', () => {
    expect(isAppUrl('app://ratchet/index.html', appOrigin)).toBe(true)
    expect(isAppUrl('file:///any/other/page.html', appOrigin)).toBe(false)
    expect(isAppUrl('file:///any/other/page.html', 'file://')).toBe(false)
    expect(isAppUrl('app://ratchet.evil/index.html', appOrigin)).toBe(false)
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isAppUrl('', appOrigin)).toBe(false)
  })

  it('accepts IPC only from a top-level frame of the app origin', () => {
    expect(isTrustedSender({ url: 'app://ratchet/index.html', parent: null }, appOrigin)).toBe(true)
    expect(isTrustedSender({ url: 'app://ratchet/index.html', parent: {} }, appOrigin)).toBe(false)
    expect(isTrustedSender({ url: 'file:///tmp/evil.html', parent: null }, appOrigin)).toBe(false)
    expect(isTrustedSender({ url: 'https://docs.aws.amazon.com/', parent: null }, appOrigin)).toBe(false)
    expect(isTrustedSender(null, appOrigin)).toBe(false)
    expect(isTrustedSender(undefined, appOrigin)).toBe(false)
  })

  it('honours ELECTRON_RENDERER_URL only when not packaged, and only on loopback http', () => {
    const dev = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' }
    expect(rendererEntry(false, dev)).toEqual({
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    })
    expect(rendererEntry(true, dev)).toEqual({ url: 'app://ratchet/index.html', origin: 'app://ratchet' })
    expect(rendererEntry(false, {})).toEqual({ url: 'app://ratchet/index.html', origin: 'app://ratchet' })
    for (const url of ['https://evil.example.com/', 'file:///tmp/x.html', 'not a url']) {
      expect(rendererEntry(false, { ELECTRON_RENDERER_URL: url }).origin).toBe('app://ratchet')
    }
  })
})

describe('Content-Security-Policy', () => {
  it('allows only the app itself, with no inline styles or eval, and forbids framing', () => {
    expect(contentSecurityPolicy).toContain("script-src 'self'")
    expect(contentSecurityPolicy).toContain("style-src 'self'")
    expect(contentSecurityPolicy).toContain("frame-ancestors 'none'")
    expect(contentSecurityPolicy).not.toContain('unsafe-inline')
    expect(contentSecurityPolicy).not.toContain('unsafe-eval')
  })

  it('is sent as a header, not a meta tag (which cannot carry frame-ancestors), and the HTML has nothing inline', () => {
    const source = readFileSync(join(import.meta.dirname, '../src-renderer/index.html'), 'utf8')
    const built = readFileSync(join(import.meta.dirname, '../out/renderer/index.html'), 'utf8')
    for (const html of [source, built]) {
      expect(html).not.toMatch(/http-equiv="Content-Security-Policy"/i)
      expect(html).not.toMatch(/<style|style="|<script(?![^>]*\bsrc=)/i)
    }
  })
})

describe('docs/security.md', () => {
  it('lists every IPC channel of the contract with what it may read and write', () => {
    const doc = readFileSync(join(import.meta.dirname, '../docs/security.md'), 'utf8')
    const missing = listChannels()
      .map((c) => c.channel)
      .filter((channel) => !doc.includes(`\`${channel}\``))
    expect(missing).toEqual([])
  })
})
