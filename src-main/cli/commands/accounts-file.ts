import { parse as parseCsv } from 'csv-parse/sync'
import { z } from 'zod'
import { type Account, accountSchema, domainIds } from '../../../shared/domain/types'

/** A bad accounts file: the message names the file, the row or entry, and the field. Nothing is written. */
export class AccountsFileError extends Error {}

/** `iam=3; network=2` or `{ "iam": 3 }`: a target level per domain. */
function parseTargets(value: unknown, where: string): Record<string, number> {
  if (value === undefined || value === null || value === '') return {}
  if (typeof value === 'object') return value as Record<string, number>
  const targets: Record<string, number> = {}
  for (const pair of String(value).split(/[;|]/)) {
    if (pair.trim() === '') continue
    const [domain = '', level = ''] = pair.split('=').map((part) => part.trim())
    if (!(domainIds as readonly string[]).includes(domain)) {
      throw new AccountsFileError(
        `${where}, targets: "${domain}" is not a domain (use ${domainIds.join(', ')}), e.g. iam=3;network=2.`,
      )
    }
    targets[domain] = Number(level)
  }
  return targets
}

/** One entry as the file gives it; tags may be a list or "a;b", targets a map or "iam=3;network=2". */
const entrySchema = z.object({
  id: z.string().trim(),
  name: z.string().trim().optional(),
  email: z.string().trim().optional(),
  owner: z.string().trim().optional(),
  environment: z.string().trim().optional(),
  criticality: z.string().trim().optional(),
  tags: z.union([z.array(z.string()), z.string()]).optional(),
  targets: z.unknown().optional(),
})

function toAccount(entry: unknown, where: string): Account {
  const parsed = entrySchema.safeParse(entry)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AccountsFileError(`${where}, ${issue?.path.join('.') || 'entry'}: ${issue?.message}`)
  }
  const e = parsed.data
  const tags = typeof e.tags === 'string' ? e.tags.split(/[;|]/) : (e.tags ?? [])
  const candidate = {
    id: e.id,
    name: e.name || e.id,
    ...(e.email ? { email: e.email } : {}),
    owner: e.owner ?? '',
    ...(e.environment ? { environment: e.environment } : {}),
    ...(e.criticality ? { criticality: e.criticality } : {}),
    tags: tags.map((t) => t.trim()).filter(Boolean),
    targets: parseTargets(e.targets, where),
    origin: 'import',
  }
  const result = accountSchema.safeParse(candidate)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new AccountsFileError(`${where}, ${issue?.path.join('.') || 'entry'}: ${issue?.message}`)
  }
  return result.data
}

/**
 * Parses an accounts file, CSV (a header row with `id`, and any of name, email, owner, environment,
 * criticality, tags "a;b", targets "iam=3;network=2") or JSON (a list of such objects, or `{ accounts: [...] }`).
 * Errors name the file, the line or entry, and the field.
 */
export function parseAccountsFile(text: string, fileName: string): Account[] {
  const isJson = /\.json$/i.test(fileName)
  let entries: Array<{ entry: unknown; where: string }>
  if (isJson) {
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch (error) {
      throw new AccountsFileError(`${fileName} is not valid JSON: ${(error as Error).message}`)
    }
    const list = Array.isArray(data) ? data : (data as { accounts?: unknown })?.accounts
    if (!Array.isArray(list)) {
      throw new AccountsFileError(`${fileName}: expected a list of accounts, or { "accounts": [...] }.`)
    }
    entries = list.map((entry, i) => ({ entry, where: `${fileName} entry ${i + 1}` }))
  } else {
    let rows: Array<Record<string, string>>
    try {
      rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true })
    } catch (error) {
      throw new AccountsFileError(`${fileName} is not valid CSV: ${(error as Error).message}`)
    }
    if (rows.length > 0 && !('id' in (rows[0] ?? {}))) {
      throw new AccountsFileError(`${fileName}: the header row needs an "id" column.`)
    }
    // Line numbers count the header as line 1.
    entries = rows.map((row, i) => ({
      entry: Object.fromEntries(Object.entries(row).filter(([, v]) => v !== '')),
      where: `${fileName} line ${i + 2}`,
    }))
  }
  const accounts = entries.map(({ entry, where }) => toAccount(entry, where))
  const seen = new Set<string>()
  for (const account of accounts) {
    if (seen.has(account.id))
      throw new AccountsFileError(`${fileName}: account ${account.id} is listed twice.`)
    seen.add(account.id)
  }
  return accounts
}
