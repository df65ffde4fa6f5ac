import { CsvError, type Info, parse } from 'csv-parse'
import { parse as parseSync } from 'csv-parse/sync'
import type { CredentialUser } from '../../shared/evidence/schema'

/** A malformed credential report: names the line (1-based, the header is line 1) and the column when known. */
export class CredentialReportParseError extends Error {
  readonly line: number | undefined
  readonly field: string | undefined

  constructor(message: string, line?: number, field?: string) {
    const where = [line === undefined ? '' : `line ${line}`, field === undefined ? '' : `field ${field}`]
      .filter(Boolean)
      .join(', ')
    super(where ? `${where}: ${message}` : message)
    this.name = 'CredentialReportParseError'
    this.line = line
    this.field = field
  }
}

/** The current 22-column header, in the documented order (the fake AWS renders it too). */
export const CREDENTIAL_REPORT_HEADER = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const

/**
 * Columns a report may lack without being refused: the last-used columns came after the 2015 16-column
 * layout (a rule that needs one is then unknown), and password_next_rotation is never read.
 */
const laterColumns: ReadonlySet<string> = new Set([
  'password_next_rotation',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
])

/** The columns every layout has (the 2015 16-column one and the current 22-column one). */
const requiredColumns = CREDENTIAL_REPORT_HEADER.filter((c) => !laterColumns.has(c))

/** Values IAM writes where there is nothing to report. */
const absentValues = new Set(['n/a', 'no_information', 'not_supported', ''])

/** A CSV record and the line it ends on (the header is line 1). */
interface Row {
  line: number
  fields: string[]
}

/**
 * The largest credential report read: IAM allows 5,000 users per account, about 2 MB of CSV, so 16 MB is
 * eight times what a real report can be, and parsing it stays within a few hundred MB of memory.
 */
export const CREDENTIAL_REPORT_MAX_BYTES = 16 * 1024 * 1024

/** What a parse is told: the file it reads (named in every error) and the size cap. */
export interface ParseOptions {
  fileName?: string
  maxBytes?: number
}

const csvOptions = { info: true, skip_empty_lines: true, relax_column_count: true, bom: true } as const

function tooLarge(fileName: string, maxBytes: number): CredentialReportParseError {
  const mb = (maxBytes / 1024 / 1024).toFixed(0)
  return new CredentialReportParseError(
    `${fileName} is larger than ${mb} MB, more than a credential report can be (IAM allows 5,000 users per account); it was not read`,
  )
}

/** A csv-parse error as ours, keeping the line it names. */
function fromCsvError(error: unknown): unknown {
  if (error instanceof CsvError) {
    const line = typeof error.lines === 'number' ? error.lines : undefined
    return new CredentialReportParseError(error.message.replace(/^Invalid [^:]*: /, ''), line)
  }
  return error
}

/** A parsed report: its header's columns (lower-cased, as the rules name them) and one record per user. */
export interface ParsedCredentialReport {
  /** Which columns the report has decides what can be judged (an older 16-column report has no last-used ones). */
  columns: string[]
  users: CredentialUser[]
}

/** Reads the header, then maps each record to a user as it arrives. */
function reader() {
  let columns: string[] | undefined
  let index = new Map<string, number>()
  const users: CredentialUser[] = []
  return {
    users,
    push(row: Row): void {
      if (!columns) {
        columns = row.fields.map((name) => name.trim().toLowerCase())
        index = new Map(columns.map((name, i) => [name, i]))
        for (const name of requiredColumns) {
          if (!index.has(name)) {
            throw new CredentialReportParseError(`the header has no "${name}" column`, row.line, name)
          }
        }
        return
      }
      users.push(parseRow(row, columns.length, index))
    },
    done(): ParsedCredentialReport {
      if (!columns) throw new CredentialReportParseError('the report is empty', 1)
      return { columns, users }
    },
  }
}

/**
 * Parses a credential report as it streams in (csv-parse), one record at a time, so memory stays bounded by
 * the users kept, not the text. Refuses a report over the size cap before reading the rest of it.
 */
