import { type BridgeApi, createRendererApi, type RendererApi } from '../../shared/ipc/api'

declare global {
  interface Window {
    /** Set by the preload (or the browser test bridge). */
    api?: BridgeApi
  }
}

/** The typed IPC client over `window.api`: invokes resolve to values or reject with AppError. */
export function createIpcClient(bridge: BridgeApi | undefined = window.api): RendererApi {
  if (!bridge) {
    throw new Error(
      'window.api is missing: Ratchet must be started through Electron (npm start), not opened directly.',
    )
  }
  return createRendererApi(bridge)
}
