import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AppError, appErrorCodes, appErrorSchema, asAppError, describeZodError, errorAction } from './errors'

describe('app error codes', () => {
  it('refuses a code that is not in the enum when an error crosses the boundary', () => {
    const parsed = appErrorSchema.safeParse({ code: 'made-up', message: 'x' })
    expect(parsed.success).toBe(false)
    expect(appErrorSchema.parse({ code: 'sso-token-expired', message: 'x' }).code).toBe('sso-token-expired')
  })

  it('gives every code a next step, and sign-in for an expired session', () => {
    for (const code of appErrorCodes)
      expect(errorAction(code)).toMatch(/^(sign-in|retry|open-settings|choose-again|none)$/)
    expect(errorAction('sso-token-expired')).toBe('sign-in')
    expect(errorAction('aws-access-denied')).toBe('open-settings')
  })

  it('round-trips through its data form', () => {
    const error = new AppError('unsafe-path', 'no', 'choose another folder')
    expect(AppError.from(error.toData())).toMatchObject({
      code: 'unsafe-path',
      hint: 'choose another folder',
    })
  })
})

describe('describeZodError', () => {
  it('names each field, and counts the rest instead of cutting the text mid-word', () => {
    const result = z.object({ a: z.string(), b: z.number(), c: z.boolean() }).safeParse({})
    if (result.success) throw new Error('an empty object is not valid')
    expect(describeZodError(result.error)).toMatch(/^a: .+; b: .+; c: .+$/)
    const short = describeZodError(result.error, 1)
    expect(short).toMatch(/^a: [^;]+; and 2 more$/)
  })
})

describe('asAppError', () => {
  class ParseError extends Error {}

  it("turns the named error into an AppError with the code and hint, keeping the parser's message", async () => {
    const failing = () => {
      throw new ParseError('model.yaml: domains: Required')
    }
    await expect(asAppError(failing, ParseError, 'invalid-model', 'Fix the file.')).rejects.toMatchObject({
      code: 'invalid-model',
      message: 'model.yaml: domains: Required',
      hint: 'Fix the file.',
    })
  })

  it('passes any other error through, and returns what the work returns', async () => {
    const bug = async () => {
      throw new TypeError('boom')
    }
    await expect(asAppError(bug, ParseError, 'invalid-model', 'x')).rejects.toBeInstanceOf(TypeError)
    expect(await asAppError(async () => 42, ParseError, 'invalid-model', 'x')).toBe(42)
  })
})
