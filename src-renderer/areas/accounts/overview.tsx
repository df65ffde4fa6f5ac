import { lazy, Suspense, useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { type GroupKey, groupAccounts, noGroupValue } from '../../../shared/overview/groups'
import {
  type UnknownReason,
  unknownReasonLabel,
  unknownReasons,
} from '../../../shared/scoring/unknown-reasons'
import { accountSelectors } from '../../store/accounts-slice'
import { type AppState, useAppStore } from '../../store/app-store'
import { overviewExportScope } from '../../store/export-slice'
import { useOverviewStates } from '../../store/scorecards'
import { summarySelectors } from '../../store/summaries-slice'
import { useDeskModel } from '../../store/use-desk-model'
import { BreachesPanel } from '../baselines/breaches-panel'
import { CollectionFailedBanner } from '../collect/collection-banner'
import { AccountGroupsTable } from './account-groups-view'
import { ControlPivotPanel } from './control-pivot-view'
import { Heatmap } from './heatmap'
import { OptionSelect } from './option-select'
import {
  emptyFilters,
  filterOptions,
  type OverviewFilters,
  overviewCounts,
  type Sort,
  type SortKey,
  visibleRows,
} from './overview-model'
import { SummaryStrip } from './summary-strip'
import { OverviewTodo } from './todo-list'
import { useOverviewSummary } from './use-overview-summary'

// Bulk answering scores the selected accounts' full scorecards: loaded when it opens.
const BulkQuestionnaire = lazy(() =>
  import('./bulk-questionnaire').then((m) => ({ default: m.BulkQuestionnaire })),
)
const levelsShown = [0, 1, 2, 3, 4, 5] as const
const legend = unknownReasons.map(unknownReasonLabel).join(', ')
type OverviewView = 'heatmap' | GroupKey | 'control' | 'todo'
const viewLabels: Record<OverviewView, string> = {
  heatmap: 'Accounts',
  owner: 'By owner',
  environment: 'By environment',
  tag: 'By tag',
  control: 'By control',
  todo: 'To do',
}

/** The store actions the overview calls. */
const overviewActions = (s: AppState) =>
  [s.openAccount, s.toggleSelectedAccount, s.setSelectedAccounts, s.openCurrentExport] as const

/** The estate at a glance: filters, counts and the accounts × domains heatmap. */
export function Overview() {
  const accounts = useAppStore(accountSelectors.accounts)
  const selectedIds = useAppStore(useShallow(accountSelectors.selectedAccountIds))
  const [openAccount, toggleSelectedAccount, setSelectedAccounts, openCurrentExport] = useAppStore(
    useShallow(overviewActions),
  )
  // Everything here draws from the stored summaries: no bundle or answer is read before the overview answers.
  const summaries = useAppStore(summarySelectors.summaries)
  const desk = useDeskModel()
  const { states, controls: controlRefs } = useOverviewStates()
  const [filters, setFilters] = useState<OverviewFilters>(emptyFilters)
  const [sort, setSort] = useState<Sort>({ key: 'name', isDescending: false })
  const [isBulkOpen, setBulkOpen] = useState(false)
  const options = useMemo(() => filterOptions(accounts), [accounts])
  const allRows = useMemo(
    () => accounts.map((account) => ({ account, summary: summaries[account.id] })),
    [accounts, summaries],
  )
  const rows = useMemo(() => visibleRows(allRows, filters, sort), [allRows, filters, sort])
  const counts = useMemo(() => overviewCounts(rows), [rows])
  // The unknown filter's counts are over every account, so a choice never hides the others' numbers.
  const unknownAccounts = useMemo(() => overviewCounts(allRows).byUnknown, [allRows])
  const selected = useMemo(() => new Set(selectedIds), [selectedIds])
  const { summary, changes } = useOverviewSummary(accounts, states, controlRefs)
  const [view, setView] = useState<OverviewView>('heatmap')
  const groups = useMemo(
    () =>
      view === 'owner' || view === 'environment' || view === 'tag'
        ? groupAccounts(accounts, new Map(states.map((s) => [s.accountId, s])), view)
        : [],
    [accounts, states, view],
  )
  const controls = useMemo(() => [...desk.controls.values()], [desk])
  const patch = (change: Partial<OverviewFilters>) => setFilters((f) => ({ ...f, ...change }))
  const onSort = (key: SortKey) =>
    setSort((s) => ({
      key,
      isDescending:
        s.key === key ? !s.isDescending : key !== 'name' && key !== 'owner' && key !== 'environment',
    }))

  const select = (label: string, value: string, values: string[], onChange: (v: string) => void) => (
    <OptionSelect
      className="filter"
      label={label}
      ariaLabel={`Filter by ${label.toLowerCase()}`}
      value={value}
      values={values}
      emptyLabel="Any"
      onChange={onChange}
    />
  )

  return (
    <div className="overview">
      <SummaryStrip
        summary={summary}
        controlTitle={(id) => desk.controls.get(id)?.title ?? id}
        onOpenControl={(accountId, domainId, controlId) => openAccount(accountId, domainId, controlId)}
        onOpenAccount={(accountId) => openAccount(accountId)}
        onShowBelowTarget={() => patch({ isBelowTargetOnly: true })}
      />
      <fieldset className="overview-views">
        <legend className="visually-hidden">View</legend>
        {(Object.keys(viewLabels) as OverviewView[]).map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
            {viewLabels[v]}
          </button>
        ))}
      </fieldset>
      {view === 'todo' ? <OverviewTodo accounts={accounts} /> : null}
      {view === 'control' ? (
        <ControlPivotPanel
          controls={controls}
          controlOrder={controlRefs}
          accounts={accounts}
          states={states}
          initialControlId={summary.regressions[0]?.controlId}
          onOpen={(accountId, domainId, controlId) => openAccount(accountId, domainId, controlId)}
        />
      ) : null}
      {view === 'owner' || view === 'environment' || view === 'tag' ? (
        <AccountGroupsTable
          groupKey={view}
          groups={groups}
          domainTitle={(id) => desk.domainTitles[id]}
          onPick={(value) => {
            setFilters({ ...emptyFilters, [view]: value === noGroupValue ? '' : value })
            setView('heatmap')
          }}
        />
      ) : null}
      {view === 'heatmap' ? (
        <>
          <fieldset className="filters">
            <legend className="visually-hidden">Filter accounts</legend>
            <label className="filter">
              <span>Search</span>
              <input
                type="search"
                value={filters.text}
                placeholder="Name or id"
                onChange={(e) => patch({ text: e.target.value })}
                aria-label="Search accounts"
              />
            </label>
            {select('Owner', filters.owner, options.owners, (owner) => patch({ owner }))}
            {select('Environment', filters.environment, options.environments, (environment) =>
              patch({ environment }),
            )}
            {select('Tag', filters.tag, options.tags, (tag) => patch({ tag }))}
            {select('Level', filters.level, ['0', '1', '2', '3', '4', '5', 'unassessed'], (level) =>
              patch({ level }),
            )}
            <OptionSelect
              className="filter"
              label="Unknown"
              ariaLabel="Filter by unknown category"
              testId="unknown-filter"
              value={filters.unknown ?? ''}
              values={unknownReasons}
              emptyLabel="Any"
              text={(c) => `${unknownReasonLabel(c as UnknownReason)} (${unknownAccounts[c] ?? 0})`}
              onChange={(unknown) => patch({ unknown })}
            />
            <label className="filter filter-check">
              <input
                type="checkbox"
                checked={filters.isBelowTargetOnly}
                onChange={(e) => patch({ isBelowTargetOnly: e.target.checked })}
              />
              <span>Below target only</span>
            </label>
            <button type="button" onClick={() => setFilters(emptyFilters)}>
              Clear filters
            </button>
          </fieldset>
          <CollectionFailedBanner />
          <p className="counts" data-testid="overview-counts" aria-live="polite">
            Showing <strong>{counts.total}</strong> of {accounts.length} accounts · {counts.belowTarget} below
            target · {counts.withUnknowns} with unverified domains · {counts.unassessed} unassessed · by
            level:{' '}
            {levelsShown.map((level) => (
              <span key={level} className="count-level">
                L{level} {counts.byLevel[level]}
              </span>
            ))}
          </p>
          <BreachesPanel />
          <div className="bulk-bar">
            <button type="button" onClick={() => setSelectedAccounts(rows.map((r) => r.account.id))}>
              Select all shown
            </button>
            <button type="button" disabled={selectedIds.length === 0} onClick={() => setSelectedAccounts([])}>
              Clear selection
            </button>
            <button
              type="button"
              className="primary"
              disabled={selectedIds.length === 0}
              onClick={() => setBulkOpen(true)}
            >
              Answer for {selectedIds.length} selected
            </button>
            <button
              type="button"
              data-testid="overview-export"
              onClick={() =>
                void openCurrentExport(
                  overviewExportScope(
                    selectedIds,
                    rows.map((r) => r.account.id),
                    accounts.length,
                    filters,
                  ),
                )
              }
            >
              {selectedIds.length > 0
                ? `Export ${selectedIds.length} selected…`
                : rows.length < accounts.length
                  ? `Export ${rows.length} shown…`
                  : 'Export scorecard…'}
            </button>
            <span className="muted legend">
              Cells show the assessed level, and beside it the evidence-verified level (– for no automated
              evidence); hatched with “?” means nothing failed but some controls could not be verified.
              Markers name why: {legend}. Underlined: below target. “Unassessed”: no usable evidence. Keys:
              arrows move, Enter opens, Space selects.
            </span>
          </div>
          {isBulkOpen && selectedIds.length > 0 ? (
            <Suspense fallback={<p className="muted">Loading…</p>}>
              <BulkQuestionnaire accountIds={selectedIds} onClose={() => setBulkOpen(false)} />
            </Suspense>
          ) : null}
          {rows.length === 0 ? <p className="muted">No account matches these filters.</p> : null}
          {rows.length > 0 ? (
            <Heatmap
              rows={rows}
              sort={sort}
              selected={selected}
              changes={changes}
              onSort={onSort}
              onToggle={toggleSelectedAccount}
              onOpen={(id, domainId) => openAccount(id, domainId)}
              titles={desk.domainTitles}
              domainOf={(id) => desk.controls.get(id)?.domainId}
              unknownFilter={filters.unknown ?? ''}
            />
          ) : null}
        </>
      ) : null}
    </div>
  )
}
