import { contextBridge, ipcRenderer } from 'electron'
import type { BridgeApi, Envelope } from '../../shared/ipc/api'
import { createBridgeApi } from '../../shared/ipc/bridge'

/**
 * The preload exposes one method per contract channel and nothing else: no ipcRenderer, no generic invoke.
 * It is bundled into one CommonJS file so it runs with sandbox: true, from the channel list alone (no schemas).
 */
const api = createBridgeApi({
  invoke: (channel, request) => ipcRenderer.invoke(channel, request) as Promise<Envelope>,
  subscribe: (channel, listener) => {
    const wrapped = (_event: unknown, payload: unknown) => listener(payload)
    ipcRenderer.on(channel, wrapped)
    return () => {
      ipcRenderer.removeListener(channel, wrapped)
    }
  },
}) satisfies BridgeApi

contextBridge.exposeInMainWorld('api', api)
