import { type ReactNode, useEffect, useRef } from 'react'
import './desk.css'

/** The focusable elements of a dialog, in tab order. */
const focusables = (root: HTMLElement) => [
  ...root.querySelectorAll<HTMLElement>(
    'button:not([disabled]), [href], input, select, textarea, [tabindex="0"]',
  ),
]

/**
 * Every modal in the app: a native `<dialog>` opened with showModal(), so the page behind it is inert and the
 * browser draws the backdrop. Focus moves to `initialFocus` (or the first control), Tab wraps inside, Escape
 * always closes it (through `onClose`), and focus returns to what opened it.
 */
export function ModalDialog({
  role = 'dialog',
  labelledBy,
  className = 'dialog',
  testId,
  initialFocus,
  onClose,
  children,
}: {
  role?: 'dialog' | 'alertdialog'
  labelledBy: string
  className?: string
  testId?: string
  initialFocus?: React.RefObject<HTMLElement | null>
  onClose(): void
  children: ReactNode
}) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined
    // Where showModal is missing (jsdom), the open attribute is what it would do.
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal()
      else dialog.setAttribute('open', '')
    }
    const first = initialFocus?.current ?? (dialog ? focusables(dialog)[0] : undefined)
    first?.focus()
    return () => {
      if (dialog?.open) dialog.close()
      opener?.focus()
    }
  }, [initialFocus])
  return (
    <dialog
      ref={ref}
      role={role}
      aria-modal="true"
      aria-labelledby={labelledBy}
      className={className}
      data-testid={testId}
      onCancel={(event) => {
        // The browser's own close request (Escape where the keydown below did not see it): React closes it.
        event.preventDefault()
        onClose()
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          event.stopPropagation()
          onClose()
        } else if (event.key === 'Tab') {
          const items = focusables(event.currentTarget)
          const wrapTo = event.shiftKey
            ? document.activeElement === items[0] && items.at(-1)
            : document.activeElement === items.at(-1) && items[0]
          if (wrapTo) {
            event.preventDefault()
            wrapTo.focus()
          }
        }
      }}
    >
      {children}
    </dialog>
  )
}
