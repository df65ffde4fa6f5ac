import { type ReactNode, useId, useRef } from 'react'
import { ModalDialog } from './modal-dialog'

/**
 * A modal confirmation for destructive actions. Focus moves to Cancel (the safe choice), stays inside the
 * dialog, Escape cancels, and focus returns to where it was when the dialog closes.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  isDanger = true,
  onConfirm,
  onCancel,
}: {
  title: string
  children?: ReactNode
  confirmLabel: string
  isDanger?: boolean
  onConfirm(): void
  onCancel(): void
}) {
  const titleId = useId()
  const cancelRef = useRef<HTMLButtonElement>(null)
  return (
    <ModalDialog role="alertdialog" labelledBy={titleId} initialFocus={cancelRef} onClose={onCancel}>
      <h3 id={titleId}>{title}</h3>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" ref={cancelRef} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className={isDanger ? 'danger' : 'primary'} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
  )
}
