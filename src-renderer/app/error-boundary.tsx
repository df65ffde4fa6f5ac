import { Component, type ErrorInfo, type ReactNode } from 'react'

interface State {
  error: Error | undefined
}

/** Catches render errors so one broken view never blanks the whole app; data stays in IndexedDB. */
export class ErrorBoundary extends Component<{ children: ReactNode; label?: string }, State> {
  override state: State = { error: undefined }

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Render error', error, info.componentStack)
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children
    return (
      <div role="alert" className="error-panel">
        <h2>{this.props.label ?? 'This view'} hit an unexpected error</h2>
        <p>{this.state.error.message}</p>
        <p>Your data is safe: it is stored locally and nothing was changed.</p>
        <button type="button" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </div>
    )
  }
}
