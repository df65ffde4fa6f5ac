import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Where the AWS-documented example payloads live: vendored in the repository (test/fixtures/aws-examples; its
 * README and each file's `.src.txt` sidecar name the source), so a fresh clone needs nothing beside it.
 */
export const EXAMPLES_DIR = join(import.meta.dirname, '../fixtures/aws-examples')

/** A `smithy.api#examples` entry or an AWS CLI output file. */
export interface ModelExample<O = Record<string, unknown>> {
  title?: string
  input: Record<string, unknown> | null
  output: O
}

export async function readExample<O = Record<string, unknown>>(name: string): Promise<ModelExample<O>> {
  const parsed = JSON.parse(await readFile(join(EXAMPLES_DIR, name), 'utf8')) as Record<string, unknown>
  // CLI outputs are the bare output object.
  if (!('output' in parsed)) return { input: null, output: parsed as O }
  return parsed as unknown as ModelExample<O>
}

export async function readExampleText(name: string): Promise<string> {
  return readFile(join(EXAMPLES_DIR, name), 'utf8')
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

/**
 * Brings a parsed SDK result and a documented output to one comparable form: Dates and ISO strings
 * become canonical ISO strings, `$metadata` and null fields (CLI renders absent members as null) go,
 * and AWS's `"<REDACTED>"` nextToken placeholder is dropped (a real token cannot match it).
 */
export function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'string') return ISO.test(value) ? new Date(value).toISOString() : value
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8')
  if (Array.isArray(value)) return value.map(normalize)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      if (k === '$metadata' || k === '_source' || v === null || v === undefined) continue
      if (k === 'nextToken') continue
      out[k] = normalize(v)
    }
    return out
  }
  return value
}
