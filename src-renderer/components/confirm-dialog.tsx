import { type ReactNode, useEffect, useId, useRef } from 'react'
import './desk.css'

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
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : undefined
    cancelRef.current?.focus()
    return () => previous?.focus()
  }, [])
  return (
    <div className="dialog-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="dialog"
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation()
            onCancel()
          } else if (event.key === 'Tab') {
            // Keep focus inside the dialog while it is open.
            const buttons = [
              ...event.currentTarget.querySelectorAll<HTMLElement>('button, [href], input, select, textarea'),
            ]
            const first = buttons[0]
            const last = buttons.at(-1)
            if (event.shiftKey && document.activeElement === first) {
              event.preventDefault()
              last?.focus()
            } else if (!event.shiftKey && document.activeElement === last) {
              event.preventDefault()
              first?.focus()
            }
          }
        }}
      >
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
      </div>
    </div>
  )
}
