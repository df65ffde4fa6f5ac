import { z } from 'zod'
import { attestationSchema, waiverSchema } from '../domain/types'
import { parseJsonOrYaml } from './parse-file'
import { formatPath, ModelParseError } from './schema'

/**
 * The answers file the CLI reads with `score --answers <file>` (JSON or YAML): manual attestations, accepted
 * risks (waivers) and parameter overrides, e.g.
 *   attestations: [{ id, accountId, controlId, isMet, attestedBy, attestedAt, expiresAt, note? }]
 *   waivers: [{ id, accountId, controlId, reason, approver, createdAt, expiresAt }]
 *   params: { access-key-max-age-days: 60 }
 */
export const answersFileSchema = z.strictObject({
  attestations: z.array(attestationSchema).default([]),
  waivers: z.array(waiverSchema).default([]),
  params: z.record(z.string(), z.number()).default({}),
})
export type AnswersFile = z.output<typeof answersFileSchema>

/** Parses an answers file; errors name the file and each failing path (ModelParseError). */
export function parseAnswers(text: string, fileName: string): AnswersFile {
  const data = parseJsonOrYaml(text, fileName, (message, detail) => new ModelParseError(message, [detail]))
  const result = answersFileSchema.safeParse(data ?? {})
  if (result.success) return result.data
  const issues = result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)
  throw new ModelParseError(
    `${fileName} is not a valid answers file:\n  ${issues.slice(0, 10).join('\n  ')}`,
    issues,
  )
}
