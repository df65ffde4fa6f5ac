/**
 * The channel list the preload is built from: every channel of the contract with its kind, and nothing else.
 * It imports no schema (the preload carries no zod); `ChannelKinds` below makes the compiler check it against
 * the contract both ways, so a channel added to the contract without a line here (or the reverse) does not
 * compile. Adding a channel: one line here, with the kind its contract entry has.
 */
import type { Contract } from './contract'
import type { EventDef, InvokeDef } from './define'

/** What the contract says each channel is. */
export type ChannelKinds = {
  [D in keyof Contract]: {
    [K in keyof Contract[D]]: Contract[D][K] extends InvokeDef
      ? 'invoke'
      : Contract[D][K] extends EventDef
        ? 'event'
        : never
  }
}

export const channelKinds = {
  app: { getInfo: 'invoke', openExternal: 'invoke', pickFolder: 'invoke', notice: 'event' },
  aws: {
    listProfiles: 'invoke',
    startLogin: 'invoke',
    cancelLogin: 'invoke',
    loginProgress: 'event',
    discoverTargets: 'invoke',
    profileTarget: 'invoke',
  },
  collect: {
    start: 'invoke',
    cancel: 'invoke',
    retryFailed: 'invoke',
    importFolder: 'invoke',
    exportFolder: 'invoke',
    progress: 'event',
    bundle: 'event',
    summary: 'event',
  },
  export: { save: 'invoke', cancel: 'invoke', progress: 'event' },
} as const satisfies ChannelKinds

// The reverse check: every channel listed here exists in the contract with that kind (no extra lines).
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const isExact: Exact<typeof channelKinds, ChannelKinds> = true
void isExact

/** The name of one channel: `<domain>:<kebab-case name>`. */
export const channelName = (domain: string, name: string): string =>
  `${domain}:${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`

/** `onProgress` for the event `progress`. */
export const subscriberName = (name: string): string => `on${name.charAt(0).toUpperCase()}${name.slice(1)}`

/** Every channel as [domain, name, channel, kind]. */
export function channelEntries(): Array<{
  domain: keyof ChannelKinds
  name: string
  channel: string
  kind: 'invoke' | 'event'
}> {
  return (Object.keys(channelKinds) as Array<keyof ChannelKinds>).flatMap((domain) =>
    Object.entries(channelKinds[domain]).map(([name, kind]) => ({
      domain,
      name,
      channel: channelName(domain, name),
      kind,
    })),
  )
}
