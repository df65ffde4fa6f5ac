import { describe, expect, it } from 'vitest'
import { domainIds } from '../../../shared/domain/types'
import { contrastRatio } from '../../app/contrast'
import { chartPalettes } from './chart-setup'

describe('WCAG contrast ratio', () => {
  it('gives the known ratios: 21 for black on white, 1 for equal colours, symmetric', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#fff', '#ffffff')).toBe(1)
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
    expect(contrastRatio('#ffffff', '#767676')).toBe(contrastRatio('#767676', '#ffffff'))
  })

  it('rejects a colour it cannot read, naming it', () => {
    expect(() => contrastRatio('rgb(0 0 0)', '#fff')).toThrow('Not a #rgb or #rrggbb colour: "rgb(0 0 0)"')
  })
})

describe.each(Object.entries(chartPalettes))('the %s chart palette', (_theme, palette) => {
  it('draws every level, domain and series colour at 3:1 or more against the background', () => {
    const graphics = [...palette.levels, ...palette.domains, ...palette.series, palette.muted]
    const weak = graphics.filter((colour) => contrastRatio(colour, palette.background) < 3)
    expect(weak).toEqual([])
  })

  it('writes text at 4.5:1 or more (WCAG AA)', () => {
    expect(contrastRatio(palette.text, palette.background)).toBeGreaterThanOrEqual(4.5)
    expect(contrastRatio(palette.muted, palette.background)).toBeGreaterThanOrEqual(4.5)
  })

  it('has one distinct colour per domain', () => {
    expect(palette.domains).toHaveLength(domainIds.length)
    expect(new Set(palette.domains).size).toBe(domainIds.length)
  })
})
