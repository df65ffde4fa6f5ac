import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { contentSecurityPolicy } from './security'

/**
 * Runs src-main/index.ts against a stand-in for the electron module: what main wires up at start (sandbox,
 * privileged scheme, the web-contents-created guard, the protocol, the IPC sender check, the window) is
 * checked without the Electron binary.
 */
const electron = vi.hoisted(() => {
  const state = {
    enableSandbox: 0,
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    appListeners: new Map<string, (...args: unknown[]) => void>(),
    ipcHandlers: new Map<string, (event: unknown, request: unknown) => Promise<unknown>>(),
    windows: [] as Array<{ options: { webPreferences: Record<string, unknown> }; loaded?: string }>,
  }
  class BrowserWindow {
    loaded: string | undefined
    readonly webContents = { send: () => undefined }
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      state.windows.push(this)
    }
    loadURL(url: string) {
      this.loaded = url
      return Promise.resolve()
    }
    once() {}
    on() {}
    static getAllWindows() {
      return state.windows
    }
  }
  const module = {
    app: {
      isPackaged: true,
      enableSandbox: () => {
        state.enableSandbox += 1
      },
      on: (event: string, listener: (...args: unknown[]) => void) => state.appListeners.set(event, listener),
      whenReady: () => Promise.resolve(),
      getAppPath: () => join(import.meta.dirname, '..'),
      getPath: () => '/tmp',
      quit: () => undefined,
    },
    BrowserWindow,
    dialog: {},
    shell: { openExternal: async () => undefined },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        state.protocolHandlers.set(scheme, handler),
    },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, request: unknown) => Promise<unknown>) =>
        state.ipcHandlers.set(channel, handler),
    },
  }
  return { state, module }
})
vi.mock('electron', () => electron.module)

const { state } = electron

beforeAll(async () => {
  // A packaged build must ignore this, whatever the environment says.
  process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/'
  await import('./index')
  await new Promise((resolve) => setTimeout(resolve, 0))
  delete process.env.ELECTRON_RENDERER_URL
})

describe('the main process, packaged', () => {
  it('enables the sandbox for every renderer and registers app:// as privileged before ready', () => {
    expect(state.enableSandbox).toBe(1)
    expect(state.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ])
  })

  it('loads the window from app://, with DevTools off, ignoring ELECTRON_RENDERER_URL', () => {
    const [window] = state.windows
    expect(window?.loaded).toBe('app://ratchet/index.html')
    expect(window?.options.webPreferences).toMatchObject({
      devTools: false,
      sandbox: true,
      contextIsolation: true,
    })
  })

  it('hardens every webContents created, not just the main window', () => {
    const guard = state.appListeners.get('web-contents-created')
    const installed: string[] = []
    const contents = {
      on: (event: string) => installed.push(event),
      setWindowOpenHandler: () => installed.push('window-open'),
      closeDevTools: () => undefined,
      session: {
        setPermissionRequestHandler: () => installed.push('permission-request'),
        setPermissionCheckHandler: () => installed.push('permission-check'),
      },
    }
    guard?.({}, contents)
    expect(installed).toEqual(
      expect.arrayContaining([
        'window-open',
        'will-navigate',
        'will-frame-navigate',
        'will-redirect',
        'will-attach-webview',
        'devtools-opened',
        'permission-request',
        'permission-check',
      ]),
    )
  })

  it('answers app:// through the path-checked handler, with the CSP header', async () => {
    const handler = state.protocolHandlers.get('app')
    const response = await handler?.(new Request('app://ratchet/../package.json'))
    expect(response?.status).toBe(404)
    expect(response?.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
  })

  it('answers IPC only from the top frame of app://ratchet', async () => {
    const getInfo = state.ipcHandlers.get('app:get-info')
    const from = (url: string, parent: unknown = null) =>
      getInfo?.({ senderFrame: { url, parent } }, undefined)
    expect(await from('app://ratchet/index.html')).toMatchObject({ ok: true, value: { name: 'Ratchet' } })
    for (const refused of [
      from('file:///tmp/evil.html'),
      from('http://localhost:5173/'),
      from('app://ratchet/index.html', {}),
      getInfo?.({ senderFrame: null }, undefined),
    ]) {
      expect(await refused).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    }
  })
})
