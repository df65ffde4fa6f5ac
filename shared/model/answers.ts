import { z } from 'zod'
import { attestationSchema, waiverSchema } from '../domain/types'
import { parseJsonOrYaml } from './parse-file'
import { checkFileSize, formatPath, type MaturityModel, ModelParseError } from './schema'

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
  checkFileSize(text, fileName, 'an answers file')
  const data = parseJsonOrYaml(text, fileName, (message, detail) => new ModelParseError(message, [detail]))
  const result = answersFileSchema.safeParse(data ?? {})
  if (result.success) return result.data
  const issues = result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)
  throw new ModelParseError(
    `${fileName} is not a valid answers file:\n  ${issues.slice(0, 10).join('\n  ')}`,
    issues,
  )
}

/**
 * Refuses answers that name a control the model does not have, or an account that is not being scored:
 * such answers would otherwise be silently ignored. The error names the file, each entry and the names.
 */
export function assertAnswersMatch(
  answers: AnswersFile,
  model: MaturityModel,
  accountIds: ReadonlySet<string>,
  fileName: string,
): void {
  const controlIds = new Set(
    model.domains.flatMap((d) => d.levels.flatMap((l) => l.controls.map((c) => c.id))),
  )
  const issues: string[] = []
  for (const [list, rows] of [
    ['attestations', answers.attestations],
    ['waivers', answers.waivers],
  ] as const) {
    rows.forEach((row, i) => {
      if (!controlIds.has(row.controlId))
        issues.push(`${list}[${i}].controlId: unknown control "${row.controlId}" (not in model ${model.id})`)
      if (!accountIds.has(row.accountId))
        issues.push(`${list}[${i}].accountId: unknown account "${row.accountId}" (not in the evidence)`)
    })
  }
  if (issues.length === 0) return
  const more = issues.length > 10 ? `\n  … and ${issues.length - 10} more` : ''
  throw new ModelParseError(
    `${fileName} names controls or accounts that are not being scored:\n  ${issues.slice(0, 10).join('\n  ')}${more}`,
    issues,
  )
}
