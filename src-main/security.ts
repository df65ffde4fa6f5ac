/**
 * All window hardening lives here (Electron's security checklist). It has no Electron import so that
 * Node tests can check it against a stand-in for webContents.
 */

/** The webPreferences every Ratchet window is created with. */
export const secureWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const

/**
 * The hidden window that prints a report to PDF: sandboxed, JavaScript off, and in its own in-memory session
 * (so blocking its network never touches the app window's session).
 */
export const printWindowPreferences = {
  ...secureWebPreferences,
  javascript: false,
  partition: 'ratchet-print',
} as const

/** The print window loads only its own temporary report file: every other request (network included) is cancelled. */
export function isPrintRequestAllowed(url: string, reportFileUrl: string): boolean {
  return url === reportFileUrl
}

/** The app's own scheme and host: the packaged renderer is served from app://ratchet/, never from file://. */
export const appScheme = 'app'
export const appHost = 'ratchet'
export const appOrigin = `${appScheme}://${appHost}`

/**
 * The privileges app:// is registered with before the app is ready: standard (so it has an origin and
 * relative URLs resolve), secure (a secure context, like https), fetch and CORS (module scripts are fetched in
 * CORS mode). No bypassCSP: the CSP header applies to it.
 */
export const appSchemePrivileges = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  stream: true,
} as const

/**
 * The Content-Security-Policy sent as a response header with every app:// page (a meta tag cannot carry
 * frame-ancestors). No 'unsafe-inline': styles come from the bundled CSS files; React's style props go through
 * the CSSOM, which CSP does not govern.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** The headers every app:// response carries, beside its content type. */
export const securityHeaders = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
} as const

/**
 * The only URLs opened in the system browser, as exact prefixes of the normalised URL: https, default port,
 * no credentials. Each ends with a slash so that `https://docs.aws.amazon.com.evil.com` never matches.
 */
export const externalUrlPrefixes = [
  'https://docs.aws.amazon.com/',
  'https://aws.amazon.com/',
  'https://console.aws.amazon.com/',
  'https://maturitymodel.security.aws.dev/',
] as const

/**
 * True when the URL starts with one of the allowed prefixes. `extraHosts` adds exact hosts (no subdomains,
 * default port) for one call: the SSO device page of the session being signed in.
 */
export function isAllowedExternalUrl(raw: string, extraHosts: readonly string[] = []): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false
  const prefixes = [...externalUrlPrefixes, ...extraHosts.map((host) => `https://${host.toLowerCase()}/`)]
  return prefixes.some((prefix) => url.href.startsWith(prefix))
}

/** `scheme://host[:port]` of a URL; Node's URL gives no origin for schemes it does not know, such as app:. */
function originOf(raw: string): string | undefined {
  try {
    const url = new URL(raw)
    return url.host ? `${url.protocol}//${url.host}` : undefined
  } catch {
    return undefined
  }
}

/** True when a URL belongs to the app's renderer origin exactly (app://ratchet, or the dev server). */
export function isAppUrl(raw: string, trustedOrigin: string): boolean {
  return originOf(raw) !== undefined && originOf(raw) === originOf(trustedOrigin)
}

/** The frame an IPC message came from, as much of Electron's WebFrameMain as the sender check needs. */
export interface SenderFrame {
  url: string
  /** Null for a top-level frame. */
  parent: unknown
}

/**
 * The exact sender check every IPC request passes: a top-level frame whose URL has the app's own origin.
 * Sub-frames, other schemes (file:// included) and other ports are refused.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, trustedOrigin: string): boolean {
  return Boolean(frame) && frame?.parent === null && isAppUrl(frame.url, trustedOrigin)
}

/** Where the main window loads the renderer from, and the origin IPC and navigation trust. */
export interface RendererEntry {
  url: string
  origin: string
}

/**
 * The dev server (ELECTRON_RENDERER_URL) only in development, and only on a loopback http address; a packaged
 * build always loads app://ratchet/index.html, whatever the environment says.
 */
export function rendererEntry(
  isPackaged: boolean,
  env: Readonly<Record<string, string | undefined>>,
): RendererEntry {
  const packagedEntry = { url: `${appOrigin}/index.html`, origin: appOrigin }
  const devUrl = env.ELECTRON_RENDERER_URL
  if (isPackaged || !devUrl) return packagedEntry
  try {
    const url = new URL(devUrl)
    const isLoopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
    if (url.protocol !== 'http:' || !isLoopback) return packagedEntry
    return { url: url.href, origin: `${url.protocol}//${url.host}` }
  } catch {
    return packagedEntry
  }
}

/** The webPreferences of the main window: DevTools exist only in unpackaged (development) builds. */
export function windowPreferences(isPackaged: boolean, preload: string) {
  return { ...secureWebPreferences, devTools: !isPackaged, preload }
}

/** The subset of Electron's webContents that hardening needs. */
export interface HardenableContents {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate',
    listener: (event: { preventDefault(): void; url: string }) => void,
  ): void
  on(
    event: 'will-attach-webview',
    listener: (event: { preventDefault(): void }, webPreferences: unknown, params: unknown) => void,
  ): void
  on(event: 'devtools-opened', listener: () => void): void
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  closeDevTools(): void
  session: {
    setPermissionRequestHandler(
      handler: (contents: unknown, permission: string, callback: (isGranted: boolean) => void) => void,
    ): void
    setPermissionCheckHandler(handler: () => boolean): void
  }
}

/** What hardening needs to know about the app. */
export interface HardenOptions {
  /** The renderer's origin (app://ratchet, or the dev server): the only place navigation may go. */
  appOrigin: string
  /** Packaged builds close DevTools as soon as anything opens them. */
  isPackaged: boolean
  openExternal: (url: string) => void
}

/**
 * Denies window.open, navigation away from the app (frames included), <webview>, every permission request
 * and, in packaged builds, DevTools. Links to allow-listed pages open in the system browser instead.
 * main calls it from `web-contents-created`, so every webContents gets it, the PDF window included.
 */
export function hardenWebContents(contents: HardenableContents, options: HardenOptions): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) options.openExternal(url)
    return { action: 'deny' }
  })
  const blockNavigation = (event: { preventDefault(): void; url: string }) => {
    if (isAppUrl(event.url, options.appOrigin)) return false
    event.preventDefault()
    return true
  }
  contents.on('will-navigate', (event) => {
    if (blockNavigation(event) && isAllowedExternalUrl(event.url)) options.openExternal(event.url)
  })
  // Sub-frames too (will-navigate sees only the main frame); the main frame's link was handled above.
  contents.on('will-frame-navigate', blockNavigation)
  contents.on('will-redirect', blockNavigation)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  if (options.isPackaged) contents.on('devtools-opened', () => contents.closeDevTools())
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  contents.session.setPermissionCheckHandler(() => false)
}
