import { z } from 'zod'
import { credentialReportParts, sourceIds, sourceStatusSchema } from '../../shared/evidence/schema'

/** The file names of the offline layout (one folder per account), as the AWS CLI writes them. */
export const offlineFiles = {
  identity: 'sts-get-caller-identity.json',
  aliases: 'iam-list-account-aliases.json',
  credentialReportCsv: 'credential-report.csv',
  /** `aws iam get-credential-report` as is (base64 Content, GeneratedTime): an alternative to the CSV. */
  credentialReportJson: 'iam-get-credential-report.json',
  passwordPolicy: 'iam-get-account-password-policy.json',
  /**
   * The AWS CLI's error output for the password-policy call (`2> iam-get-account-password-policy.err`): a
   * NoSuchEntity error there means "no policy"; a 0-byte policy file without it means the outcome is unknown.
   */
  passwordPolicyError: 'iam-get-account-password-policy.err',
  /** The script's generate loop keeps its last error here (the report's own call has its `.err` too). */
  credentialReportGenerateError: 'iam-generate-credential-report.err',
  accountSummary: 'iam-get-account-summary.json',
  recommendations: 'trustedadvisor-list-recommendations.json',
  recommendationResources: 'trustedadvisor-list-recommendation-resources.json',
  /** The Regions the script was asked to read Access Analyzer in (`printf '%s\n' $regions`). */
  accessAnalyzerRegions: 'accessanalyzer-regions.txt',
  /** Written by Ratchet's export and CLI: collection time and the statuses a missing file cannot carry. */
  meta: 'ratchet-evidence.json',
} as const

/** `accessanalyzer-list-analyzers[.<region>].json`, `accessanalyzer-list-findings[-v2][.<region>[.<analyzer>]].json`. */
export const analyzerFilePattern = /^accessanalyzer-list-analyzers(?:\.([a-z]{2}(?:-[a-z]+)+-\d))?\.json$/
export const findingsFilePattern =
  /^accessanalyzer-list-findings(-v2)?(?:\.([a-z]{2}(?:-[a-z]+)+-\d)(?:\.([A-Za-z0-9_.-]+))?)?\.json$/

/**
 * A name from AWS data (an analyzer's name, a Region) made safe as part of one file name: AWS's own names
 * cannot hold `/`, but a restored backup, an imported folder or a spoofed endpoint can. Anything outside
 * letters, digits, `_`, `.` and `-` becomes `_`, and the length is capped.
 */
export function safeFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 100)
  // A name of dots only would read as a path step on its own; it never is one here, but stays unambiguous.
  return /^\.*$/.test(safe) ? `_${safe}` : safe
}

/** A malformed offline file: the message names the file and the line or field. */
export class OfflineImportError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `Nothing was imported: ${problems[0]}`
        : `Nothing was imported (${problems.length} problems): ${problems.join('; ')}`,
    )
    this.name = 'OfflineImportError'
  }
}

/** A problem in one file, before it is gathered into an OfflineImportError. */
export class FileProblem extends Error {}

function lineOf(text: string, position: number): number {
  return text.slice(0, position).split('\n').length
}

/**
 * Parses a JSON file that may hold several documents one after another (what `>>` appends in a shell loop).
 * Syntax errors name the file and the line.
 */
export function parseJsonDocuments(text: string, file: string): unknown[] {
  const documents: unknown[] = []
  let i = 0
  const n = text.length
  while (i < n) {
    while (i < n && /\s/.test(text[i] as string)) i++
    if (i >= n) break
    const start = i
    let depth = 0
    let isInString = false
    for (; i < n; i++) {
      const c = text[i]
      if (isInString) {
        if (c === '\\') i++
        else if (c === '"') isInString = false
      } else if (c === '"') isInString = true
      else if (c === '{' || c === '[') depth++
      else if (c === '}' || c === ']') {
        depth--
        if (depth === 0) {
          i++
          break
        }
      } else if (depth === 0 && /\s/.test(c as string)) break
    }
    const chunk = text.slice(start, i)
    try {
      documents.push(JSON.parse(chunk))
    } catch {
      const error = findJsonError(chunk)
      throw new FileProblem(
        `${file}: line ${lineOf(text, start + error.position)}: not valid JSON (${error.reason})`,
      )
    }
  }
  return documents
}

/**
 * Finds where JSON text first goes wrong (JSON.parse does not always say where). Only called on text
 * JSON.parse rejected, so it only has to be precise, not fast.
 */
