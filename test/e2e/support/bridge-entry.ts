import { createBridgeApi, type Envelope } from '../../../shared/ipc/api'

/**
 * Stands in for the preload in browser tests. It is built from the same contract as the preload; calls go to
 * the Node side through Playwright's exposeFunction, where the same handler registry as main answers them.
 */
type Listener = (payload: unknown) => void
const scope = globalThis as unknown as {
  __ratchetInvoke(channel: string, request: unknown): Promise<Envelope>
  __ratchetDispatch(channel: string, payload: unknown): void
  api: unknown
}
const listeners = new Map<string, Set<Listener>>()

scope.__ratchetDispatch = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload)
}
scope.api = createBridgeApi({
  invoke: (channel, request) => scope.__ratchetInvoke(channel, request),
  subscribe: (channel, listener) => {
    const set = listeners.get(channel) ?? new Set()
    listeners.set(channel, set)
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  },
})
