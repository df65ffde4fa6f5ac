import { z } from 'zod'
import { type Account, accountSchema } from '../../shared/domain/types'
import { AppError } from '../../shared/errors'
import { evidenceBundleSchema } from '../../shared/evidence/schema'
import { createAnswersRepo } from './answers-repo'
import type { RatchetDb } from './db'
import { deleteOrphanParts, prepareEvidence, writeEvidence } from './evidence-store'
import { parseInput } from './validate'

/** The fields a user may edit on an account. */
export const accountPatchSchema = accountSchema
  .pick({ name: true, owner: true, environment: true, criticality: true, tags: true, targets: true })
  .partial()
export type AccountPatch = z.input<typeof accountPatchSchema>

/** The tables removing an account writes: its rows, and the parts only its evidence used. */
const ownedTables = (db: RatchetDb) => [
  db.accounts,
  db.evidence,
  db.attestations,
  db.waivers,
  db.snapshots,
  db.snapshotParts,
]

/** Deletes the accounts and their rows (inside the caller's transaction); returns their bundles' hashes. */
async function removeAccountRows(db: RatchetDb, ids: string[]): Promise<string[]> {
  await db.accounts.bulkDelete(ids)
  const hashes = (await db.evidence.where('accountId').anyOf(ids).toArray()).map((row) => row.hash)
  await db.evidence.where('accountId').anyOf(ids).delete()
  await db.attestations.where('accountId').anyOf(ids).delete()
  await db.waivers.where('accountId').anyOf(ids).delete()
  return hashes
}

/** Typed access to the accounts table. Every write is validated and runs in a transaction. */
export function createAccountsRepo(db: RatchetDb) {
  return {
    /** Every account, sorted by name. */
    async list(): Promise<Account[]> {
      const rows = await db.accounts.orderBy('name').toArray()
      return rows as Account[]
    },

    async get(id: string): Promise<Account | undefined> {
      return (await db.accounts.get(id)) as Account | undefined
    },

    /** Inserts or replaces accounts (all or nothing). */
    async putMany(inputs: unknown[]): Promise<Account[]> {
      const accounts = parseInput(z.array(accountSchema), inputs, 'accounts')
      await db.transaction('rw', db.accounts, async () => {
        await db.accounts.bulkPut(accounts)
      })
      return accounts
    },

    /** Applies an edit to one account; the merged account is validated before it is written. */
    async update(id: string, patch: AccountPatch): Promise<Account> {
      const checked = parseInput(accountPatchSchema, patch, 'account change')
      return db.transaction('rw', db.accounts, async () => {
        const current = await db.accounts.get(id)
        if (!current) throw new AppError('not-found', `Account ${id} does not exist`)
        const next = parseInput(accountSchema, { ...current, ...checked }, 'account')
        await db.accounts.put(next)
        return next
      })
    },

    /**
     * Removes accounts with everything recorded about them (evidence, attestations, waivers); the bundles no
     * snapshot keeps go with them.
     */
    async remove(ids: string[]): Promise<void> {
      await db.transaction('rw', ownedTables(db), async () => {
        await deleteOrphanParts(db, await removeAccountRows(db, ids))
      })
    },

    /**
     * Removes every account of one origin with all its data, and the snapshots whose id starts with
     * `snapshotIdPrefix` (the demo's quarterly snapshots), in one transaction. Returns the accounts removed.
     */
    async removeOrigin(origin: Account['origin'], snapshotIdPrefix?: string): Promise<number> {
      return db.transaction('rw', ownedTables(db), async () => {
        const ids = (await db.accounts.where('origin').equals(origin).primaryKeys()) as string[]
        const hashes = await removeAccountRows(db, ids)
        if (snapshotIdPrefix) await db.snapshots.where('id').startsWith(snapshotIdPrefix).delete()
        await deleteOrphanParts(db, snapshotIdPrefix ? undefined : hashes)
        return ids.length
      })
    },
  }
}
export type AccountsRepo = ReturnType<typeof createAccountsRepo>

/** An organization to add in one go (the demo, or a future import): accounts, evidence and answers. */
export interface OrganizationData {
  accounts: unknown[]
  bundles: unknown[]
  attestations: unknown[]
  waivers: unknown[]
}

/**
 * Adds accounts with their evidence and answers in one transaction: each part is validated, and if any part
 * is invalid nothing at all is written.
 */
export async function addOrganization(db: RatchetDb, data: OrganizationData): Promise<void> {
  // The bundles are validated and gzipped first: a transaction ends when it waits on anything but IndexedDB.
  const bundles = parseInput(z.array(evidenceBundleSchema), data.bundles, 'evidence bundles')
  const evidence = await prepareEvidence(bundles)
  await db.transaction('rw', ownedTables(db), async () => {
    await createAccountsRepo(db).putMany(data.accounts)
    await writeEvidence(db, evidence)
    await createAnswersRepo(db).addRaw(data.attestations, data.waivers)
  })
}
