import { domainIds } from '../domain/types'
import { headlineLevelText } from '../scoring/unknown-reasons'
import { controlInfoFromModel } from './control-info'
import { evidenceText, statusWords } from './text'
import type { ControlInfoLookup, ReportSnapshot } from './types'

export const csvColumns = [
  'snapshot',
  'account_id',
  'account_name',
  'account_level',
  'account_evidence_level',
  'account_grade',
  'domain',
  'domain_level',
  'domain_evidence_level',
  'domain_target',
  'control_id',
  'control_title',
  'control_level',
  'status',
  'unknown_reason',
  'reason',
  'resources',
  'fix',
  'attestation_expires',
  'waiver_expires',
] as const

/** A spreadsheet reads a cell that starts with one of these as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF; quotes are doubled. Text that starts
 * like a formula (=, +, -, @, tab, carriage return) gets a leading apostrophe and is quoted, as OWASP's CSV
 * injection advice says, so Excel, LibreOffice and Sheets show it as text and never evaluate it. Numbers are
 * written as they are.
 */
export function csvField(value: string | number | undefined): string {
  if (typeof value === 'number') return String(value)
  const raw = value ?? ''
  const text = FORMULA_START.test(raw) ? `'${raw}` : raw
  return /[",\r\n]/.test(text) || text !== raw ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * CSV with one row per account × control, RFC 4180 (CRLF line ends, a header row). Status uses the report's
 * words: an unknown control is "unverified", with its category in `unknown_reason`. Both headline levels
 * stand in every row: the assessed one ("L2", or "unassessed" when the account has no usable evidence) and
 * the evidence-verified one ("L1", or "no automated evidence"). Pass the snapshot already
 * restricted to the scope (applyScope).
 */
export function renderCsv(snapshot: ReportSnapshot, controlInfo?: ControlInfoLookup): string {
  const info = controlInfo ?? controlInfoFromModel(snapshot.model)
  const names = new Map(snapshot.accounts.map((a) => [a.id, a.name]))
  const lines = [csvColumns.join(',')]
  for (const card of snapshot.scorecard.accounts) {
    const domains = [...card.domains].sort(
      (a, b) => domainIds.indexOf(a.domainId) - domainIds.indexOf(b.domainId),
    )
    for (const domain of domains) {
      for (const control of domain.controls) {
        const row: Record<(typeof csvColumns)[number], string | number | undefined> = {
          snapshot: snapshot.label,
          account_id: card.accountId,
          account_name: names.get(card.accountId) ?? card.accountId,
          account_level: headlineLevelText(card.level, card.grade),
          account_evidence_level: evidenceText(card.evidenceLevel),
          account_grade: card.grade,
          domain: domain.domainId,
          domain_level: domain.level,
          domain_evidence_level: evidenceText(domain.evidenceLevel),
          domain_target: domain.target,
          control_id: control.controlId,
          control_title: info(control.controlId)?.title ?? control.controlId,
          control_level: control.level,
          status: statusWords[control.status],
          unknown_reason: control.unknownReason,
          reason: control.reason,
          resources: control.resources.map((r) => r.id).join('; '),
          fix: control.status === 'fail' ? (info(control.controlId)?.fix ?? '') : '',
          attestation_expires: control.attestation?.expiresAt,
          waiver_expires: control.waiver?.expiresAt,
        }
        lines.push(csvColumns.map((column) => csvField(row[column])).join(','))
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`
}
