import { AppError } from '../errors'
import type { ReportFormat } from './types'

export const DEFAULT_FILE_NAME_PATTERN = 'ratchet-{label}-{date}.{ext}'

/** The file extension per format. */
export const formatExtensions: Record<ReportFormat, string> = {
  pdf: 'pdf',
  html: 'html',
  csv: 'csv',
  md: 'md',
  json: 'json',
}

/** A label as a file-name part: lower case, letters, digits and dashes ("Q4 2026 / final" → "q4-2026-final"). */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'snapshot'
  )
}

export interface FileNameParts {
  label: string
  /** The snapshot's date (ISO). */
  createdAt: string
  /** When the export is made. */
  now: Date
  format: ReportFormat
  /** 'org', 'selection', or the one account's name (never its id, so a redacted export stays redacted). */
  scope: string
}

const TOKEN = /\{([a-z]+)\}/g

/**
 * Expands a file-name pattern. Tokens: {label}, {date} (the snapshot's day), {today} (the export's day),
 * {scope} and {ext}. The result is a bare file name (no folders), safe on Windows, macOS and Linux, and it
 * always ends with the format's extension.
 */
export function expandFileName(pattern: string, parts: FileNameParts): string {
  const ext = formatExtensions[parts.format]
  const values: Record<string, string> = {
    label: slug(parts.label),
    date: parts.createdAt.slice(0, 10),
    today: parts.now.toISOString().slice(0, 10),
    scope: slug(parts.scope),
    ext,
  }
  const unknown = [...pattern.matchAll(TOKEN)].map((m) => m[1] ?? '').filter((t) => !(t in values))
  if (unknown.length > 0) {
    throw new AppError(
      'export-bad-file-name',
      `The file-name pattern has an unknown token {${unknown[0]}}.`,
      'Use {label}, {date}, {today}, {scope} and {ext}.',
    )
  }
  const expanded = pattern
    .replace(TOKEN, (_, token: string) => values[token] ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 180)
  if (expanded.length === 0 || expanded === `.${ext}`) {
    throw new AppError(
      'export-bad-file-name',
      'The file-name pattern gives an empty name.',
      'Include {label}.',
    )
  }
  return expanded.toLowerCase().endsWith(`.${ext}`) ? expanded : `${expanded}.${ext}`
}
