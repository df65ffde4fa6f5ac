import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import { createAppDeps } from './app/deps'
import { ErrorBoundary } from './app/error-boundary'
import './styles.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App deps={createAppDeps()} />
    </ErrorBoundary>
  </StrictMode>,
)
