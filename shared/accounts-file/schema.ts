import { z } from 'zod'
import { criticalitySchema, domainIdSchema, environmentSchema, levelSchema } from '../domain/types'
import { accountIdSchema } from '../evidence/schema'

/** One account's details in an accounts file or from AWS Organizations (see parse.ts for the file formats). */
export const accountDetailsSchema = z.strictObject({
  id: accountIdSchema,
  name: z.string().trim().min(1).optional(),
  email: z.string().optional(),
  owner: z.string().trim().optional(),
  environment: environmentSchema.optional(),
  criticality: criticalitySchema.optional(),
  tags: z.array(z.string().trim().min(1)).optional(),
  targets: z.partialRecord(domainIdSchema, levelSchema).optional(),
})
export type AccountDetails = z.infer<typeof accountDetailsSchema>