export async function parseCredentialReport(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: ParseOptions = {},
): Promise<ParsedCredentialReport> {
  const { fileName = 'credential report', maxBytes = CREDENTIAL_REPORT_MAX_BYTES } = options
  const read = reader()
  const parser = parse(csvOptions)
  let bytes = 0
  const feed = (async () => {
    try {
      for await (const chunk of source) {
        if (parser.destroyed) return
        bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength
        if (bytes > maxBytes) throw tooLarge(fileName, maxBytes)
        if (!parser.write(chunk)) {
          // Back-pressure: wait until the parser has room, or has stopped (a bad row ends the parse).
          await new Promise<void>((resolve) => {
            const done = () => {
              parser.off('drain', done)
              parser.off('close', done)
              resolve()
            }
            parser.on('drain', done)
            parser.on('close', done)
          })
        }
      }
      parser.end()
    } catch (error) {
      parser.destroy(error instanceof Error ? error : new Error(String(error)))
    }
  })()
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      read.push({ line: info.lines, fields: record })
    }
  } catch (error) {
    parser.destroy()
    throw fromCsvError(error)
  } finally {
    await feed
  }
  return read.done()
}

/** Parses the decoded credential report CSV text into its columns and one record per user, root included. */
export function parseCredentialReportCsv(text: string, options: ParseOptions = {}): ParsedCredentialReport {
  const { fileName = 'credential report', maxBytes = CREDENTIAL_REPORT_MAX_BYTES } = options
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge(fileName, maxBytes)
  const read = reader()
  let records: Array<{ record: string[]; info: Info }>
  try {
    records = parseSync(text, csvOptions) as unknown as Array<{ record: string[]; info: Info }>
  } catch (error) {
    throw fromCsvError(error)
  }
  for (const { record, info } of records) read.push({ line: info.lines, fields: record })
  return read.done()
}

function parseRow(row: Row, width: number, index: Map<string, number>): CredentialUser {
  if (row.fields.length !== width) {
    throw new CredentialReportParseError(
      `expected ${width} fields as in the header, found ${row.fields.length}`,
      row.line,
    )
  }
  const raw = (name: string): string | undefined => {
    const i = index.get(name)
    return i === undefined ? undefined : (row.fields[i] as string).trim()
  }
  const text = (name: string): string | null => {
    const value = raw(name)
    return value === undefined || absentValues.has(value.toLowerCase()) ? null : value
  }
  const time = (name: string): string | null => {
    const value = text(name)
    if (value === null) return null
    const date = new Date(value)
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) {
      throw new CredentialReportParseError(`"${value}" is not an ISO-8601 time`, row.line, name)
    }
    return date.toISOString()
  }
  const flag = (name: string): boolean | null => {
    const value = raw(name)
    if (value === undefined || absentValues.has(value.toLowerCase())) return null
    const lower = value.toLowerCase()
    if (lower === 'true') return true
    if (lower === 'false') return false
    throw new CredentialReportParseError(`"${value}" is not true or false`, row.line, name)
  }
  const requiredFlag = (name: string): boolean => {
    const value = flag(name)
    if (value === null) {
      throw new CredentialReportParseError(`"${raw(name) ?? ''}" is not true or false`, row.line, name)
    }
    return value
  }

  const user = raw('user') ?? ''
  const arn = raw('arn') ?? ''
  if (user === '') throw new CredentialReportParseError('the user name is empty', row.line, 'user')
  if (!arn.startsWith('arn:')) throw new CredentialReportParseError(`"${arn}" is not an ARN`, row.line, 'arn')
  const isRoot = user === '<root_account>' || user === 'root_account' || arn.endsWith(':root')

  const accessKeys = ([1, 2] as const).flatMap((slot) => {
    const isActive = requiredFlag(`access_key_${slot}_active`)
    const lastRotated = time(`access_key_${slot}_last_rotated`)
    if (!isActive && lastRotated === null) return []
    return [
      {
        slot,
        isActive,
        lastRotated,
        lastUsed: time(`access_key_${slot}_last_used_date`),
        lastUsedRegion: text(`access_key_${slot}_last_used_region`),
        lastUsedService: text(`access_key_${slot}_last_used_service`),
      },
    ]
  })
  const certificates = ([1, 2] as const).flatMap((slot) => {
    const isActive = requiredFlag(`cert_${slot}_active`)
    const lastRotated = time(`cert_${slot}_last_rotated`)
    return !isActive && lastRotated === null ? [] : [{ slot, isActive, lastRotated }]
  })

  return {
    user,
    arn,
    isRoot,
    createdAt: time('user_creation_time'),
    hasPassword: flag('password_enabled'),
    passwordLastUsed: time('password_last_used'),
    passwordLastChanged: time('password_last_changed'),
    isMfaActive: requiredFlag('mfa_active'),
    accessKeys,
    certificates,
  }
}
