import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { app, BrowserWindow, dialog, shell } from 'electron'
import { resolveAwsFiles } from './aws/profiles'
import { createElectronPdfPrinter } from './export/electron-pdf'
import type { SaveDialogRequest } from './export/handlers'
import { registerIpc, windowEventSink } from './ipc/electron'
import { createRegistry } from './ipc/registry'
import { hardenWebContents, isAllowedExternalUrl, secureWebPreferences } from './security'
import { createHandlers } from './services'

const here = import.meta.dirname
const devServerUrl = process.env.ELECTRON_RENDERER_URL
const appOrigin = devServerUrl ? new URL(devServerUrl).origin : 'file://'
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

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Ratchet',
    webPreferences: { ...secureWebPreferences, preload: join(here, '../preload/preload.cjs') },
  })
  hardenWebContents(mainWindow.webContents, { appOrigin, openExternal: (url) => void openExternal(url) })
  mainWindow.once('ready-to-show', () => mainWindow?.show())
  mainWindow.on('closed', () => {
    mainWindow = undefined
  })
  if (devServerUrl) void mainWindow.loadURL(devServerUrl)
  else void mainWindow.loadFile(join(here, '../renderer/index.html'))
}

app.enableSandbox()
void app.whenReady().then(() => {
  const version = JSON.parse(readFileSync(join(app.getAppPath(), 'package.json'), 'utf8')).version as string
  const handlers = createHandlers({
    env: process.env,
    version,
    platform: process.platform,
    events: windowEventSink(() => mainWindow),
    openExternal,
    isDemoDefault: !hasAwsConfig(),
    showSaveDialog,
    createPdfPrinter: createElectronPdfPrinter,
  })
  registerIpc(createRegistry(handlers), appOrigin)
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
