import { afterEach } from 'vitest'
import { evidenceBundleSchema } from '../../shared/evidence/schema'
import { RatchetDb } from './db'

/**
 * Databases for one test file: `open` creates (or reopens, by name) a database at the latest version or at
 * `upTo`, and every database opened is closed and deleted after each test.
 */
export function testDatabases(prefix = 'test') {
  const opened: RatchetDb[] = []
  afterEach(async () => {
    for (const db of opened.splice(0)) {
      db.close()
      await db.delete()
    }
  })
  return {
    /** A name no other test uses. */
    freshName: () => `${prefix}-${crypto.randomUUID()}`,
    /** Opens `name` (a fresh one when omitted) at the latest version, or at `upTo` to test an upgrade. */
    open(name = `${prefix}-${crypto.randomUUID()}`, upTo?: number): RatchetDb {
      const db = new RatchetDb(name, upTo === undefined ? {} : { upTo })
      opened.push(db)
      return db
    },
  }
}

/**
 * Evidence rows as database versions 1 to 5 wrote them (the bundle inline), for the tests that open an old
 * version, write to it and reopen at the latest. The repositories write the latest shape only.
 */
export function inlineEvidenceRows(bundles: readonly unknown[]): unknown[] {
  return bundles.map((input) => {
    // As the repository of those versions wrote them: parsed, so fields come in the schema's order.
    const bundle = evidenceBundleSchema.parse(input)
    const collectedAt = new Date(bundle.collectedAt).toISOString()
    return { id: `${bundle.accountId}:${collectedAt}`, accountId: bundle.accountId, collectedAt, bundle }
  })
}
