import type { Transaction } from 'dexie'
import { baselinesFromTargets } from '../../shared/baseline/io'
import { type Account, accountSchema } from '../../shared/domain/types'

/** The key of a baseline version row. */
export const baselineRowKey = (b: { id: string; version: number }): string => `${b.id}@${b.version}`

/**
 * v3 → v4 (2026-11-29): each account with per-domain targets gets a baseline scoped to that account alone
 * (the most specific scope), version 1, minimums = its targets. Rows that do not validate as accounts are
 * skipped rather than failing the upgrade, so one bad row cannot lock the user out of the database.
 */
export async function migrateTargetsToBaselines(tx: Transaction): Promise<void> {
  const rows: unknown[] = await tx.table('accounts').toArray()
  const accounts = rows.flatMap((row): Account[] => {
    const parsed = accountSchema.safeParse(row)
    return parsed.success ? [parsed.data] : []
  })
  const baselines = baselinesFromTargets(accounts, {
    by: 'Ratchet (migration)',
    at: new Date().toISOString(),
    reason: 'Migrated from the per-account targets (schema v4, 2026-11-29)',
  })
  await tx.table('baselines').bulkPut(baselines.map((b) => ({ ...b, key: baselineRowKey(b) })))
}
