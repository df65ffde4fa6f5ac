import type { z } from 'zod'
import { AppError, describeZodError } from '../../shared/errors'
import { type Envelope, listChannels } from '../../shared/ipc/api'
import type { Contract } from '../../shared/ipc/contract'
import type { EventDef, InvokeDef } from '../../shared/ipc/define'

type Domain = keyof Contract

type Handler<D extends InvokeDef> = (request: z.output<D['request']>) => Promise<z.input<D['response']>>

/** The main-side implementation of every invoke channel, one function per channel. */
export type Handlers = {
  [D in Domain]: {
    [K in keyof Contract[D] as Contract[D][K] extends InvokeDef ? K : never]: Contract[D][K] extends InvokeDef
      ? Handler<Contract[D][K]>
      : never
  }
}

/** The payload type of one event. */
export type EventPayload<D extends Domain, K extends keyof Contract[D]> = Contract[D][K] extends EventDef
  ? z.input<Contract[D][K]['payload']>
  : never

/** How services emit main → renderer events without knowing about Electron. */
export interface EventSink {
  emit<D extends Domain, K extends keyof Contract[D] & string>(
    domain: D,
    name: K,
    payload: EventPayload<D, K>,
  ): void
}

export interface Registry {
  /** Invoke channels, in contract order. */
  readonly channels: readonly string[]
  /** Validates the request, calls the handler, validates the response. Never throws. */
  invoke(channel: string, rawRequest: unknown): Promise<Envelope>
}

/** Builds the registry from the contract and a full set of handlers. */
export function createRegistry(handlers: Handlers): Registry {
  const table = new Map<string, { def: InvokeDef; run: (request: unknown) => Promise<unknown> }>()
  for (const { domain, name, channel, def } of listChannels()) {
    if (def.kind !== 'invoke') continue
    const run = (handlers as unknown as Record<string, Record<string, (r: unknown) => Promise<unknown>>>)[
      domain
    ]?.[name]
    if (!run) throw new Error(`No handler for ${channel}`)
    table.set(channel, { def, run })
  }
  return {
    channels: [...table.keys()],
    async invoke(channel, rawRequest) {
      const entry = table.get(channel)
      if (!entry) return fail(new AppError('unknown-channel', `There is no channel named ${channel}.`))
      const request = entry.def.request.safeParse(rawRequest)
      if (!request.success) {
        return fail(
          new AppError(
            'invalid-request',
            `${channel} was sent an invalid request: ${describeZodError(request.error)}`,
            'Check the value you entered and try again.',
          ),
        )
      }
      try {
        const result = await entry.run(request.data)
        const response = entry.def.response.safeParse(result)
        if (!response.success) {
          return fail(
            new AppError(
              'invalid-response',
              `${channel} produced a response that does not match the contract: ${describeZodError(response.error)}`,
              'This is a bug in Ratchet. Please report it with the steps that led here.',
            ),
          )
        }
        return { ok: true, value: response.data }
      } catch (error) {
        return fail(toAppError(error))
      }
    },
  }
}

/** Validates an event payload against the contract before it leaves main. */
export function validateEvent(domain: string, name: string, payload: unknown): unknown {
  const def = listChannels().find((c) => c.domain === domain && c.name === name)?.def
  if (def?.kind !== 'event') throw new Error(`No event ${domain}:${name} in the contract`)
  return def.payload.parse(payload)
}

function fail(error: AppError): Envelope {
  return { ok: false, error: error.toData() }
}

/** An absolute POSIX or Windows path standing alone in a message (after a space, a quote or a bracket). */
const absolutePath = /(?<=^|[\s'"`(])(?:[A-Za-z]:[\\/]|\/)(?:[^\s'"`)\\/]+[\\/])*([^\s'"`)\\/]+)/g

/**
 * Names files, not where they are: an unexpected error (a Node error such as ENOENT carries the absolute path)
 * reaches the renderer with each absolute path cut to its last segment. AppErrors are written for the user and
 * name only what the user chose, so they pass unchanged.
 */
export function redactPaths(message: string): string {
  return message.replace(absolutePath, '$1')
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  const message = redactPaths(error instanceof Error ? error.message : String(error))
  return new AppError(
    'internal',
    message,
    'Something unexpected went wrong. Try again; if it persists, report it.',
  )
}
