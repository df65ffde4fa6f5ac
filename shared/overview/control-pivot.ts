import { csvField } from '../report/csv'
import type { AccountScorecard, ControlStatus, ResourceRef, UnknownReason } from '../scoring/types'
import { type AccountState, stateStatus } from './state'
import type { SummaryAccount } from './summary'

/** One account's state for one control: the pivot's row. */
export interface PivotRow {
  accountId: string
  name: string
  status: ControlStatus
  unknownReason?: UnknownReason
  /** The verdict's reason and resources: empty until the account's full scorecard is read (`isDetailed`). */
  reason: string
  resources: ResourceRef[]
  isDetailed: boolean
  /** When the evidence that decided it was collected (the newest source), if any. */
  collectedAt?: string
}

/** Failing first, then unknown (by category), waived, attested, passing: what needs attention leads. */
const statusOrder: readonly ControlStatus[] = [
  'fail',
  'unknown',
  'exempt',
  'attested',
  'pass',
  'not-applicable',
]
const natural = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** The reason, resources and evidence time of one control in a full scorecard (undefined without it). */
function detailOf(card: AccountScorecard | undefined, controlId: string) {
  const control = card?.domains.flatMap((d) => d.controls).find((c) => c.controlId === controlId)
  if (!control) return undefined
  const newest = control.evidence
    .map((e) => e.collectedAt)
    .sort()
    .at(-1)
  return {
    reason: control.reason,
    resources: control.resources,
    isDetailed: true,
    ...(newest ? { collectedAt: newest } : {}),
  }
}

/**
 * Every account's state for one control ("which accounts fail root MFA?"), from the accounts' overview states
 * (`index` is the control's place in their statuses). The reason, resources and evidence time come from
 * `details`, the full scorecards read on demand. Accounts whose state lacks the control are left out, never
 * shown as passing.
 */
export function controlPivot(
  control: { id: string; index: number },
  accounts: readonly SummaryAccount[],
  states: readonly AccountState[],
  details?: ReadonlyMap<string, AccountScorecard>,
): PivotRow[] {
  const names = new Map(accounts.map((a) => [a.id, a.name]))
  const rows: PivotRow[] = []
  for (const state of states) {
    const status = stateStatus(state, control.index)
    if (!status) continue
    const unknownReason = state.unknownReasons[control.id] as UnknownReason | undefined
    rows.push({
      accountId: state.accountId,
      name: names.get(state.accountId) ?? state.accountId,
      status,
      ...(unknownReason ? { unknownReason } : {}),
      ...(detailOf(details?.get(state.accountId), control.id) ?? {
        reason: '',
        resources: [],
        isDetailed: false,
      }),
    })
  }
  return rows.sort(
    (a, b) =>
      statusOrder.indexOf(a.status) - statusOrder.indexOf(b.status) ||
      (a.unknownReason ?? '').localeCompare(b.unknownReason ?? '') ||
      natural.compare(a.name, b.name),
  )
}

/** How many accounts are in each state (unknowns also by category). */
export function pivotCounts(rows: readonly PivotRow[]): {
  byStatus: Partial<Record<ControlStatus, number>>
  byUnknownReason: Partial<Record<UnknownReason, number>>
} {
  const byStatus: Partial<Record<ControlStatus, number>> = {}
  const byUnknownReason: Partial<Record<UnknownReason, number>> = {}
  for (const row of rows) {
    byStatus[row.status] = (byStatus[row.status] ?? 0) + 1
    if (row.unknownReason) byUnknownReason[row.unknownReason] = (byUnknownReason[row.unknownReason] ?? 0) + 1
  }
  return { byStatus, byUnknownReason }
}

/** The pivot as RFC 4180 CSV (CRLF, a header row), one row per account, resources joined by spaces. */
export function pivotCsv(controlId: string, rows: readonly PivotRow[]): string {
  const header = [
    'control_id',
    'account_id',
    'account_name',
    'status',
    'unknown_reason',
    'reason',
    'resources',
    'collected_at',
  ]
  const lines = rows.map((r) =>
    [
      controlId,
      r.accountId,
      r.name,
      r.status,
      r.unknownReason,
      r.reason,
      r.resources.map((x) => x.id).join(' '),
      r.collectedAt,
    ]
      .map(csvField)
      .join(','),
  )
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`
}
