import { z } from 'zod'
import { AppError } from '../../shared/errors'
import { type MaturityModel, maturityModelSchema, modelVersion } from '../../shared/model/schema'
import { type StoredModel, storedModelSchema } from '../../shared/model/stored'
import type { ParamOverrides } from '../../shared/scoring/types'
import type { RatchetDb } from './db'
import { parseInput, validRows } from './validate'

// The row schema lives in shared/ so that backups validate model rows with the same schema.
export { type StoredModel, storedModelSchema } from '../../shared/model/stored'

/** A model version that produced at least one saved snapshot. */
export interface ScoredVersion {
  hash: string
  modelId: string
  name: string
  snapshotCount: number
  lastScoredAt: string
}

/** The choice of model and parameter values, kept in the settings table. */
export const modelChoiceSchema = z.object({
  /** The hash of the stored model in use; null for the built-in default model. */
  activeHash: z.string().nullable().default(null),
  params: z.record(z.string(), z.number()).default({}),
})
export type ModelChoice = z.output<typeof modelChoiceSchema>
const choiceKey = 'model.choice'

/** Stored model versions, the active choice, and the versions snapshots were scored with. */
export function createModelsRepo(db: RatchetDb) {
  return {
    /** Every stored model version, newest first. Rows that no longer validate are skipped, not thrown. */
    async list(): Promise<StoredModel[]> {
      const rows = await db.models.toArray()
      return validRows(storedModelSchema, rows).sort((a, b) => b.addedAt.localeCompare(a.addedAt))
    },

    /** Validates and stores a model version (a no-op when the same content is already stored). */
    async add(
      model: MaturityModel,
      origin: StoredModel['origin'],
      addedAt: string,
      fileName?: string,
    ): Promise<StoredModel> {
      const checked = parseInput(maturityModelSchema, model, 'model')
      const hash = modelVersion(checked)
      const row = parseInput(
        storedModelSchema,
        {
          hash,
          modelId: checked.id,
          name: checked.name,
          origin,
          addedAt,
          model: checked,
          ...(fileName ? { fileName } : {}),
        },
        'model',
      )
      return db.transaction('rw', db.models, async () => {
        const existing = await db.models.get(hash)
        if (existing) return storedModelSchema.parse(existing)
        await db.models.add(row)
        return row
      })
    },

    /** Deletes a stored version; the one in use cannot be deleted. */
    async remove(hash: string): Promise<void> {
      await db.transaction('rw', [db.models, db.settings], async () => {
        const choice = await readChoice(db)
        if (choice.activeHash === hash)
          throw new AppError('conflict', 'This model is in use: choose another one first')
        await db.models.delete(hash)
      })
    },

    async getChoice(): Promise<ModelChoice> {
      return readChoice(db)
    },

    /** Saves the active model and parameter values; the model must be stored (or null for the default). */
    async setChoice(choice: { activeHash: string | null; params: ParamOverrides }): Promise<ModelChoice> {
      const checked = parseInput(modelChoiceSchema, choice, 'model choice')
      await db.transaction('rw', [db.models, db.settings], async () => {
        if (checked.activeHash !== null && !(await db.models.get(checked.activeHash))) {
          throw new AppError('not-found', `Model version ${checked.activeHash} is not stored`)
        }
        await db.settings.put({ key: choiceKey, value: checked })
      })
      return checked
    },

    /** The model versions saved snapshots were scored with, most recently used first. */
    async scoredVersions(): Promise<ScoredVersion[]> {
      const byHash = new Map<string, ScoredVersion>()
      // Compact rows carry the model's id and name, so no snapshot part is read here.
      await db.snapshots.each((row) => {
        const hash = typeof row.modelVersion === 'string' ? row.modelVersion : undefined
        const createdAt = typeof row.createdAt === 'string' ? row.createdAt : ''
        if (!hash) return
        const seen = byHash.get(hash)
        if (seen) {
          seen.snapshotCount++
          if (createdAt > seen.lastScoredAt) seen.lastScoredAt = createdAt
        } else {
          byHash.set(hash, {
            hash,
            modelId: typeof row.modelId === 'string' ? row.modelId : '?',
            name: typeof row.modelName === 'string' ? row.modelName : '?',
            snapshotCount: 1,
            lastScoredAt: createdAt,
          })
        }
      })
      return [...byHash.values()].sort((a, b) => b.lastScoredAt.localeCompare(a.lastScoredAt))
    },
  }
}
export type ModelsRepo = ReturnType<typeof createModelsRepo>

async function readChoice(db: RatchetDb): Promise<ModelChoice> {
  const row = await db.settings.get(choiceKey)
  const parsed = modelChoiceSchema.safeParse(row?.value ?? {})
  return parsed.success ? parsed.data : { activeHash: null, params: {} }
}
