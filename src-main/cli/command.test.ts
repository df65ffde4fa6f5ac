import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { choice, commaList, commandFailure, parseCommandArgs, requiredOption, UsageError } from './command'
import { bufferedIo } from './test-support'

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

describe('requiredOption, choice and commaList', () => {
  it('return a given value, and refuse a missing or empty one naming the option', () => {
    expect(requiredOption('out', 'x')).toBe('x')
    expect(() => requiredOption('out', undefined)).toThrow(new UsageError('--out is required.'))
    expect(() => requiredOption('out', '')).toThrow(new UsageError('--out is required.'))
  })

  it('accept one of the allowed values, and refuse another naming them', () => {
    expect(choice('format', 'md', ['md', 'json'])).toBe('md')
    expect(() => choice('format', 'docx', ['md', 'json'])).toThrow(
      new UsageError('--format must be one of md, json, not "docx".'),
    )
    expect(() => choice('format', undefined, ['md', 'json'])).toThrow(
      new UsageError('--format must be one of md, json.'),
    )
  })

  it('split a comma-separated value into trimmed, non-empty items', () => {
    expect(commaList(' a, b ,,c ')).toEqual(['a', 'b', 'c'])
    expect(commaList(',')).toEqual([])
    expect(commaList(undefined)).toBeUndefined()
  })
})

describe('commandFailure', () => {
  const io = () => bufferedIo()
  class InputError extends Error {}
  const u = { usage: 'u' }

  it('prints usage errors with the usage (2), input and app errors with message and hint (1, or the command’s own code)', () => {
    const a = io()
    expect(commandFailure(new UsageError('--out is required.'), { usage: 'demo --out <dir>' }, a.io)).toBe(2)
    expect(a.err.join('')).toBe('--out is required.\n\nUsage: npm run cli -- demo --out <dir>\n')
    const b = io()
    expect(
      commandFailure(new InputError('x.json: no such file'), { usage: 'u', inputErrors: [InputError] }, b.io),
    ).toBe(1)
    expect(b.err.join('')).toBe('x.json: no such file\n')
    const c = io()
    expect(commandFailure(new AppError('export-no-chromium', 'No Chromium.', 'Install it.'), u, c.io)).toBe(1)
    expect(c.err.join('')).toBe('No Chromium.\nInstall it.\n')
    const d = io()
    const strict = { usage: 'u', inputErrors: [InputError], inputExitCode: 2 }
    expect(commandFailure(new InputError('bad.yaml: entry 1'), strict, d.io)).toBe(2)
    expect(commandFailure(new AppError('export-no-chromium', 'No Chromium.'), strict, d.io)).toBe(2)
  })

  it('throws anything else: a bug is not a user error', () => {
    expect(() => commandFailure(new TypeError('boom'), u, io().io)).toThrow('boom')
  })
})
