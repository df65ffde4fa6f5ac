import { describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { channelName, createBridgeApi, createRendererApi, listChannels, type Transport } from './api'

describe('the IPC contract', () => {
  it('names channels <domain>:<kebab-case>', () => {
    expect(channelName('aws', 'listProfiles')).toBe('aws:list-profiles')
    for (const { channel } of listChannels()) expect(channel).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/)
  })

  it('gives the bridge one method per invoke channel and one subscriber per event', async () => {
    const calls: Array<[string, unknown]> = []
    const subscribed: string[] = []
    const transport: Transport = {
      invoke: async (channel, request) => {
        calls.push([channel, request])
        return { ok: true, value: { isOpened: true } }
      },
      subscribe: (channel) => {
        subscribed.push(channel)
        return () => undefined
      },
    }
    const bridge = createBridgeApi(transport)
    await bridge.app.openExternal({ url: 'https://docs.aws.amazon.com/' })
    const unsubscribe = bridge.app.onNotice(() => undefined)
    expect(calls).toEqual([['app:open-external', { url: 'https://docs.aws.amazon.com/' }]])
    expect(subscribed).toEqual(['app:notice'])
    expect(typeof unsubscribe).toBe('function')
    expect(Object.keys(bridge).sort()).toEqual([...new Set(listChannels().map((c) => c.domain))].sort())
  })

  it('rethrows typed errors as AppError in the renderer client', async () => {
    const api = createRendererApi(
      createBridgeApi({
        invoke: async () => ({
          ok: false,
          error: { code: 'invalid-request', message: 'bad', hint: 'fix it' },
        }),
        subscribe: () => () => undefined,
      }),
    )
    const error = await api.aws.listProfiles({}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'invalid-request', message: 'bad', hint: 'fix it' })
  })

  it('says so when window.api lacks a channel', () => {
    expect(() => createRendererApi({ app: {} } as never)).toThrow(/preload is out of date/)
  })
})
