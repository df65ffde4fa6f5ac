import { useEffect, useRef, useState } from 'react'
import { type EvidenceBundle, type SourceId, sourceIds } from '../../../shared/evidence/schema'
import { evidenceTime } from '../../../shared/evidence/select'
import type { ControlResult } from '../../../shared/scoring/types'
import { unknownReasonText } from '../../../shared/scoring/unknown-reasons'
import { ConfirmDialog } from '../../components/confirm-dialog'
import { ExpiredFlag, StatusPill } from '../../components/status-pill'
import { TableHead } from '../../components/table-head'
import { useAppStore } from '../../store/app-store'
import { useDeskModel } from '../../store/use-desk-model'
import { AnswerForm, WaiverForm } from './answer-forms'

const isSourceId = (value: string): value is SourceId => (sourceIds as readonly string[]).includes(value)
const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`

/**
 * "trustedAdvisor, collected …": and, when the evidence dates itself (a report's generation, a check's
 * refresh) earlier than its collection, that date too; when the only time is an imported file's, it says so,
 * since copying a folder makes files look newer than their evidence.
 */
export function evidenceLine(
  source: string,
  collectedAt: string,
  bundle: EvidenceBundle | undefined,
): string {
  const collected = `${source}, collected ${minute(collectedAt)}`
  const result = bundle && isSourceId(source) ? bundle[source] : undefined
  if (!result || result.collectedAt !== collectedAt) return collected
  const time = evidenceTime(source as SourceId, result)
  if (time.basis === 'file-time')
    return `${collected} (the imported files' time: a copied folder can look newer than its evidence)`
  return time.basis === 'evidence' && time.at !== collectedAt
    ? `${collected}, from ${minute(time.at)}`
    : collected
}

/** One control: status, reason, evidence (violating resources, source, time), remediation and answers. */
export function ControlItem({
  accountId,
  result,
  isFocused,
}: {
  accountId: string
  result: ControlResult
  isFocused: boolean
}) {
  const desk = useDeskModel()
  const meta = desk.controls.get(result.controlId)
  const open = useAppStore((s) => s.openLink)
  const removeAttestation = useAppStore((s) => s.removeAttestation)
  const removeWaiver = useAppStore((s) => s.removeWaiver)
  const bundle = useAppStore((s) => s.latestEvidence[accountId])
  const [mode, setMode] = useState<'none' | 'answer' | 'waive'>('none')
  const [confirm, setConfirm] = useState<'none' | 'attestation' | 'waiver'>('none')
  const ref = useRef<HTMLLIElement>(null)
  useEffect(() => {
    if (isFocused) ref.current?.scrollIntoView?.({ block: 'center' })
  }, [isFocused])
  const isManual = meta?.isManual ?? result.unknownReason === 'not-answered'
  const title = meta?.title ?? result.controlId
  return (
    <li
      ref={ref}
      className={`control status-row-${result.status}`}
      data-testid="control"
      data-control-id={result.controlId}
    >
      <details open={isFocused}>
        <summary>
          <StatusPill status={result.status} />
          <span className="control-title">{title}</span>
          {isManual ? (
            <span className="manual-tag">{meta?.hasRule ? 'Rule or answer' : 'Question'}</span>
          ) : null}
          {result.expired ? <ExpiredFlag at={result.expired.expiredAt} /> : null}
          <span className="control-reason muted">{result.reason}</span>
          {result.unknownReason ? (
            <span
              className={`unknown-tag unknown-${result.unknownReason}`}
              data-unknown-reason={result.unknownReason}
            >
              {unknownReasonText[result.unknownReason]}
            </span>
          ) : null}
          {result.status === 'exempt' ? <span className="waived-tag">waived, not met</span> : null}
        </summary>
        <div className="control-body">
          {meta?.rationale ? <p>{meta.rationale}</p> : null}
          {result.resources.length > 0 ? (
            <table className="table resources" aria-label={`Resources for ${title}`}>
              <TableHead columns={['Resource', 'Type', 'Region', 'Detail']} />
              <tbody>
                {result.resources.map((r) => (
                  <tr key={`${r.id}-${r.region ?? ''}`}>
                    <td>
                      <code>{r.id}</code>
                    </td>
                    <td>{r.type}</td>
                    <td>{r.region ?? ''}</td>
                    <td>{r.detail ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {result.evidence.length > 0 ? (
            <p className="evidence-source">
              Evidence: {result.evidence.map((e) => evidenceLine(e.source, e.collectedAt, bundle)).join('; ')}
            </p>
          ) : null}
          {meta?.remediation || (meta?.links.length ?? 0) > 0 ? (
            <div className="remediation">
              <strong>How to fix:</strong> {meta?.remediation}
              <ul>
                {meta?.links.map((link) => (
                  <li key={link.url}>
                    <button type="button" className="link-button" onClick={() => open(link.url)}>
                      {link.title} ↗
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {result.attestation ? (
            <div className="answer-record" data-testid="attestation">
              Answered <strong>{result.attestation.isMet ? 'yes' : 'no'}</strong> by{' '}
              {result.attestation.attestedBy} on {result.attestation.attestedAt.slice(0, 10)}, expires{' '}
              {result.attestation.expiresAt.slice(0, 10)}
              {result.attestation.note ? ` — ${result.attestation.note}` : ''}
              {result.attestation.evidenceUrl ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => open(result.attestation?.evidenceUrl ?? '')}
                >
                  evidence ↗
                </button>
              ) : null}
              {result.attestation.evidenceUrl ? (
                <code className="evidence-url" title="Evidence link (opens only if its host is allow-listed)">
                  {result.attestation.evidenceUrl}
                </code>
              ) : null}
              <button type="button" onClick={() => setConfirm('attestation')}>
                Delete answer
              </button>
            </div>
          ) : null}
          {result.waiver ? (
            <div className="answer-record" data-testid="waiver">
              Waived: {result.waiver.reason} — approved by {result.waiver.approver}, expires{' '}
              {result.waiver.expiresAt.slice(0, 10)}
              <button type="button" onClick={() => setConfirm('waiver')}>
                Delete waiver
              </button>
            </div>
          ) : null}
          <div className="control-actions">
            {isManual ? (
              <button type="button" onClick={() => setMode('answer')}>
                {result.attestation ? 'Answer again' : 'Answer'}
              </button>
            ) : null}
            <button type="button" onClick={() => setMode('waive')}>
              Add waiver
            </button>
          </div>
          {mode === 'answer' ? (
            <AnswerForm
              accountIds={[accountId]}
              controlId={result.controlId}
              question={meta?.question ?? title}
              validityDays={meta?.validityDays}
              onDone={() => setMode('none')}
            />
          ) : null}
          {mode === 'waive' ? (
            <WaiverForm
              accountIds={[accountId]}
              controlId={result.controlId}
              onDone={() => setMode('none')}
            />
          ) : null}
        </div>
      </details>
      {confirm !== 'none' ? (
        <ConfirmDialog
          title={confirm === 'attestation' ? 'Delete this answer?' : 'Delete this waiver?'}
          confirmLabel="Delete"
          onCancel={() => setConfirm('none')}
          onConfirm={() => {
            const id = confirm === 'attestation' ? result.attestation?.id : result.waiver?.id
            setConfirm('none')
            if (!id) return
            void (confirm === 'attestation' ? removeAttestation(id) : removeWaiver(id))
          }}
        >
          <p>
            {title}: the control goes back to what the evidence says. This cannot be undone (older answers, if
            any, count again).
          </p>
        </ConfirmDialog>
      ) : null}
    </li>
  )
}
