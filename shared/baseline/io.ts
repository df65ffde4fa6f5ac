import { stringify as toYaml } from 'yaml'
import { z } from 'zod'
import type { Account } from '../domain/types'
import { parseJsonOrYaml } from '../model/parse-file'
import { formatPath, MAX_MODEL_FILE_BYTES } from '../model/schema'
import { BASELINE_SCHEMA_VERSION, type Baseline, baselineSchema } from './types'

/** A baselines file: `{ schemaVersion: 1, baselines: [...] }` (every version) or a bare list of versions. */
export const baselinesFileSchema = z
  .strictObject({
    schemaVersion: z.literal(BASELINE_SCHEMA_VERSION).default(BASELINE_SCHEMA_VERSION),
    baselines: z.array(baselineSchema),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>()
    for (const [i, b] of file.baselines.entries()) {
      const key = `${b.id}@${b.version}`
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['baselines', i, 'version'],
          message: `"${b.id}" version ${b.version} is listed twice`,
        })
      seen.add(key)
    }
  })

/** Thrown by parseBaselinesFile; each issue names its field. */
export class BaselineFileError extends Error {
  override name = 'BaselineFileError'
  constructor(
    message: string,
    readonly issues: string[],
  ) {
    super(message)
  }
}

/**
 * Parses a baselines file, JSON or YAML by its extension. Errors name the file and every failing field
 * (e.g. `baselines.yaml: baselines[0].minimums.iam: Too big: expected number to be <=5`).
 */
export function parseBaselinesFile(text: string, fileName: string): Baseline[] {
  // Refused before parsing: a huge file cannot exhaust memory (the same cap as model and answers files).
  if (text.length > MAX_MODEL_FILE_BYTES) {
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`
    const message = `${fileName} is ${mib(text.length)}; a baselines file may be at most ${mib(MAX_MODEL_FILE_BYTES)}`
    throw new BaselineFileError(message, [message])
  }
  const data = parseJsonOrYaml(text, fileName, (message, detail) => new BaselineFileError(message, [detail]))
  const result = baselinesFileSchema.safeParse(Array.isArray(data) ? { baselines: data } : (data ?? {}))
  if (result.success) return result.data.baselines
  const issues = result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)
  throw new BaselineFileError(
    `${fileName} is not a valid baselines file:\n  ${issues.slice(0, 10).join('\n  ')}`,
    issues.map((i) => `${fileName}: ${i}`),
  )
}

/** Writes every version as a baselines file that `parseBaselinesFile` reads back unchanged. */
export function serializeBaselines(versions: readonly Baseline[], format: 'json' | 'yaml'): string {
  const sorted = [...versions].sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version)
  const file = { schemaVersion: BASELINE_SCHEMA_VERSION, baselines: sorted }
  return format === 'json' ? `${JSON.stringify(file, null, 2)}\n` : toYaml(file)
}

/** The id of the baseline that carries one account's own targets. */
export const accountBaselineId = (accountId: string): string => `account-${accountId}`

/**
 * Per-account targets become the most specific scope: one baseline per account with targets, scoped to that
 * account alone, minimums = its targets. Used by the Dexie migration and by `cli check --accounts`.
 */
export function baselinesFromTargets(
  accounts: ReadonlyArray<Pick<Account, 'id' | 'name' | 'targets'>>,
  author: { by: string; at: string; reason: string },
): Baseline[] {
  return accounts
    .filter((a) => Object.keys(a.targets).length > 0)
    .map((a) =>
      baselineSchema.parse({
        id: accountBaselineId(a.id),
        name: `${a.name} targets`,
        version: 1,
        scope: { kind: 'accounts', accountIds: [a.id] },
        minimums: a.targets,
        invariants: [],
        setBy: author.by,
        setAt: author.at,
        reason: author.reason,
        change: 'created',
      }),
    )
}