export function findJsonError(text: string): { position: number; reason: string } {
  let i = 0
  const fail = (reason: string): never => {
    throw { position: i, reason }
  }
  const space = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i++
  }
  const unexpected = () => (text[i] === undefined ? 'unexpected end' : `unexpected ${text[i]}`)
  // An object or an array: items separated by commas up to `close`.
  const items = (close: string, item: () => void) => {
    i++
    space()
    if (text[i] === close) {
      i++
      return
    }
    for (;;) {
      item()
      space()
      if (text[i] === ',') i++
      else if (text[i] === close) {
        i++
        return
      } else fail(unexpected())
    }
  }
  const member = () => {
    space()
    if (text[i] !== '"') fail(unexpected())
    string()
    space()
    if (text[i] !== ':') fail('expected :')
    i++
    value()
  }
  const value = (): void => {
    space()
    const c = text[i]
    if (c === '{') items('}', member)
    else if (c === '[') items(']', value)
    else if (c === '"') string()
    else {
      const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i))
      if (!literal) fail(unexpected())
      i += literal?.[0].length ?? 0
    }
  }
  const string = () => {
    i++
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    if (i >= text.length) fail('unterminated string')
    i++
  }
  try {
    value()
    space()
    if (i < text.length) fail(`unexpected ${text[i]}`)
  } catch (error) {
    if (error && typeof error === 'object' && 'position' in error)
      return error as { position: number; reason: string }
    throw error
  }
  return { position: text.length, reason: 'invalid' }
}

/** Validates one parsed document; failures name the file and the field path. */
export function validateDocument<T extends z.ZodType>(schema: T, value: unknown, file: string): z.output<T> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const path = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)'
  throw new FileProblem(`${file}: field ${path}: ${issue?.message ?? 'invalid'}`)
}

const time = z.union([
  z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 time'),
  z.date(),
])

export const callerIdentityFile = z.looseObject({
  Account: z.string().regex(/^\d{12}$/, 'must be a 12-digit account id'),
  Arn: z.string(),
  UserId: z.string(),
})

export const aliasesFile = z.looseObject({ AccountAliases: z.array(z.string()) })

export const credentialReportJsonFile = z.looseObject({
  Content: z.string(),
  GeneratedTime: time,
  ReportFormat: z.string().optional(),
})

export const passwordPolicyFile = z.looseObject({ PasswordPolicy: z.record(z.string(), z.unknown()) })

export const accountSummaryFile = z.looseObject({ SummaryMap: z.record(z.string(), z.number()) })

const taStatus = z.enum(['ok', 'warning', 'error'])

export const recommendationSummary = z.looseObject({
  arn: z.string(),
  name: z.string(),
  checkArn: z.string().optional(),
  status: taStatus,
  pillars: z.array(z.string()),
  source: z.string(),
  resourcesAggregates: z.looseObject({
    okCount: z.number().int(),
    warningCount: z.number().int(),
    errorCount: z.number().int(),
    excludedCount: z.number().int().optional(),
  }),
  lastUpdatedAt: time.optional(),
})
export const recommendationsFile = z.looseObject({ recommendationSummaries: z.array(recommendationSummary) })

export const recommendationResource = z.looseObject({
  arn: z.string(),
  awsResourceId: z.string(),
  regionCode: z.string(),
  status: taStatus,
  metadata: z.record(z.string(), z.string()),
  exclusionStatus: z.enum(['excluded', 'included']).optional(),
  recommendationArn: z.string(),
})
export const recommendationResourcesFile = z.looseObject({
  recommendationResourceSummaries: z.array(recommendationResource),
})

export const analyzersFile = z.looseObject({
  analyzers: z.array(
    z.looseObject({
      arn: z.string().regex(/^arn:[^:]+:access-analyzer:[^:]+:/, 'must be an Access Analyzer ARN'),
      name: z.string(),
      type: z.string(),
      status: z.string(),
    }),
  ),
})

const findingBase = {
  id: z.string(),
  resource: z.string().optional(),
  resourceType: z.string(),
  resourceOwnerAccount: z.string(),
  status: z.enum(['ACTIVE', 'ARCHIVED', 'RESOLVED']),
  createdAt: time,
  updatedAt: time,
}
export const findingsV2File = z.looseObject({
  findings: z.array(z.looseObject({ ...findingBase, findingType: z.string() })),
})
export const findingsV1File = z.looseObject({
  findings: z.array(z.looseObject({ ...findingBase, isPublic: z.boolean() })),
})

/** What a missing file cannot say: the collection time and the statuses of what was not collected. */
export const metaFile = z.object({
  schemaVersion: z.literal(1),
  accountId: z.string().regex(/^\d{12}$/),
  collectedAt: z.iso.datetime({ offset: true }),
  credentialReportGeneratedAt: z.iso.datetime({ offset: true }).optional(),
  sources: z.object({
    identity: sourceStatusSchema,
    credentialReport: sourceStatusSchema,
    trustedAdvisor: sourceStatusSchema,
    accessAnalyzer: sourceStatusSchema,
  }),
  accessAnalyzerRegions: z.record(z.string(), sourceStatusSchema),
  /**
   * Added 2026-11-29: when each source's evidence (and each Access Analyzer Region's) was collected. A folder
   * re-collected in part keeps older sources, so one time for the folder would make them look fresh.
   */
  /** Added 2026-11-29: parts of the credential report source that could not be read, with why. */
  credentialReportGaps: z.partialRecord(z.enum(credentialReportParts), sourceStatusSchema).optional(),
  sourcesCollectedAt: z.partialRecord(z.enum(sourceIds), z.iso.datetime({ offset: true })).optional(),
  accessAnalyzerRegionsCollectedAt: z.record(z.string(), z.iso.datetime({ offset: true })).optional(),
})
export type MetaFile = z.infer<typeof metaFile>
