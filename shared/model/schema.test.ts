import { describe, expect, it } from 'vitest'
import { stringify as toYaml } from 'yaml'
import { domainIds } from '../domain/types'
import { defaultModel, defaultModelInput } from './default-model'
import { canonicalJson, fnv1a64 } from './hash'
import { ModelParseError, modelVersion, parseModel } from './schema'

function parseError(text: string, fileName: string): ModelParseError {
  try {
    parseModel(text, fileName)
  } catch (error) {
    if (error instanceof ModelParseError) return error
    throw error
  }
  throw new Error('expected parseModel to throw')
}

/** Reference FNV-1a 64 with BigInt, to check the fast 32-bit implementation. */
function referenceFnv(text: string): string {
  let hash = 0xcbf29ce484222325n
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte)
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return hash.toString(16).padStart(16, '0')
}

describe('the default model', () => {
  const controls = defaultModel.domains.flatMap((d) => d.levels.flatMap((l) => l.controls))

  it('has the eight domains with stable ids, each with five named levels', () => {
    expect(defaultModel.domains.map((d) => d.id)).toEqual([...domainIds])
    for (const d of defaultModel.domains) {
      expect(d.levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5])
      for (const l of d.levels) expect(l.meaning.length).toBeGreaterThan(10)
    }
  })

  it('gives every Trusted Advisor control a question, so Basic-support accounts can attest', () => {
    const taControls = controls.filter((c) => c.rule?.kind === 'trusted-advisor-check')
    expect(taControls.length).toBeGreaterThan(10)
    for (const c of taControls) expect(c.question, c.id).toBeDefined()
  })

  it('links remediation only to docs.aws.amazon.com', () => {
    for (const c of controls) {
      expect(c.remediation.links.length, c.id).toBeGreaterThan(0)
      for (const link of c.remediation.links) expect(link.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//)
    }
  })

  it('has a level-1 control in every domain, so no domain is level 5 by default', () => {
    for (const d of defaultModel.domains) expect(d.levels[0]?.controls.length, d.id).toBeGreaterThan(0)
  })
})

describe('model versions', () => {
  it('hashes content deterministically, whatever the key order', () => {
    // The same model with every object's keys in reverse order, at every depth.
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverseKeys)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reverseKeys(v)]),
            )
          : value
    const reordered = reverseKeys(defaultModel) as typeof defaultModel
    expect(Object.keys(reordered)).toEqual(Object.keys(defaultModel).reverse())
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(defaultModel))
    expect(modelVersion(reordered)).toBe(modelVersion(defaultModel))
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}')
    expect(modelVersion(defaultModel)).toMatch(/^[0-9a-f]{16}$/)
  })

  it('changes when any content changes', () => {
    const changed = { ...defaultModel, params: { ...defaultModel.params } }
    const keyAge = changed.params['access-key-max-age-days']
    if (!keyAge) throw new Error('missing param')
    changed.params['access-key-max-age-days'] = { ...keyAge, default: 60 }
    expect(modelVersion(changed)).not.toBe(modelVersion(defaultModel))
  })

  it('computes FNV-1a 64 exactly', () => {
    for (const text of ['', 'a', 'foobar', 'ünïcødé ✓', canonicalJson(defaultModel)]) {
      expect(fnv1a64(text)).toBe(referenceFnv(text))
    }
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c')
  })
})

describe('parseModel', () => {
  it('round-trips the default model through JSON and YAML with the same version', () => {
    const fromJson = parseModel(JSON.stringify(defaultModelInput), 'model.json')
    const fromYaml = parseModel(toYaml(defaultModelInput), 'model.yaml')
    expect(modelVersion(fromJson)).toBe(modelVersion(defaultModel))
    expect(modelVersion(fromYaml)).toBe(modelVersion(defaultModel))
  })

  it('rejects a broken control with an error naming the file and the path', () => {
    const broken = structuredClone(defaultModelInput) as unknown as {
      domains: Array<{ levels: Array<{ controls: Array<Record<string, unknown>> }> }>
    }
    const target = broken.domains[0]?.levels[1]?.controls[0]
    if (!target) throw new Error('fixture')
    target.rule = {
      kind: 'credential-report',
      violation: { activeKeyOlderThanDays: { param: 'nope' } },
      describe: 'x',
    }
    delete target.rationale
    const error = parseError(JSON.stringify(broken), 'custom.json')
    expect(error.message).toContain('custom.json is not a valid Ratchet model:')
    expect(error.issues).toContain(
      'domains[0].levels[1].controls[0].rationale: Invalid input: expected string, received undefined',
    )
    // Cross-field checks run once the shape is valid: fix the rationale and the unknown parameter is named.
    target.rationale = 'restored'
    const second = parseError(JSON.stringify(broken), 'custom.json')
    expect(second.issues).toEqual(['domains[0].levels[1].controls[0].rule: unknown parameter "nope"'])
  })

  it('rejects YAML syntax errors, naming the file', () => {
    const error = parseError('id: [unclosed\nname: x', 'custom.yaml')
    expect(error.message).toMatch(/^custom\.yaml is not valid YAML: /)
  })

  it('rejects JSON syntax errors, naming the file', () => {
    expect(parseError('{"id": ', 'custom.json').message).toMatch(/^custom\.json is not valid JSON: /)
  })

  it('reports missing domains, duplicate control ids and bad parameter bounds', () => {
    const model = structuredClone(defaultModelInput) as unknown as Record<string, unknown> & {
      domains: Array<{ levels: Array<{ controls: Array<{ id: string }> }> }>
      params: Record<string, { default: number; min: number; max: number }>
    }
    model.domains = model.domains.slice(0, 7)
    const first = model.domains[0]?.levels[0]?.controls
    if (!first?.[0] || !first[1]) throw new Error('fixture')
    first[1].id = first[0].id
    const keyAge = model.params['access-key-max-age-days']
    if (!keyAge) throw new Error('fixture')
    keyAge.default = 1000
    const error = parseError(toYaml(model), 'custom.yml')
    expect(error.issues).toEqual(
      expect.arrayContaining([
        'domains: missing domain "resilience"',
        'domains[0].levels[0].controls[1].id: duplicate control id "iam.root-mfa"',
        'params.access-key-max-age-days: default must lie within min..max',
      ]),
    )
  })
})
