// The browser build: the Node one reads the `Buffer` global at load, which the renderer does not have.
import { parse as parseCsv } from 'csv-parse/browser/esm/sync'
import { z } from 'zod'
import { domainIds } from '../domain/types'
import { parseJsonOrYaml } from '../model/parse-file'
import { formatPath } from '../model/schema'
import { type AccountDetails, accountDetailsSchema } from './schema'

/**
 * Account details in bulk: names, owners, environments, tags and targets, from a CSV or JSON file. The app's
 * import and `cli check/snapshot --accounts` read the same file with `parseAccountsFile`.
 *
 * CSV: a header row; columns (case-insensitive, any order) `id` (or `account_id`), `name`, `owner`,
 * `environment`, `criticality`, `email`, `tags` (`;`-separated, e.g. `team=payments;pci`) and `targets`
 * (`;`-separated `domain=level`, e.g. `iam=3;network=2`). Empty cells are left out.
 * JSON: a list of objects, or `{ "accounts": [...] }`, with the same fields (`tags` a list or a key/value
 * object, `targets` an object).
 */
export { type AccountDetails, accountDetailsSchema }

const accountsFileSchema = z.array(accountDetailsSchema).superRefine((rows, ctx) => {
  const seen = new Set<string>()
  for (const [i, row] of rows.entries()) {
    if (seen.has(row.id))
      ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `account ${row.id} is listed twice` })
    seen.add(row.id)
  }
})

/** Thrown by parseAccountsFile: the message names the file, and each issue its row (or entry) and field. */
export class AccountsFileError extends Error {
  override name = 'AccountsFileError'
  constructor(
    message: string,
    readonly issues: string[],
  ) {
    super(message)
  }
}

const columnAliases: Record<string, string> = { account_id: 'id', accountid: 'id', account: 'id' }

/** `a=b;c` → ['a=b', 'c']; `{ a: 'b' }` → ['a=b']. */
function splitList(value: string): string[] {
  return value
    .split(/[;|]/)
    .map((t) => t.trim())
    .filter((t) => t !== '')
}

function csvTargets(value: string): Record<string, unknown> {
  return Object.fromEntries(
    splitList(value).map((pair) => {
      const [domain = '', level = ''] = pair.split('=').map((p) => p.trim())
      return [domain, level === '' || Number.isNaN(Number(level)) ? level : Number(level)]
    }),
  )
}

function csvRows(text: string, fileName: string): unknown[] {
  let records: Record<string, string>[]
  try {
    records = parseCsv(text, {
      columns: (header: string[]) =>
        header.map((h) => {
          const key = h.trim().toLowerCase()
          return columnAliases[key] ?? key
        }),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    })
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw new AccountsFileError(`${fileName} is not valid CSV: ${detail}`, [detail])
  }
  return records.map((record) => {
    const row: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(record)) {
      if (value === '') continue
      row[key] = key === 'tags' ? splitList(value) : key === 'targets' ? csvTargets(value) : value
    }
    return row
  })
}

function jsonRows(text: string, fileName: string): unknown {
  const data = parseJsonOrYaml(text, fileName, (message, detail) => new AccountsFileError(message, [detail]))
  const list = Array.isArray(data) ? data : (data as { accounts?: unknown } | null)?.accounts
  if (!Array.isArray(list))
    throw new AccountsFileError(`${fileName}: expected a list of accounts or { "accounts": [...] }`, [
      '(root)',
    ])
  return list.map((row: unknown) => {
    const tags = (row as { tags?: unknown } | null)?.tags
    if (tags && typeof tags === 'object' && !Array.isArray(tags))
      return { ...(row as object), tags: Object.entries(tags).map(([k, v]) => `${k}=${String(v)}`) }
    return row
  })
}

/** Zod's words, except for a target that names no domain: say which domains there are. */
function issueMessage(issue: z.core.$ZodIssue, field: readonly PropertyKey[]): string {
  if (issue.code === 'unrecognized_keys' && field[0] === 'targets')
    return `${issue.keys.map((k) => `"${k}"`).join(', ')} is not a domain (use ${domainIds.join(', ')}), e.g. iam=3;network=2`
  return issue.message
}

/**
 * Parses an accounts file (CSV when the name ends in `.csv`, otherwise JSON or YAML). Pure: no I/O. Errors
 * name the file and each failing row and field (`accounts.csv: row 3, environment: Invalid option…`; rows
 * count from the first data row as 1, like a spreadsheet without its header).
 */
export function parseAccountsFile(text: string, fileName: string): AccountDetails[] {
  const isCsv = /\.csv$/i.test(fileName)
  const rows = isCsv ? csvRows(text, fileName) : jsonRows(text, fileName)
  const result = accountsFileSchema.safeParse(rows)
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => {
    const [index, ...field] = issue.path
    const where = typeof index === 'number' ? `${isCsv ? 'row' : 'entry'} ${index + 1}` : '(root)'
    return `${fileName}: ${where}${field.length > 0 ? `, ${formatPath(field)}` : ''}: ${issueMessage(issue, field)}`
  })
  throw new AccountsFileError(
    `${fileName} is not a valid accounts file:\n  ${issues.slice(0, 10).join('\n  ')}`,
    issues,
  )
}
