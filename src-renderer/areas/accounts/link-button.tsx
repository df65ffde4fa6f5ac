import type { ReactNode } from 'react'

/** A button that reads as a link: it opens something in the app (an account, a control, a group). */
export function LinkButton({
  onClick,
  title,
  children,
}: {
  onClick(): void
  title?: string
  children: ReactNode
}) {
  return (
    <button type="button" className="link-button" title={title} onClick={onClick}>
      {children}
    </button>
  )
}
