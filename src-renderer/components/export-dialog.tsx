import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { exportFileName } from '../../shared/report/render'
import type { ReportFormat, ReportScope } from '../../shared/report/types'
import { useAppStore } from '../store/app-store'
import { type ExportSource, exportSelectors } from '../store/export-slice'
import './desk.css'
import './export-dialog.css'

const formats: Array<{ id: ReportFormat; label: string; hint: string }> = [
  { id: 'pdf', label: 'PDF', hint: 'for executives and auditors' },
  { id: 'html', label: 'HTML', hint: 'one self-contained file, opens offline' },
  { id: 'csv', label: 'CSV', hint: 'one row per account and control' },
  { id: 'md', label: 'Markdown', hint: 'for wikis and tickets' },
  { id: 'json', label: 'JSON', hint: 'the snapshot itself, can be imported again' },
]

type ScopeKind = 'org' | 'selection' | 'one'

/** Shows the export dialog whenever the store has an export source. Rendered once, in the shell. */
export function ExportDialogHost() {
  const source = useAppStore(exportSelectors.source)
  return source ? <ExportDialog key={source.snapshot.id} source={source} /> : null
}

/**
 * Export a scorecard: format, scope (the organization, a selection, or one account), redaction and the
 * file-name pattern, with a preview of the name. Saving goes through main's save dialog.
 */
export function ExportDialog({ source }: { source: ExportSource }) {
  const titleId = useId()
  const firstRef = useRef<HTMLInputElement>(null)
  const close = useAppStore((s) => s.closeExport)
  const save = useAppStore((s) => s.saveExport)
  const isExporting = useAppStore(exportSelectors.isExporting)
  const lastPattern = useAppStore(exportSelectors.fileNamePattern)
  const now = useAppStore((s) => s.deps.now)
  const { snapshot, previous } = source
  const accounts = useMemo(
    () =>
      snapshot.scorecard.accounts.map((card) => ({
        id: card.accountId,
        name: snapshot.accounts.find((a) => a.id === card.accountId)?.name ?? card.accountId,
      })),
    [snapshot],
  )
  const preset = source.accountIds ?? []
  const [format, setFormat] = useState<ReportFormat>('pdf')
  const [scopeKind, setScopeKind] = useState<ScopeKind>(
    preset.length === 1 ? 'one' : preset.length > 1 ? 'selection' : 'org',
  )
  const [selected, setSelected] = useState<string[]>(preset)
  const [one, setOne] = useState<string>(preset[0] ?? accounts[0]?.id ?? '')
  const [isRedacted, setIsRedacted] = useState(false)
  const [pattern, setPattern] = useState(lastPattern)
  const [cancelled, setCancelled] = useState(false)

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : undefined
    firstRef.current?.focus()
    return () => before?.focus()
  }, [])

  const scope = useMemo<ReportScope>(
    () =>
      scopeKind === 'org'
        ? { kind: 'org' }
        : { kind: 'accounts', accountIds: scopeKind === 'one' ? [one] : selected },
    [scopeKind, one, selected],
  )
  const preview = useMemo(() => {
    try {
      return {
        name: exportFileName(snapshot, {
          format,
          scope,
          isRedacted,
          now: now(),
          fileNamePattern: pattern,
        }),
      }
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) }
    }
  }, [snapshot, format, scope, isRedacted, pattern, now])

  const submit = async () => {
    setCancelled(false)
    const result = await save({ format, scope, isRedacted, fileNamePattern: pattern })
    if (result && !result.isSaved) setCancelled(true)
  }

  return (
    <div className="dialog-backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="dialog export-dialog"
        data-testid="export-dialog"
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation()
            close()
          }
        }}
      >
        <h3 id={titleId}>Export scorecard</h3>
        <p className="muted" data-testid="export-source">
          {snapshot.label} of {snapshot.createdAt.slice(0, 10)} · {accounts.length} accounts
          {previous ? ` · trend against ${previous.label}` : ''}
        </p>
        <fieldset>
          <legend>Format</legend>
          {formats.map((f, i) => (
            <label key={f.id} className="export-option">
              <input
                ref={i === 0 ? firstRef : undefined}
                type="radio"
                name="export-format"
                value={f.id}
                checked={format === f.id}
                onChange={() => setFormat(f.id)}
              />{' '}
              {f.label} <span className="muted">{f.hint}</span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Scope</legend>
          <label className="export-option">
            <input
              type="radio"
              name="export-scope"
              checked={scopeKind === 'org'}
              onChange={() => setScopeKind('org')}
            />{' '}
            Whole organization
          </label>
          <label className="export-option">
            <input
              type="radio"
              name="export-scope"
              checked={scopeKind === 'selection'}
              onChange={() => setScopeKind('selection')}
            />{' '}
            Selected accounts
          </label>
          {scopeKind === 'selection' ? (
            <ul className="export-accounts" aria-label="Accounts to export">
              {accounts.map((a) => (
                <li key={a.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={selected.includes(a.id)}
                      onChange={(event) =>
                        setSelected((list) =>
                          event.target.checked ? [...list, a.id] : list.filter((id) => id !== a.id),
                        )
                      }
                    />{' '}
                    {a.name} <code className="muted">{a.id}</code>
                  </label>
                </li>
              ))}
            </ul>
          ) : null}
          <label className="export-option">
            <input
              type="radio"
              name="export-scope"
              checked={scopeKind === 'one'}
              onChange={() => setScopeKind('one')}
            />{' '}
            One account
          </label>
          {scopeKind === 'one' ? (
            <select
              aria-label="Account to export"
              value={one}
              onChange={(event) => setOne(event.target.value)}
            >
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({a.id})
                </option>
              ))}
            </select>
          ) : null}
        </fieldset>
        <label className="export-option">
          <input
            type="checkbox"
            checked={isRedacted}
            onChange={(event) => setIsRedacted(event.target.checked)}
          />{' '}
          Redact account ids, ARNs and user names
        </label>
        <label className="export-field">
          File name pattern
          <input
            type="text"
            value={pattern}
            onChange={(event) => setPattern(event.target.value)}
            spellCheck={false}
          />
        </label>
        <p className="muted" aria-live="polite" data-testid="export-file-name">
          {'name' in preview ? `File: ${preview.name}` : <span role="alert">{preview.error}</span>}
        </p>
        {cancelled ? <p className="muted">Not saved: the save dialog was cancelled.</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={isExporting || !('name' in preview)}
            onClick={() => void submit()}
          >
            {isExporting ? 'Exporting…' : 'Export…'}
          </button>
        </div>
      </div>
    </div>
  )
}
