import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultModel } from '../../shared/model/default-model'

/** The README and the model docs state the default model's size; it is counted from the model, not typed. */
const root = resolve(import.meta.dirname, '../..')
const controls = defaultModel.domains.flatMap((d) => d.levels.flatMap((l) => l.controls))

describe('the documented size of the default model', () => {
  it('matches the README', () => {
    const readme = readFileSync(resolve(root, 'README.md'), 'utf8')
    const stated = /(\d+) domains × levels 1–5, (\d+) controls/.exec(readme)
    expect(stated?.slice(1).map(Number)).toEqual([defaultModel.domains.length, controls.length])
  })

  it('documents every control of the model in docs/maturity-model.md', () => {
    const doc = readFileSync(resolve(root, 'docs/maturity-model.md'), 'utf8')
    const missing = controls.filter((c) => !doc.includes(`\`${c.id}\``)).map((c) => c.id)
    expect(missing).toEqual([])
    expect(doc).toContain(`${controls.length} controls`)
  })
})
