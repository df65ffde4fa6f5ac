import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react'
import { AccountsArea } from '../areas/accounts/accounts-area'
import { BaselinesArea } from '../areas/baselines/baselines-area'
import { CollectArea } from '../areas/collect/collect-area'
import { SettingsArea } from '../areas/settings/settings-area'
import { SnapshotsArea } from '../areas/snapshots/snapshots-area'
import {
  AppStoreContext,
  createAppStore,
  type StoreDeps,
  type StoreOptions,
  useAppStore,
  useLoadOnMount,
} from '../store/app-store'
import { type AreaId, areas, uiSelectors } from '../store/ui-slice'
import { ErrorBoundary } from './error-boundary'
import { StatusArea } from './status-area'
import { useThemeOnDocument } from './theme'
import { useAppTheme } from './use-theme'

// Loaded on demand, so the first screen does not wait for them: the charts (Compare), the model editor,
// and the export dialog with the report renderers.
const CompareArea = lazy(() =>
  import('../areas/compare/compare-area').then((m) => ({ default: m.CompareArea })),
)
const ModelArea = lazy(() => import('../areas/model/model-area').then((m) => ({ default: m.ModelArea })))
const ExportDialogHost = lazy(() =>
  import('../components/export-dialog').then((m) => ({ default: m.ExportDialogHost })),
)
const loading = <p className="muted">Loading…</p>

const views: Record<AreaId, () => ReactNode> = {
  accounts: () => <AccountsArea />,
  collect: () => <CollectArea />,
  snapshots: () => <SnapshotsArea />,
  compare: () => <CompareArea />,
  model: () => <ModelArea />,
  settings: () => <SettingsArea />,
  baselines: () => <BaselinesArea />,
}

export function App({ deps, options }: { deps: StoreDeps; options?: StoreOptions }) {
  const [store] = useState(() => createAppStore(deps, options))
  return (
    <AppStoreContext.Provider value={store}>
      <Shell />
    </AppStoreContext.Provider>
  )
}

function Shell() {
  const area = useAppStore(uiSelectors.area)
  const setArea = useAppStore((s) => s.setArea)
  // Start-up: ask for persistent storage, read the desk, and offer (or open) the demo on an empty database.
  useLoadOnMount((s) => s.initDesk)
  // The model in use (built-in or imported, with parameter values) is handed to the desk once read.
  useLoadOnMount((s) => s.loadModels)
  useEffect(() => {
    // Alt+1…7 moves between areas from anywhere.
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey) return
      const target = areas.find((a) => a.key === event.key)
      if (target) {
        event.preventDefault()
        setArea(target.id)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [setArea])
  useThemeOnDocument(useAppTheme())
  const isNavCollapsed = useAppStore(uiSelectors.isNavCollapsed)
  const toggleNav = useAppStore((s) => s.toggleNav)
  const current = areas.find((a) => a.id === area)
  const hasExport = useAppStore((s) => s.exportSource !== undefined)
  return (
    <div className={isNavCollapsed ? 'shell is-nav-collapsed' : 'shell'}>
      <nav className="nav" aria-label="Areas">
        <div className="brand">
          <span className={isNavCollapsed ? 'visually-hidden' : undefined}>Ratchet</span>
          <button
            type="button"
            className="nav-toggle"
            aria-expanded={!isNavCollapsed}
            aria-label={isNavCollapsed ? 'Expand the sidebar' : 'Collapse the sidebar'}
            title={isNavCollapsed ? 'Expand the sidebar' : 'Collapse the sidebar'}
            onClick={toggleNav}
          >
            <span aria-hidden="true">{isNavCollapsed ? '»' : '«'}</span>
          </button>
        </div>
        <ul>
          {areas.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className="nav-item"
                aria-current={a.id === area ? 'page' : undefined}
                title={`${a.label} (Alt+${a.key})`}
                onClick={() => setArea(a.id)}
              >
                <span className="nav-icon" aria-hidden="true">
                  {a.icon}
                </span>
                <span className={isNavCollapsed ? 'visually-hidden' : 'nav-label'}>{a.label}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="main" aria-labelledby="area-title">
        <h1 id="area-title" className="visually-hidden">
          {current?.label}
        </h1>
        <ErrorBoundary key={area} label={current?.label}>
          <Suspense fallback={loading}>{views[area]()}</Suspense>
        </ErrorBoundary>
      </main>
      <StatusArea />
      {hasExport ? (
        <Suspense fallback={null}>
          <ExportDialogHost />
        </Suspense>
      ) : null}
    </div>
  )
}
