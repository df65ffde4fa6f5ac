import { reportSteps, runSteps } from './build'
import { renderCsv } from './csv'
import { DEFAULT_FILE_NAME_PATTERN, expandFileName } from './file-name'
import { renderHtml } from './html'
import { renderMarkdown } from './markdown'
import { redactSnapshots } from './redact'
import { applyScope } from './scope'
import type {
  ControlInfoLookup,
  DetailLevel,
  ReportFormat,
  ReportModel,
  ReportScope,
  ReportSnapshot,
} from './types'

export interface ExportOptions {
  format: ReportFormat
  scope: ReportScope
  isRedacted: boolean
  now: Date
  previous?: ReportSnapshot
  fileNamePattern?: string
  controlInfo?: ControlInfoLookup
  topCount?: number
  /** Default `failing`: the summary and each account's failing controls. */
  detail?: DetailLevel
}

/** The text of an export. For `pdf` it is the print-styled HTML that the host prints to PDF. */
export interface RenderedExport {
  format: ReportFormat
  fileName: string
  mimeType: string
  text: string
  report: ReportModel
}

const mimeTypes: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  html: 'text/html;charset=utf-8',
  csv: 'text/csv;charset=utf-8',
  md: 'text/markdown;charset=utf-8',
  json: 'application/json',
}

/** The JSON export: the full snapshot (within the scope), which the app can import again. */
export function renderJson(snapshot: ReportSnapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`
}

/** The {scope} file-name part: 'org', 'selection', or the one account's name (not its id). */
function scopeName(scoped: ReportSnapshot, scope: ReportScope): string {
  if (scope.kind === 'org') return 'org'
  const [only, ...others] = scoped.scorecard.accounts
  if (!only || others.length > 0) return 'selection'
  return scoped.accounts.find((a) => a.id === only.accountId)?.name ?? 'account'
}

/**
 * The export's file name from the pattern (default `ratchet-{label}-{date}.{ext}`). Checks the scope first,
 * so a bad selection is reported before any dialog opens. A redacted export's name carries no account id.
 */
export function exportFileName(
  snapshot: ReportSnapshot,
  options: Pick<ExportOptions, 'format' | 'scope' | 'isRedacted' | 'now' | 'fileNamePattern'>,
): string {
  const scoped = applyScope(snapshot, options.scope)
  const clean = (text: string) => (options.isRedacted ? text.replace(/\d{12}/g, 'account') : text)
  return expandFileName(options.fileNamePattern ?? DEFAULT_FILE_NAME_PATTERN, {
    label: clean(snapshot.label),
    createdAt: snapshot.createdAt,
    now: options.now,
    format: options.format,
    scope: clean(scopeName(scoped, options.scope)),
  })
}

/**
 * Everything an export needs, in order: scope, then redaction (so the masks number only what is exported),
 * then the report model and the format's text, and the file name from the pattern.
 */
export function renderExport(snapshot: ReportSnapshot, options: ExportOptions): RenderedExport {
  return runSteps(exportSteps(snapshot, options))
}

/**
 * renderExport one account at a time (see reportSteps): yields the accounts built so far, so the app can
 * show a progress bar and cancel between accounts.
 */
export function* exportSteps(
  snapshot: ReportSnapshot,
  options: ExportOptions,
): Generator<{ done: number; total: number }, RenderedExport> {
  const scoped = applyScope(snapshot, options.scope)
  const previous = options.previous
  const pair = options.isRedacted ? redactSnapshots(scoped, previous) : { snapshot: scoped, previous }
  // The scope again, by the (possibly masked) ids; a redacted report drops the scope's title, which may
  // name a person ("Owner Priya Raman").
  const scope: ReportScope =
    options.scope.kind === 'org'
      ? options.scope
      : {
          kind: 'accounts',
          accountIds: pair.snapshot.scorecard.accounts.map((a) => a.accountId),
          ...(options.scope.title && !options.isRedacted ? { title: options.scope.title } : {}),
        }
  const report = yield* reportSteps(pair.snapshot, {
    scope,
    now: options.now,
    isRedacted: options.isRedacted,
    ...(pair.previous ? { previous: pair.previous } : {}),
    ...(options.controlInfo ? { controlInfo: options.controlInfo } : {}),
    ...(options.topCount !== undefined ? { topCount: options.topCount } : {}),
    ...(options.detail ? { detail: options.detail } : {}),
  })
  const text = (() => {
    switch (options.format) {
      case 'pdf':
      case 'html':
        return renderHtml(report)
      case 'csv':
        return renderCsv(pair.snapshot, options.controlInfo)
      case 'md':
        return renderMarkdown(report)
      case 'json':
        return renderJson(pair.snapshot)
    }
  })()
  const fileName = exportFileName(snapshot, options)
  return { format: options.format, fileName, mimeType: mimeTypes[options.format], text, report }
}
