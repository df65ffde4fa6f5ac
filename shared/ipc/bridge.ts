import type { BridgeApi, Transport } from './api'
import { channelEntries, subscriberName } from './channels'

/**
 * Builds `window.api` over a transport: one method per channel, one subscriber per event. It reads the
 * channel list (no schemas), so the preload that calls it carries no zod; main checks every request.
 */
export function createBridgeApi(transport: Transport): BridgeApi {
  const api: Record<string, Record<string, unknown>> = {}
  for (const { domain, name, channel, kind } of channelEntries()) {
    const target = api[domain] ?? {}
    api[domain] = target
    target[kind === 'invoke' ? name : subscriberName(name)] =
      kind === 'invoke'
        ? (request?: unknown) => transport.invoke(channel, request)
        : (listener: (payload: unknown) => void) => transport.subscribe(channel, listener)
  }
  return api as BridgeApi
}
