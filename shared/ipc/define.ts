import type { z } from 'zod'

/** An invoke channel: renderer → main, one request, one response. */
export interface InvokeDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'invoke'
  readonly request: Req
  readonly response: Res
}

/** An event channel: main → renderer, fire and forget. */
export interface EventDef<Payload extends z.ZodType = z.ZodType> {
  readonly kind: 'event'
  readonly payload: Payload
}

export const invoke = <Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
): InvokeDef<Req, Res> => ({ kind: 'invoke', request, response })

export const event = <Payload extends z.ZodType>(payload: Payload): EventDef<Payload> => ({
  kind: 'event',
  payload,
})

export type DomainDef = Record<string, InvokeDef | EventDef>
