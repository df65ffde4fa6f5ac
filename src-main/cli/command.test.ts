import { describe, expect, it } from 'vitest'
import { parseCommandArgs, UsageError } from './command'

const options = { out: { type: 'string' }, redact: { type: 'boolean' } } as const

describe('parseCommandArgs', () => {
  it('reads values and flags', () => {
    expect(parseCommandArgs(['--out', 'x', '--redact'], options).values).toEqual({ out: 'x', redact: true })
    expect(parseCommandArgs(['--out=y'], options).values).toEqual({ out: 'y' })
  })

  it.each([
    [['--colour'], 'Unknown option "colour".'],
    [['--out'], '--out needs a value.'],
    [['--out', '--redact'], '--out needs a value.'],
    [['--redact=yes'], '--redact takes no value.'],
    [['stray'], 'Unexpected argument "stray".'],
  ])('refuses %j with a usage error naming the option', (args, message) => {
    expect(() => parseCommandArgs(args, options)).toThrow(new UsageError(message))
  })

  it('keeps positionals up to the allowed count', () => {
    expect(parseCommandArgs(['a', 'b'], options, { maxPositionals: 2 }).positionals).toEqual(['a', 'b'])
  })
})
