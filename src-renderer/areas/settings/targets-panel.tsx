import { type FormEvent, useDeferredValue, useEffect, useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { TableHead } from '../../components/table-head'
import type { StoredTarget } from '../../db/targets-repo'
import { useAppStore, useLoadOnMount } from '../../store/app-store'
import { awsSelectors } from '../../store/aws-slice'
import { filterTargets, pageOf, type TargetFilter, targetFilterLabels, targetFilters } from './targets-view'

/** The accounts Ratchet collects from: search, filter, include/exclude and role choice, one page at a time. */
export function TargetsPanel() {
  const targets = useAppStore(useShallow(awsSelectors.targets))
  const setIncluded = useAppStore((s) => s.setIncluded)
  const [query, setQuery] = useState('')
  const [filter, setFilter] = useState<TargetFilter>('all')
  const [page, setPage] = useState(0)
  const deferredQuery = useDeferredValue(query)
  useLoadOnMount((s) => s.loadTargets)
  const matched = useMemo(
    () => filterTargets(targets, deferredQuery, filter),
    [targets, deferredQuery, filter],
  )
  const view = pageOf(matched, page)
  const includedCount = targets.filter((t) => t.isIncluded).length
  return (
    <section aria-labelledby="targets-title">
      <h3 id="targets-title">Accounts to collect from</h3>
      <RolePreferenceForm />
      <p className="muted" data-testid="targets-summary">
        {targets.length === 0
          ? 'No accounts yet: sign in to a session and choose Find accounts, or add a profile.'
          : `${includedCount} of ${targets.length} accounts included.`}
      </p>
      <form className="inline-form" aria-label="Find accounts" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="targets-search">Search accounts</label>
        <input
          id="targets-search"
          type="search"
          value={query}
          placeholder="Name, id, e-mail or role"
          onChange={(e) => {
            setQuery(e.target.value)
            setPage(0)
          }}
        />
        <label htmlFor="targets-filter">Show</label>
        <select
          id="targets-filter"
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value as TargetFilter)
            setPage(0)
          }}
        >
          {targetFilters.map((f) => (
            <option key={f} value={f}>
              {targetFilterLabels[f]}
            </option>
          ))}
        </select>
        {[true, false].map((isIncluded) => (
          <button
            key={String(isIncluded)}
            type="button"
            disabled={matched.length === 0}
            onClick={() =>
              void setIncluded(
                matched.map((t) => t.id),
                isIncluded,
              )
            }
          >
            {isIncluded ? 'Include' : 'Exclude'} {matched.length} shown
          </button>
        ))}
      </form>
      <table className="table" aria-label="Discovered accounts" aria-rowcount={matched.length + 1}>
        <TableHead columns={['Include', 'Account', 'Id', 'E-mail', 'Role', 'Via']} />
        <tbody>
          {view.rows.map((t) => (
            <TargetRow key={t.id} target={t} />
          ))}
        </tbody>
      </table>
      {view.pageCount > 1 ? (
        <nav className="inline-form" aria-label="Account pages">
          <button type="button" disabled={view.page === 0} onClick={() => setPage(view.page - 1)}>
            Previous page
          </button>
          <span aria-live="polite">
            Page {view.page + 1} of {view.pageCount} ({matched.length} accounts)
          </span>
          <button
            type="button"
            disabled={view.page >= view.pageCount - 1}
            onClick={() => setPage(view.page + 1)}
          >
            Next page
          </button>
        </nav>
      ) : null}
    </section>
  )
}

function TargetRow({ target }: { target: StoredTarget }) {
  const setIncluded = useAppStore((s) => s.setIncluded)
  const chooseRole = useAppStore((s) => s.chooseRole)
  const removeTarget = useAppStore((s) => s.removeTarget)
  const roles = target.availableRoles ?? []
  return (
    <tr data-testid={`target-${target.accountId}`}>
      <td>
        <input
          type="checkbox"
          checked={target.isIncluded}
          aria-label={`Include ${target.accountName}`}
          onChange={(e) => void setIncluded([target.id], e.target.checked)}
        />
      </td>
      <td>{target.accountName}</td>
      <td>
        <code>{target.accountId}</code>
      </td>
      <td>{target.email ?? '—'}</td>
      <td>
        {target.kind === 'sso' ? (
          roles.length > 0 ? (
            <select
              aria-label={`Role for ${target.accountName}`}
              value={target.roleName ?? ''}
              onChange={(e) => void chooseRole(target.id, e.target.value)}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          ) : (
            <span className="muted">no role assigned</span>
          )
        ) : (
          <span className="muted">from profile</span>
        )}
      </td>
      <td>
        {target.kind === 'sso' ? (
          target.ssoSession
        ) : (
          <>
            profile {target.profile}{' '}
            <button
              type="button"
              aria-label={`Remove profile ${target.profile}`}
              onClick={() => void removeTarget(target.id)}
            >
              Remove
            </button>
          </>
        )}
      </td>
    </tr>
  )
}

/** The role order used to pick one role per account; roles picked by hand are kept. */
function RolePreferenceForm() {
  const rolePreference = useAppStore(useShallow(awsSelectors.rolePreference))
  const setRolePreference = useAppStore((s) => s.setRolePreference)
  const [text, setText] = useState(rolePreference.join(', '))
  useEffect(() => setText(rolePreference.join(', ')), [rolePreference])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void setRolePreference(text.split(','))
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Role preference">
      <label htmlFor="role-preference">Preferred roles, in order</label>
      <input id="role-preference" value={text} size={48} onChange={(e) => setText(e.target.value)} />
      <button type="submit">Apply role order</button>
    </form>
  )
}
