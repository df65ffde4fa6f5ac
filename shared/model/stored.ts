import { z } from 'zod'
import { isoTime } from '../evidence/schema'
import { maturityModelSchema } from './schema'

/**
 * A stored model version (a row of the models table). The row key is the content hash, so the same content
 * is stored once. Here, not in the repository, so that backups check model rows with the same schema.
 */
export const storedModelSchema = z.object({
  hash: z.string().min(1),
  modelId: z.string().min(1),
  name: z.string(),
  /** Where it came from: imported from a file, or the built-in model with parameter overrides. */
  origin: z.enum(['import', 'params']),
  fileName: z.string().optional(),
  addedAt: isoTime,
  model: maturityModelSchema,
})
export type StoredModel = z.infer<typeof storedModelSchema>
