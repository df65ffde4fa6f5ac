import { describe, expect, it } from 'vitest'
import { tinyBundle } from '../../../shared/snapshot/fixtures.test-support'
import { evidenceLine } from './control-item'

const at = '2026-11-20T10:30:00.000Z'

describe('evidenceLine', () => {
  it('gives the collection time when the evidence dates itself then', () => {
    expect(evidenceLine('credentialReport', at, tinyBundle('111111111111', at))).toBe(
      'credentialReport, collected 2026-11-20 10:30 UTC',
    )
  })

  it('adds the date the evidence gives itself when it is older than the collection', () => {
    const bundle = tinyBundle('111111111111', at)
    const records = bundle.credentialReport.records
    if (!records) throw new Error('the fixture has a report')
    records.generatedAt = '2026-11-19T08:00:00.000Z'
    expect(evidenceLine('credentialReport', at, bundle)).toBe(
      'credentialReport, collected 2026-11-20 10:30 UTC, from 2026-11-19 08:00 UTC',
    )
  })

  it('says so when the only time is an imported file’s', () => {
    const bundle = tinyBundle('111111111111', at)
    bundle.identity.isFileTime = true
    expect(evidenceLine('identity', at, bundle)).toMatch(
      /imported files' time: a copied folder can look newer/,
    )
  })
})
