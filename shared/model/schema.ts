import { z } from 'zod'
import { domainIdSchema, domainIds } from '../domain/types'
import { canonicalJson, fnv1a64 } from './hash'
import { parseJsonOrYaml } from './parse-file'
import { ruleSchema } from './rules'

/**
 * A maturity model, as data: eight domains, each with levels 1–5, each level listing its controls. A control
 * carries an automated rule, a manual question, or both ("either": automation or a current attestation can
 * satisfy it). Parameters are named numbers with bounds the user may override within.
 *
 * Version history:
 * - 1 (2026-11-28): first version.
 */
export const MODEL_SCHEMA_VERSION = 1

const docsUrl = z.url().refine((u) => u.startsWith('https://'), 'links must use https')

export const paramSchema = z
  .strictObject({
    title: z.string().min(1),
    description: z.string().default(''),
    unit: z.string().default(''),
    default: z.number(),
    min: z.number(),
    max: z.number(),
  })
  .refine((p) => p.min <= p.default && p.default <= p.max, 'default must lie within min..max')

export const questionSchema = z.strictObject({
  prompt: z.string().min(1),
  /** How long an attestation stays valid by default, in days. */
  validityDays: z.number().int().min(1).max(1095).default(180),
})

export const remediationSchema = z.strictObject({
  text: z.string().min(1),
  links: z.array(z.strictObject({ title: z.string().min(1), url: docsUrl })).default([]),
})

/** How bad a failure of the control is, for ranking risks in reports. Optional: see controlSeverity(). */
export const severities = ['critical', 'high', 'medium', 'low'] as const
export const severitySchema = z.enum(severities)
export type Severity = z.infer<typeof severitySchema>

export const controlSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'ids are lowercase letters, digits, dots and dashes'),
    title: z.string().min(1),
    rationale: z.string().min(1),
    remediation: remediationSchema,
    rule: ruleSchema.optional(),
    question: questionSchema.optional(),
    /** Added 2026-11-29, optional: absent, the report derives it from the level and domain (controlSeverity). */
    severity: severitySchema.optional(),
  })
  .refine(
    (c) => c.rule !== undefined || c.question !== undefined,
    'a control needs a rule, a question, or both',
  )

export const levelNumberSchema = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
  z.literal(5),
])

export const modelLevelSchema = z.strictObject({
  level: levelNumberSchema,
  name: z.string().min(1),
  meaning: z.string().min(1),
  controls: z.array(controlSchema).default([]),
})

export const modelDomainSchema = z
  .strictObject({
    id: domainIdSchema,
    name: z.string().min(1),
    description: z.string().default(''),
    levels: z.array(modelLevelSchema).length(5, 'a domain has exactly five levels'),
  })
  .refine((d) => d.levels.every((l, i) => l.level === i + 1), 'levels must be listed in order 1, 2, 3, 4, 5')

export const maturityModelSchema = z
  .strictObject({
    schemaVersion: z.literal(MODEL_SCHEMA_VERSION),
    id: z.string().min(1),
    name: z.string().min(1),
    description: z.string().default(''),
    params: z.record(z.string().regex(/^[a-z0-9-]+$/), paramSchema).default({}),
    domains: z.array(modelDomainSchema),
  })
  .superRefine((m, ctx) => {
    const seenDomains = new Set<string>()
    for (const [i, d] of m.domains.entries()) {
      if (seenDomains.has(d.id))
        ctx.addIssue({ code: 'custom', path: ['domains', i, 'id'], message: `duplicate domain "${d.id}"` })
      seenDomains.add(d.id)
    }
    for (const id of domainIds) {
      if (!seenDomains.has(id))
        ctx.addIssue({ code: 'custom', path: ['domains'], message: `missing domain "${id}"` })
    }
    const seenControls = new Set<string>()
    for (const [di, d] of m.domains.entries()) {
      for (const [li, l] of d.levels.entries()) {
        for (const [ci, c] of l.controls.entries()) {
          const path = ['domains', di, 'levels', li, 'controls', ci]
          if (seenControls.has(c.id))
            ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `duplicate control id "${c.id}"` })
          seenControls.add(c.id)
          for (const ref of paramRefs(c.rule)) {
            if (!(ref in m.params))
              ctx.addIssue({ code: 'custom', path: [...path, 'rule'], message: `unknown parameter "${ref}"` })
          }
        }
      }
    }
  })

