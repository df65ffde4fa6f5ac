import { z } from 'zod'
import { type Attestation, attestationSchema, type Waiver, waiverSchema } from '../../shared/domain/types'
import { AppError } from '../../shared/errors'
import { isoTime } from '../../shared/evidence/schema'
import type { RatchetDb } from './db'
import { parseInput } from './validate'

/** What every answer names: the control, and the accounts it applies to. */
const answerTarget = {
  accountIds: z.array(z.string()).min(1, 'choose at least one account'),
  controlId: z.string().min(1),
}

/** The refinement that an answer's expiry comes after its start (`from`). */
const expiresAfter = <K extends string>(from: K, message: string) =>
  [
    (a: Record<K | 'expiresAt', string>) => Date.parse(a.expiresAt) > Date.parse(a[from]),
    { message, path: ['expiresAt'] as PropertyKey[] },
  ] as const

/** What the questionnaire sends: one answer, applied to one or many accounts. */
export const attestInputSchema = z
  .object({
    ...answerTarget,
    isMet: z.boolean(),
    note: z.string().default(''),
    evidenceUrl: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).optional(),
    attestedBy: z.string().trim().min(1, 'say who is answering'),
    attestedAt: isoTime,
    expiresAt: isoTime,
  })
  .refine(...expiresAfter('attestedAt', 'the expiry must be after the answer date'))
  // One answer for many accounts must say what was checked: a bare "yes" is not evidence.
  .refine((a) => a.accountIds.length === 1 || a.note.trim() !== '', {
    message: 'say what was checked (a note is required when answering for several accounts)',
    path: ['note'],
  })
export type AttestInput = z.input<typeof attestInputSchema>

export const waiveInputSchema = z
  .object({
    ...answerTarget,
    reason: z.string().trim().min(1, 'give a reason'),
    approver: z.string().trim().min(1, 'name the approver'),
    createdAt: isoTime,
    expiresAt: isoTime,
  })
  .refine(...expiresAfter('createdAt', 'the expiry must be after today'))
export type WaiveInput = z.input<typeof waiveInputSchema>

/**
 * Attestations and waivers. Answers are history: a new answer is added beside the old ones (the newest
 * counts), so nothing a user typed is overwritten. Deleting is explicit and confirmed in the UI.
 */
export function createAnswersRepo(db: RatchetDb, newId: () => string = () => crypto.randomUUID()) {
  async function assertAccountsExist(ids: string[]): Promise<void> {
    const found = await db.accounts.bulkGet(ids)
    const missing = ids.filter((_, i) => !found[i])
    if (missing.length > 0) throw new AppError('not-found', `Unknown account(s): ${missing.join(', ')}`)
  }
  return {
    async listAttestations(): Promise<Attestation[]> {
      return (await db.attestations.toArray()) as Attestation[]
    },
    async listWaivers(): Promise<Waiver[]> {
      return (await db.waivers.toArray()) as Waiver[]
    },

    /** Records one answer for every listed account, in one transaction. */
    async attest(input: AttestInput): Promise<Attestation[]> {
      const { accountIds, evidenceUrl, ...rest } = parseInput(attestInputSchema, input, 'answer')
      const rows = accountIds.map((accountId) =>
        attestationSchema.parse({
          ...rest,
          ...(evidenceUrl ? { evidenceUrl } : {}),
          id: newId(),
          accountId,
        }),
      )
      await db.transaction('rw', [db.accounts, db.attestations], async () => {
        await assertAccountsExist(accountIds)
        await db.attestations.bulkAdd(rows)
      })
      return rows
    },

    /** Records one waiver for every listed account, in one transaction. */
    async waive(input: WaiveInput): Promise<Waiver[]> {
      const { accountIds, ...rest } = parseInput(waiveInputSchema, input, 'waiver')
      const rows = accountIds.map((accountId) => waiverSchema.parse({ ...rest, id: newId(), accountId }))
      await db.transaction('rw', [db.accounts, db.waivers], async () => {
        await assertAccountsExist(accountIds)
        await db.waivers.bulkAdd(rows)
      })
      return rows
    },

    async removeAttestation(id: string): Promise<void> {
      await db.transaction('rw', db.attestations, () => db.attestations.delete(id))
    },
    async removeWaiver(id: string): Promise<void> {
      await db.transaction('rw', db.waivers, () => db.waivers.delete(id))
    },

    /** Adds answers exactly as given (the demo loader); validated, all or nothing. */
    async addRaw(attestations: unknown[], waivers: unknown[]): Promise<void> {
      const a = parseInput(z.array(attestationSchema), attestations, 'attestations')
      const w = parseInput(z.array(waiverSchema), waivers, 'waivers')
      await db.transaction('rw', [db.attestations, db.waivers], async () => {
        await db.attestations.bulkPut(a)
        await db.waivers.bulkPut(w)
      })
    },
  }
}
export type AnswersRepo = ReturnType<typeof createAnswersRepo>
