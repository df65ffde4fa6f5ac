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

/** The Content-Security-Policy that the renderer's index.html carries. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Hosts whose pages may be opened in the system browser: AWS documentation and the project's own pages. */
export const externalHostAllowList = [
  'docs.aws.amazon.com',
  'aws.amazon.com',
  'console.aws.amazon.com',
  'maturitymodel.security.aws.dev',
  'github.com',
] as const

/** True for https URLs on an allow-listed host (or its subdomains, such as an SSO portal's device page). */
export function isAllowedExternalUrl(raw: string, extraHosts: readonly string[] = []): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false
  const host = url.hostname.toLowerCase()
  return [...externalHostAllowList, ...extraHosts].some(
    (allowed) => host === allowed || host.endsWith(`.${allowed}`),
  )
}

/** True when a URL is the app's own renderer: the dev server in development, the packaged file otherwise. */
export function isAppUrl(raw: string, appOrigin: string): boolean {
  try {
    const url = new URL(raw)
    return appOrigin === 'file://' ? url.protocol === 'file:' : url.origin === appOrigin
  } catch {
    return false
  }
}

/** The subset of Electron's webContents that hardening needs. */
export interface HardenableContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void; url: string }) => void,
  ): void
  on(
    event: 'will-attach-webview',
    listener: (event: { preventDefault(): void }, webPreferences: unknown, params: unknown) => void,
  ): void
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  session: {
    setPermissionRequestHandler(
      handler: (contents: unknown, permission: string, callback: (isGranted: boolean) => void) => void,
    ): void
    setPermissionCheckHandler(handler: () => boolean): void
  }
}

/**
 * Denies window.open, navigation away from the app, <webview> and every permission request. Links to
 * allow-listed hosts open in the system browser instead.
 */
export function hardenWebContents(
  contents: HardenableContents,
  options: { appOrigin: string; openExternal: (url: string) => void },
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) options.openExternal(url)
    return { action: 'deny' }
  })
  const blockNavigation = (event: { preventDefault(): void; url: string }) => {
    if (isAppUrl(event.url, options.appOrigin)) return
    event.preventDefault()
    if (isAllowedExternalUrl(event.url)) options.openExternal(event.url)
  }
  contents.on('will-navigate', blockNavigation)
  contents.on('will-redirect', blockNavigation)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  contents.session.setPermissionCheckHandler(() => false)
}
