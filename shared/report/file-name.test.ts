import { describe, expect, it } from 'vitest'
import { expandFileName, slug } from './file-name'

const parts = {
  label: 'Q4 2026 / Final',
  createdAt: '2026-11-25T12:00:00.000Z',
  now: new Date('2026-11-28T09:00:00.000Z'),
  format: 'pdf' as const,
  scope: 'org',
}

describe('file-name patterns', () => {
  it('fills the label, the dates, the scope and the extension', () => {
    expect(expandFileName('ratchet-{label}-{date}.{ext}', parts)).toBe('ratchet-q4-2026-final-2026-11-25.pdf')
    expect(expandFileName('{scope} {today}', { ...parts, format: 'csv' })).toBe('org 2026-11-28.csv')
  })

  it('never makes a path or an unsafe name', () => {
    expect(expandFileName('../../etc/{label}', parts)).toBe('-..-etc-q4-2026-final.pdf')
    expect(expandFileName('a:b*c?{label}', parts)).toBe('a-b-c-q4-2026-final.pdf')
  })

  it('rejects an unknown token and an empty name', () => {
    expect(() => expandFileName('{label}-{owner}', parts)).toThrow('unknown token {owner}')
    expect(() => expandFileName('...', parts)).toThrow('gives an empty name')
  })

  it('slugs labels to letters, digits and dashes', () => {
    expect(slug('Révision — Q3!')).toBe('revision-q3')
    expect(slug('///')).toBe('snapshot')
  })
})
