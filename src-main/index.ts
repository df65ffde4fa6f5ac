import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { app, BrowserWindow, dialog, protocol, shell } from 'electron'
import { serveAppFile } from './app-protocol'
import { resolveAwsFiles } from './aws/profiles'
import { createElectronPdfPrinter } from './export/electron-pdf'
import type { SaveDialogRequest } from './export/handlers'
import { registerIpc, windowEventSink } from './ipc/electron'
import type { FolderDialogRequest } from './ipc/handles'
import { createRegistry } from './ipc/registry'
import {
  appScheme,
  appSchemePrivileges,
  hardenWebContents,
  isAllowedExternalUrl,
  rendererEntry,
  windowPreferences,
} from './security'
import { createHandlers } from './services'

const here = import.meta.dirname
const rendererDir = join(here, '../renderer')
// ELECTRON_RENDERER_URL (the dev server) counts only when not packaged: see rendererEntry.
const entry = rendererEntry(app.isPackaged, process.env)
let mainWindow: BrowserWindow | undefined

function hasAwsConfig(): boolean {
  const files = resolveAwsFiles(process.env)
  return existsSync(files.configFile) || existsSync(files.credentialsFile)
}

/** `extraHosts` widens the allow-list for one call (the SSO sign-in page of the session being signed in). */
async function openExternal(url: string, options: { extraHosts?: readonly string[] } = {}): Promise<void> {
  if (!isAllowedExternalUrl(url, options.extraHosts)) {
    throw new Error(`Ratchet only opens AWS documentation links, not ${url}`)
  }
  await shell.openExternal(url)
}

/** The export save dialog, in the Downloads folder by default. Undefined when the user cancels. */
async function showSaveDialog(request: SaveDialogRequest): Promise<string | undefined> {
  const options = {
    defaultPath: join(app.getPath('downloads'), request.defaultFileName),
    filters: request.filters,
  }
  const result = mainWindow
    ? await dialog.showSaveDialog(mainWindow, options)
    : await dialog.showSaveDialog(options)
  return result.canceled ? undefined : result.filePath
}

/** The folder picker behind app:pick-folder. Undefined when the user cancels. */
async function showFolderDialog(request: FolderDialogRequest): Promise<string | undefined> {
  const options: Electron.OpenDialogOptions = {
    title: request.title,
    buttonLabel: request.buttonLabel,
    properties: request.canCreate ? ['openDirectory', 'createDirectory'] : ['openDirectory'],
  }
  const result = mainWindow
    ? await dialog.showOpenDialog(mainWindow, options)
    : await dialog.showOpenDialog(options)
  return result.canceled ? undefined : result.filePaths[0]
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Ratchet',
    webPreferences: windowPreferences(app.isPackaged, join(here, '../preload/preload.cjs')),
  })
  mainWindow.once('ready-to-show', () => mainWindow?.show())
  mainWindow.on('closed', () => {
    mainWindow = undefined
  })
  void mainWindow.loadURL(entry.url)
}

app.enableSandbox()
// Before ready: app:// must be privileged (standard, secure) when its first page loads.
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: appSchemePrivileges }])
// Every webContents, the PDF window and any the renderer might coax into existence, gets the same rules.
app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents, {
    appOrigin: entry.origin,
    isPackaged: app.isPackaged,
    openExternal: (url) => void openExternal(url),
  })
})
void app.whenReady().then(() => {
  protocol.handle(appScheme, (request) => serveAppFile(request, rendererDir))
  const version = JSON.parse(readFileSync(join(app.getAppPath(), 'package.json'), 'utf8')).version as string
  const handlers = createHandlers({
    env: process.env,
    version,
    platform: process.platform,
    events: windowEventSink(() => mainWindow),
    openExternal,
    isDemoDefault: !hasAwsConfig(),
    showSaveDialog,
    showFolderDialog,
    createPdfPrinter: createElectronPdfPrinter,
  })
  registerIpc(createRegistry(handlers), entry.origin)
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
