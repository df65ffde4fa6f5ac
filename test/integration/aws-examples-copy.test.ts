import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { credentialReportCsv } from '../../shared/scoring/test-support/aws-examples'

const examples = join(import.meta.dirname, '../fixtures/aws-examples')

describe('the scoring tests’ inline AWS examples', () => {
  it('are the vendored AWS-documented files, unchanged (nothing is read from beside the checkout)', async () => {
    const vendored = await readFile(join(examples, 'credential-report-sample.csv'), 'utf8')
    expect(credentialReportCsv.trim()).toBe(vendored.trim())
  })
})
