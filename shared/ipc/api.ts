import type { z } from 'zod'
import { AppError, type AppErrorData } from '../errors'
import { channelName, subscriberName } from './channels'
import { type Contract, contract } from './contract'
import type { EventDef, InvokeDef } from './define'

/** What crosses the wire for every invoke: a value or a typed error, never a thrown stack. */
export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: AppErrorData }

type Domain = keyof Contract

export { createBridgeApi } from './bridge'
export { channelName } from './channels'

type InvokeMethod<D extends InvokeDef, Wrap extends 'value' | 'envelope'> =
  z.input<D['request']> extends undefined
    ? () => Promise<Result<z.output<D['response']>, Wrap>>
    : (request: z.input<D['request']>) => Promise<Result<z.output<D['response']>, Wrap>>

type Result<T, Wrap> = Wrap extends 'value' ? T : Envelope<T>

type DomainApi<T, Wrap extends 'value' | 'envelope'> = {
  [K in keyof T as T[K] extends InvokeDef ? K : never]: T[K] extends InvokeDef
    ? InvokeMethod<T[K], Wrap>
    : never
} & {
  [K in keyof T as T[K] extends EventDef ? `on${Capitalize<K & string>}` : never]: T[K] extends EventDef
    ? (listener: (payload: z.output<T[K]['payload']>) => void) => () => void
    : never
}

/**
 * What the preload exposes as `window.api`: one method per channel, one subscriber per event. Invokes
 * resolve to envelopes, because custom error fields do not survive Electron's contextBridge.
 */
export type BridgeApi = { [D in Domain]: DomainApi<Contract[D], 'envelope'> }

/** What renderer code uses: the same methods, resolving to values and rejecting with AppError. */
export type RendererApi = { [D in Domain]: DomainApi<Contract[D], 'value'> }

/** How the API reaches main: Electron's ipcRenderer in the preload, Playwright's bridge in browser tests. */
export interface Transport {
  invoke(channel: string, request: unknown): Promise<Envelope>
  subscribe(channel: string, listener: (payload: unknown) => void): () => void
}

/** Every channel in the contract, flattened. */
export function listChannels(): Array<{
  domain: Domain
  name: string
  channel: string
  def: InvokeDef | EventDef
}> {
  return (Object.keys(contract) as Domain[]).flatMap((domain) =>
    Object.entries(contract[domain]).map(([name, def]) => ({
      domain,
      name,
      channel: channelName(domain, name),
      def: def as InvokeDef | EventDef,
    })),
  )
}

/** Wraps the bridge so invokes resolve to their value and typed errors are rethrown as AppError. */
export function createRendererApi(bridge: BridgeApi): RendererApi {
  const api: Record<string, Record<string, unknown>> = {}
  const source = bridge as unknown as Record<string, Record<string, (arg?: unknown) => unknown>>
  for (const { domain, name, def } of listChannels()) {
    const target = api[domain] ?? {}
    api[domain] = target
    const method = def.kind === 'invoke' ? name : subscriberName(name)
    const original = source[domain]?.[method]
    if (!original) throw new Error(`window.api is missing ${domain}.${method}: the preload is out of date`)
    target[method] =
      def.kind === 'invoke'
        ? async (request?: unknown) => {
            const envelope = (await original(request)) as Envelope
            if (envelope.ok) return envelope.value
            throw AppError.from(envelope.error)
          }
        : original
  }
  return api as RendererApi
}
