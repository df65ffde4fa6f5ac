import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { defaultModel } from './default-model'

// Temporary (deleted in the next commit): the default model as compiled before its domains became JSON tables.
describe('the default model as tables', () => {
  it('compiles to exactly the model it was before', () => {
    const before = readFileSync(new URL('./default-model.before.tmp.json', import.meta.url), 'utf8')
    expect(JSON.stringify(defaultModel)).toBe(before)
  })
})