export type MaturityModel = z.output<typeof maturityModelSchema>
export type MaturityModelInput = z.input<typeof maturityModelSchema>
export type ModelDomain = MaturityModel['domains'][number]
export type ModelLevel = ModelDomain['levels'][number]
export type ModelControl = ModelLevel['controls'][number]
export type ModelParam = MaturityModel['params'][string]
export type Question = z.output<typeof questionSchema>

/** Every parameter id a rule refers to, found by walking the rule data. */
export function paramRefs(value: unknown): string[] {
  const found: string[] = []
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk)
    else if (v !== null && typeof v === 'object') {
      const record = v as Record<string, unknown>
      if (typeof record.param === 'string' && Object.keys(record).length === 1) found.push(record.param)
      else Object.values(record).forEach(walk)
    }
  }
  walk(value)
  return found
}

/** Thrown by parseModel; `issues` name each problem by its path in the file. */
export class ModelParseError extends Error {
  constructor(
    message: string,
    readonly issues: string[],
  ) {
    super(message)
    this.name = 'ModelParseError'
  }
}

/** A zod issue path as written in error messages: `domains[0].levels[1].controls[2].rule`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(root)'
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('')
}

/**
 * A failed parse's issues as "path: message" lines, and the text of the first ten, one per indented line,
 * then "… and N more": what every file-validation error shows.
 */
export function issueLines(error: z.ZodError): { issues: string[]; text: string } {
  const issues = error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)
  const shown = issues.slice(0, 10)
  const more = issues.length > shown.length ? `\n  … and ${issues.length - shown.length} more` : ''
  return { issues, text: `${shown.join('\n  ')}${more}` }
}

/**
 * The largest model or answers file read (4 MiB; the default model is about 1/20 of that). Larger text is
 * refused before parsing, so a stray file never ties up the app.
 */
export const MAX_MODEL_FILE_BYTES = 4 * 1024 * 1024

/** Refuses text over MAX_MODEL_FILE_BYTES, naming the file and both sizes (ModelParseError). */
export function checkFileSize(text: string, fileName: string, what: string): void {
  if (text.length <= MAX_MODEL_FILE_BYTES) return
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`
  const message = `${fileName} is ${mib(text.length)}; ${what} may be at most ${mib(MAX_MODEL_FILE_BYTES)}`
  throw new ModelParseError(message, [message])
}

/**
 * Parses and validates a model from JSON or YAML text (chosen by the file name's extension; YAML is a
 * superset of JSON, so unknown extensions are read as YAML). Throws ModelParseError whose message names the
 * file and each failing path, e.g. `domains[0].levels[1].controls[2].rule: unknown parameter "x"`.
 */
export function parseModel(text: string, fileName: string): MaturityModel {
  checkFileSize(text, fileName, 'a model file')
  const data = parseJsonOrYaml(text, fileName, (message, detail) => new ModelParseError(message, [detail]))
  return validateModel(data, fileName)
}

/** Validates already-parsed model data; same errors as parseModel. */
export function validateModel(data: unknown, fileName: string): MaturityModel {
  const result = maturityModelSchema.safeParse(data)
  if (result.success) return result.data
  const { issues, text } = issueLines(result.error)
  throw new ModelParseError(`${fileName} is not a valid Ratchet model:\n  ${text}`, issues)
}

/**
 * The model's content hash: FNV-1a 64 over its canonical JSON (keys sorted), as 16 hex digits. Two models
 * with the same content have the same version wherever they are hashed; any change gives a new version.
 */
export function modelVersion(model: MaturityModel): string {
  return fnv1a64(canonicalJson(model))
}
