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

/** The columns every layout has (the 2015 16-column one and the current 22-column one). */
const requiredColumns = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const

/** Values IAM writes where there is nothing to report. */
const absentValues = new Set(['n/a', 'no_information', 'not_supported', ''])

interface Row {
  line: number
  fields: string[]
}

/**
 * Splits CSV text into rows (RFC 4180: quoted fields, doubled quotes, CRLF or LF, newlines inside quotes).
 * Blank lines are skipped. Each row remembers the line it started on.
 */
export function splitCsv(text: string): Row[] {
  const rows: Row[] = []
  let fields: string[] = []
  let field = ''
  let isQuoted = false
  let wasQuoted = false
  let line = 1
  let rowLine = 1
  const endRow = () => {
    fields.push(field)
    if (!(fields.length === 1 && fields[0] === '' && !wasQuoted)) rows.push({ line: rowLine, fields })
    fields = []
    field = ''
    wasQuoted = false
  }
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (isQuoted) {
      if (c === '"') {
        if (source[i + 1] === '"') {
          field += '"'
          i++
        } else isQuoted = false
      } else {
        if (c === '\n') line++
        field += c
      }
      continue
    }
    if (c === '"' && field === '') {
      isQuoted = true
      wasQuoted = true
    } else if (c === ',') {
      fields.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++
      endRow()
      line++
      rowLine = line
    } else field += c
  }
  if (isQuoted) throw new CredentialReportParseError('a quoted field is never closed', rowLine)
  if (field !== '' || fields.length > 0) endRow()
  return rows
}

/** Parses the decoded credential report CSV into one record per user, the root user included. */
export function parseCredentialReportCsv(text: string): CredentialUser[] {
  const rows = splitCsv(text)
  const header = rows[0]
  if (!header) throw new CredentialReportParseError('the report is empty', 1)
  const columns = header.fields.map((name) => name.trim().toLowerCase())
  const index = new Map(columns.map((name, i) => [name, i]))
  for (const name of requiredColumns) {
    if (!index.has(name)) {
      throw new CredentialReportParseError(`the header has no "${name}" column`, header.line, name)
    }
  }
  return rows.slice(1).map((row) => parseRow(row, columns.length, index))
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

/** The report's header columns, lower-cased, as the rules name them (which columns it has decides what can be judged). */
export function credentialReportColumns(text: string): string[] {
  const header = text.slice(0, text.search(/\r?\n|$/))
  return header.split(',').map((name) => name.trim().toLowerCase())
}
