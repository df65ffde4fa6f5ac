import { type ReactNode, type Ref, useId, useMemo, useRef, useState } from 'react'
import { exportFileName } from '../../shared/report/render'
import type { DetailLevel, ReportFormat, ReportScope } from '../../shared/report/types'
import { useAppStore } from '../store/app-store'
import { type ExportSource, exportSelectors } from '../store/export-slice'
import './desk.css'
import './export-dialog.css'
import { ModalDialog } from './modal-dialog'

const formats: Array<{ id: ReportFormat; label: string; hint: string }> = [
  { id: 'pdf', label: 'PDF', hint: 'for executives and auditors' },
  { id: 'html', label: 'HTML', hint: 'one self-contained file, opens offline' },
  { id: 'csv', label: 'CSV', hint: 'one row per account and control' },
  { id: 'md', label: 'Markdown', hint: 'for wikis and tickets' },
  { id: 'json', label: 'JSON', hint: 'the snapshot itself, can be imported again' },
]

const details: Array<{ id: DetailLevel; label: string }> = [
  { id: 'summary', label: 'Summary' },
  { id: 'failing', label: 'Summary + failing controls' },
  { id: 'everything', label: 'Everything (full appendix)' },
]

type ScopeKind = 'org' | 'selection' | 'one'

/** "Exporting: 340 of 1,000 accounts", then "Printing the PDF…" and "Writing the file…". */
/** One radio button of a group, labelled by its children. */
function RadioOption<T extends string>({
  name,
  value,
  current,
  onPick,
  inputRef,
  children,
}: {
  name: string
  value: T
  current: T
  onPick: (value: T) => void
  inputRef?: Ref<HTMLInputElement> | undefined
  children: ReactNode
}) {
  return (
    <label className="export-option">
      <input
        ref={inputRef}
        type="radio"
        name={name}
        value={value}
        checked={current === value}
        onChange={() => onPick(value)}
      />{' '}
      {children}
    </label>
  )
}

function progressText(progress: { phase: string; done: number; total: number } | undefined): string {
  if (!progress) return 'Exporting…'
  if (progress.phase === 'printing') return 'Printing the PDF…'
  if (progress.phase === 'writing') return 'Writing the file…'
  return `Exporting: ${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')} accounts`
}

/** Shows the export dialog whenever the store has an export source. Rendered once, in the shell. */
export function ExportDialogHost() {
  const source = useAppStore(exportSelectors.source)
  return source ? <ExportDialog key={source.snapshot.id} source={source} /> : null
}

/**
 * Export a scorecard: format, detail, scope (the organization, a selection, or one account), redaction and
 * the file-name pattern, with a preview of the name. A native modal <dialog> (showModal): the page behind it
 * is inert, so focus never leaves it; Escape always closes it (stopping a running export); focus returns to
 * what opened it. Saving goes through main's save dialog, then a progress bar counts accounts.
 */
export function ExportDialog({ source }: { source: ExportSource }) {
  const titleId = useId()
  const firstRef = useRef<HTMLInputElement>(null)
  const closeExport = useAppStore((s) => s.closeExport)
  const cancelExport = useAppStore((s) => s.cancelExport)
  const save = useAppStore((s) => s.saveExport)
  const isExporting = useAppStore(exportSelectors.isExporting)
  const progress = useAppStore(exportSelectors.progress)
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
  const [detail, setDetail] = useState<DetailLevel>('failing')
  const [scopeKind, setScopeKind] = useState<ScopeKind>(
    preset.length === 1 ? 'one' : preset.length > 1 ? 'selection' : 'org',
  )
  const [selected, setSelected] = useState<string[]>(preset)
  const [one, setOne] = useState<string>(preset[0] ?? accounts[0]?.id ?? '')
  const [isRedacted, setIsRedacted] = useState(false)
  const [pattern, setPattern] = useState(lastPattern)
  const [notSaved, setNotSaved] = useState<string | undefined>()

  /** Escape, Cancel and the close button all end here: a running export is stopped first. */
  const close = () => {
    if (isExporting) void cancelExport()
    closeExport()
  }

  const scope = useMemo<ReportScope>(() => {
    if (scopeKind === 'org') return { kind: 'org' }
    const accountIds = scopeKind === 'one' ? [one] : selected
    // The title ("Filter: production") holds only while the selection is the one the dialog was opened with.
    const isPreset =
      source.title !== undefined &&
      accountIds.length === preset.length &&
      accountIds.every((id) => preset.includes(id))
    return { kind: 'accounts', accountIds, ...(isPreset ? { title: source.title } : {}) }
  }, [scopeKind, one, selected, source.title, preset])
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
    setNotSaved(undefined)
    const result = await save({ format, scope, isRedacted, fileNamePattern: pattern, detail })
    if (result && !result.isSaved)
      setNotSaved(result.isCancelled ? 'the export was cancelled' : 'the save dialog was cancelled')
  }

  return (
    <ModalDialog
      labelledBy={titleId}
      className="dialog export-dialog"
      testId="export-dialog"
      initialFocus={firstRef}
      onClose={close}
    >
      <h3 id={titleId}>Export scorecard</h3>
      <p className="muted" data-testid="export-source">
        {snapshot.label} of {snapshot.createdAt.slice(0, 10)} · {accounts.length} accounts
        {previous ? ` · trend against ${previous.label}` : ''}
        {source.title ? ` · ${source.title}` : ''}
      </p>
      <fieldset>
        <legend>Format</legend>
        {formats.map((f, i) => (
          <RadioOption
            key={f.id}
            name="export-format"
            value={f.id}
            current={format}
            onPick={setFormat}
            inputRef={i === 0 ? firstRef : undefined}
          >
            {f.label} <span className="muted">{f.hint}</span>
          </RadioOption>
        ))}
      </fieldset>
      <fieldset disabled={format === 'csv' || format === 'json'}>
        <legend>Detail</legend>
        {details.map((d) => (
          <RadioOption key={d.id} name="export-detail" value={d.id} current={detail} onPick={setDetail}>
            {d.label}
          </RadioOption>
        ))}
      </fieldset>
      <fieldset>
        <legend>Scope</legend>
        <RadioOption name="export-scope" value="org" current={scopeKind} onPick={setScopeKind}>
          Whole organization
        </RadioOption>
        <RadioOption name="export-scope" value="selection" current={scopeKind} onPick={setScopeKind}>
          Selected accounts
        </RadioOption>
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
        <RadioOption name="export-scope" value="one" current={scopeKind} onPick={setScopeKind}>
          One account
        </RadioOption>
        {scopeKind === 'one' ? (
          <select aria-label="Account to export" value={one} onChange={(event) => setOne(event.target.value)}>
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
      <p className="muted export-hint">
        Redaction also masks account names and aliases, e-mail addresses, people, bucket names and key ids.
      </p>
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
      {notSaved ? <p className="muted">Not saved: {notSaved}.</p> : null}
      {isExporting ? (
        <div className="export-progress" data-testid="export-progress">
          <progress
            aria-label="Export progress"
            max={progress?.total || 1}
            value={progress ? progress.done : undefined}
          />
          <span aria-live="polite">{progressText(progress)}</span>
        </div>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={isExporting ? () => void cancelExport() : close}>
          {isExporting ? 'Cancel export' : 'Cancel'}
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
    </ModalDialog>
  )
}
