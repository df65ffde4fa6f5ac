import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BaselineFileError, parseBaselinesFile } from '../../shared/baseline/io'
import { parseAnswers } from '../../shared/model/answers'
import { MAX_MODEL_FILE_BYTES, ModelParseError, parseModel } from '../../shared/model/schema'

const corpus = join(import.meta.dirname, '../fixtures/hostile')
const read = (path: string) => readFileSync(join(corpus, path), 'utf8')

/** The message of the error `parse` throws, which must be a `kind`; a file that parses fails the test. */
function refusedAs(kind: new (...args: never[]) => Error, parse: () => unknown): string {
  try {
    parse()
  } catch (error) {
    if (error instanceof kind) return error.message
    throw error
  }
  throw new Error('expected the file to be refused')
}
const refusal = (parse: () => unknown) => refusedAs(ModelParseError, parse)

describe('hostile model files are refused, naming the file and the field', () => {
  it.each([
    ['truncated.yaml', 'truncated.yaml is not valid YAML'],
    ['truncated.json', 'truncated.json is not valid JSON'],
    ['wrong-shape.json', 'wrong-shape.json is not a valid Ratchet model:\n  domains:'],
    ['wrong-version.json', 'wrong-version.json is not a valid Ratchet model:\n  schemaVersion:'],
    [
      'unknown-key.json',
      'unknown-key.json is not a valid Ratchet model:\n  (root): Unrecognized key: "script"',
    ],
    ['alias-bomb.yaml', 'alias-bomb.yaml is not valid YAML: Excessive alias count'],
  ])('%s', (name, message) => {
    expect(refusal(() => parseModel(read(`models/${name}`), name))).toContain(message)
  })

  it('refuses an oversized model before parsing it', () => {
    const text = ' '.repeat(MAX_MODEL_FILE_BYTES + 1)
    expect(refusal(() => parseModel(text, 'huge.yaml'))).toBe(
      'huge.yaml is 4.0 MiB; a model file may be at most 4.0 MiB',
    )
  })
})

describe('hostile answers files are refused, naming the file and the field', () => {
  it.each([
    // Cut mid-value, the YAML still parses: the missing fields are what is refused.
    ['truncated.yaml', 'truncated.yaml is not a valid answers file:\n  attestations[0].isMet'],
    ['wrong-shape.yaml', 'wrong-shape.yaml is not a valid answers file:\n  attestations:'],
    [
      'unknown-key.yaml',
      'unknown-key.yaml is not a valid answers file:\n  (root): Unrecognized key: "scripts"',
    ],
    [
      'traversal-account.yaml',
      'traversal-account.yaml is not a valid answers file:\n  attestations[0].accountId',
    ],
    ['alias-bomb.yaml', 'alias-bomb.yaml is not valid YAML: Excessive alias count'],
  ])('%s', (name, message) => {
    expect(refusal(() => parseAnswers(read(`answers/${name}`), name))).toContain(message)
  })

  it('refuses an oversized answers file before parsing it', () => {
    expect(refusal(() => parseAnswers(' '.repeat(MAX_MODEL_FILE_BYTES + 1), 'a.yaml'))).toContain(
      'a.yaml is 4.0 MiB; an answers file may be at most 4.0 MiB',
    )
  })
})

describe('hostile baselines files are refused, naming the file and the field', () => {
  const refused = (parse: () => unknown) => refusedAs(BaselineFileError, parse)

  it('accepts the valid one (the corpus can fail)', () => {
    expect(parseBaselinesFile(read('baselines/valid.json'), 'valid.json').map((b) => b.id)).toEqual(['prod'])
  })

  it.each([
    ['truncated.json', 'truncated.json is not valid JSON'],
    ['truncated.yaml', 'truncated.yaml is not a valid baselines file:\n  baselines[0].scope'],
    ['wrong-shape.json', 'wrong-shape.json is not a valid baselines file:\n  baselines:'],
    ['wrong-version.json', 'wrong-version.json is not a valid baselines file:\n  schemaVersion:'],
    [
      'unknown-key.json',
      'unknown-key.json is not a valid baselines file:\n  (root): Unrecognized key: "script"',
    ],
    ['traversal-id.json', 'traversal-id.json is not a valid baselines file:\n  baselines[0].id:'],
    ['alias-bomb.yaml', 'alias-bomb.yaml is not valid YAML: Excessive alias count'],
  ])('%s', (name, message) => {
    expect(refused(() => parseBaselinesFile(read(`baselines/${name}`), name))).toContain(message)
  })

  it('refuses an oversized baselines file before parsing it', () => {
    const text = ' '.repeat(MAX_MODEL_FILE_BYTES + 1)
    expect(refused(() => parseBaselinesFile(text, 'huge.yaml'))).toBe(
      'huge.yaml is 4.0 MiB; a baselines file may be at most 4.0 MiB',
    )
  })
})
