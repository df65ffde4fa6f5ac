import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { app, BrowserWindow, shell } from 'electron'
import { resolveAwsFiles } from './aws/profiles'
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

async function openExternal(url: string): Promise<void> {
  if (!isAllowedExternalUrl(url)) throw new Error(`Ratchet only opens AWS documentation links, not ${url}`)
  await shell.openExternal(url)
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
