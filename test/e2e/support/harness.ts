import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { build } from 'vite'
import { onTestFinished } from 'vitest'
import { channelName } from '../../../shared/ipc/api'
import { chromiumArgsFor } from '../../../src-main/export/chromium-pdf'
import type { SaveDialogRequest } from '../../../src-main/export/handlers'
import type { FolderDialogRequest } from '../../../src-main/ipc/handles'
import { createRegistry, type EventSink, validateEvent } from '../../../src-main/ipc/registry'
import { createHandlers, type HostDeps } from '../../../src-main/services'
import { type FakeAws, startFakeAws } from '../../fake-aws/index'
import { serveFolder } from './static-server'

const repoRoot = resolve(import.meta.dirname, '../../..')
const rendererDir = join(repoRoot, 'out/renderer')
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The same flags and sandbox decision as the CLI's PDF printer (sandboxed unless it cannot be). */
export const chromiumArgs = chromiumArgsFor(process.env)

let bridgeScript: Promise<string> | undefined

/** Builds the browser test bridge (the preload's stand-in) once per run. */
function loadBridgeScript(): Promise<string> {
  bridgeScript ??= build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: join(import.meta.dirname, 'bridge-entry.ts'), formats: ['iife'], name: 'ratchetBridge' },
    },
  }).then((output) => {
    const results = Array.isArray(output) ? output : [output]
    for (const result of results) {
      if ('output' in result) {
        const chunk = result.output.find((o) => o.type === 'chunk')
        if (chunk && chunk.type === 'chunk') return chunk.code
      }
    }
    throw new Error('The bridge build produced no chunk')
  })
  return bridgeScript
}

export interface LaunchOptions {
  /** Extra environment for the main-side services (HOME is always a fresh temporary folder). */
  env?: Record<string, string>
  /** Prepares the temporary HOME before the app starts. */
  prepareHome?: (home: string) => Promise<void>
  isDemoDefault?: boolean
  /** Answers the export save dialog; by default it saves the suggested name into HOME/Downloads. */
  saveDialog?: (request: SaveDialogRequest, home: string) => Promise<string | undefined>
  /** Answers the main-side folder picker; by default it picks (and creates) HOME/evidence. */
  folderDialog?: (request: FolderDialogRequest, home: string) => Promise<string | undefined>
}

export interface RunningApp {
  page: Page
  context: BrowserContext
  home: string
  /** URLs the app asked to open in the system browser. */
  openedUrls: string[]
  /** What the export save dialog was asked, in order. */
  saveRequests: SaveDialogRequest[]
  /** What the folder picker was asked, in order. */
  folderRequests: FolderDialogRequest[]
  /** Console reports of anything the CSP header refused; close() fails when there are any. */
  cspViolations: string[]
  /** Reloads the page with the same profile: IndexedDB survives, as it does across app restarts. */
  reload(): Promise<void>
  close(): Promise<void>
}

/** Starts the fake AWS for the running test and stops it when that test ends. */
export async function startFakeAwsForTest(options: Parameters<typeof startFakeAws>[0]): Promise<FakeAws> {
  const fake = await startFakeAws(options)
  onTestFinished(() => fake.close())
  return fake
}

/** Launches the app for the running test and closes it when that test ends, whatever its outcome. */
export async function launchAppForTest(options: LaunchOptions = {}): Promise<RunningApp> {
  const app = await launchApp(options)
  onTestFinished(() => app.close())
  return app
}

/** Starts the built renderer in real Chromium, with window.api answered by the real main-side handlers. */
export async function launchApp(options: LaunchOptions = {}): Promise<RunningApp> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` (npm test does this) before the e2e tests')
  }
  const home = await mkdtemp(join(tmpdir(), 'ratchet-home-'))
  const profileDir = await mkdtemp(join(tmpdir(), 'ratchet-chromium-'))
  await options.prepareHome?.(home)
  // The SDK's fromSSO/fromIni read HOME and AWS_CONFIG_FILE from process.env (the token cache has no other
  // override), so point them at the temporary HOME while the app runs; close() restores them.
  const restoreEnv = pointAwsEnvAt(home, options.env)
  const server = await serveFolder(rendererDir)
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const cspViolations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
  })
  const openedUrls: string[] = []
  const saveRequests: SaveDialogRequest[] = []
  const folderRequests: FolderDialogRequest[] = []
  const events: EventSink = {
    emit(domain, name, payload) {
      const checked = validateEvent(domain, name, payload)
      void page
        .evaluate(
          ([channel, body]) =>
            (globalThis as unknown as { __ratchetDispatch(c: unknown, p: unknown): void }).__ratchetDispatch(
              channel,
              body,
            ),
          [channelName(domain, name), checked] as const,
        )
        .catch(() => undefined)
    },
  }
  const deps: HostDeps = {
    env: { PATH: process.env.PATH ?? '', ...options.env, HOME: home },
    version: '0.0.0-test',
    platform: process.platform,
    events,
    openExternal: async (url) => {
      openedUrls.push(url)
    },
    isDemoDefault: options.isDemoDefault ?? false,
    showSaveDialog: async (request) => {
      saveRequests.push(request)
      if (options.saveDialog) return options.saveDialog(request, home)
      await mkdir(join(home, 'Downloads'), { recursive: true })
      return join(home, 'Downloads', request.defaultFileName)
    },
    showFolderDialog: async (request) => {
      folderRequests.push(request)
      if (options.folderDialog) return options.folderDialog(request, home)
      await mkdir(join(home, 'evidence'), { recursive: true })
      return join(home, 'evidence')
    },
  }
  const registry = createRegistry(createHandlers(deps))
  await page.exposeFunction('__ratchetInvoke', (channel: string, request: unknown) =>
    registry.invoke(channel, request),
  )
  await page.addInitScript({ content: await loadBridgeScript() })
  await page.goto(server.url)
  return {
    page,
    context,
    home,
    openedUrls,
    saveRequests,
    folderRequests,
    cspViolations,
    reload: async () => {
      await page.reload()
    },
    close: async () => {
      restoreEnv()
      await context.close()
      await server.close()
      await rm(profileDir, { recursive: true, force: true })
      await rm(home, { recursive: true, force: true })
      // The tests see what users get: a page that trips the CSP header fails the test that showed it.
      if (cspViolations.length > 0) throw new Error(`CSP violations:\n${cspViolations.join('\n')}`)
    },
  }
}

/** Sets HOME and AWS_CONFIG_FILE in process.env to the temporary HOME; returns a function that restores them. */
function pointAwsEnvAt(home: string, env: Record<string, string> | undefined): () => void {
  const names = ['HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE'] as const
  const saved = names.map((name) => [name, process.env[name]] as const)
  process.env.HOME = home
  process.env.AWS_CONFIG_FILE = env?.AWS_CONFIG_FILE ?? join(home, '.aws', 'config')
  process.env.AWS_SHARED_CREDENTIALS_FILE =
    env?.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials')
  if (env?.AWS_PROFILE) process.env.AWS_PROFILE = env.AWS_PROFILE
  else delete process.env.AWS_PROFILE
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}
