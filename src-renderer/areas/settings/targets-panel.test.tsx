import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Target } from '../../../shared/ipc/domains/aws'
import { createTargetsRepo, emptyTargetsSetting, mergeDiscovered } from '../../db/targets-repo'
import { AppStoreContext } from '../../store/app-store'
import { testDb, testStore } from '../../store/test-support'
import { TargetsPanel } from './targets-panel'

afterEach(cleanup)

/** 320 accounts: every tenth has no role; names sort as their numbers do. */
const discovered: Target[] = Array.from({ length: 320 }, (_, i) => {
  const accountId = String(100000000000 + i)
  const roles = i % 10 === 0 ? [] : ['ReadOnlyAccess', 'SecurityAudit']
  return {
    id: `sso:corp:${accountId}`,
    kind: 'sso',
    accountId,
    accountName: `acct-${String(i).padStart(3, '0')}`,
    email: `team${i}@example.com`,
    ssoSession: 'corp',
    availableRoles: roles,
  }
})

async function renderPanel() {
  const db = testDb('settings')
  await createTargetsRepo(db).save(mergeDiscovered(emptyTargetsSetting(), 'corp', discovered))
  const { store } = testStore('settings', { db, now: new Date() })
  render(
    <AppStoreContext.Provider value={store}>
      <TargetsPanel />
    </AppStoreContext.Provider>,
  )
  await screen.findByText('320 of 320 accounts included.')
  return store
}

const rows = () =>
  within(screen.getByRole('table', { name: 'Discovered accounts' }))
    .getAllByRole('row')
    .slice(1)

describe('the discovered accounts table', () => {
  it('renders one page of hundreds of accounts and pages through them', async () => {
    await renderPanel()
    expect(rows()).toHaveLength(50)
    expect(screen.getByText('Page 1 of 7 (320 accounts)')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }))
    expect(rows()[0]?.textContent).toContain('acct-050')
  })

  it('searches by name, id or e-mail, and filters accounts without a role', async () => {
    await renderPanel()
    fireEvent.change(screen.getByLabelText('Search accounts'), { target: { value: 'team317@' } })
    await waitFor(() => expect(rows()).toHaveLength(1))
    expect(rows()[0]?.textContent).toContain('acct-317')
    fireEvent.change(screen.getByLabelText('Search accounts'), { target: { value: '' } })
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'no-role' } })
    await waitFor(() => expect(rows()).toHaveLength(32))
    expect(within(rows()[0] as HTMLElement).getByText('no role assigned')).toBeTruthy()
  })

  it('excludes every shown account at once and keeps the choice', async () => {
    const store = await renderPanel()
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'no-role' } })
    fireEvent.click(await screen.findByRole('button', { name: 'Exclude 32 shown' }))
    await screen.findByText('288 of 320 accounts included.')
    const stored = await store.getState().deps.repos.targets.load()
    expect(stored.targets.filter((t) => !t.isIncluded)).toHaveLength(32)
  })

  it('changes the role of one account', async () => {
    const store = await renderPanel()
    fireEvent.change(screen.getByLabelText('Role for acct-001'), { target: { value: 'ReadOnlyAccess' } })
    await waitFor(() =>
      expect(store.getState().targets.find((t) => t.accountName === 'acct-001')).toMatchObject({
        roleName: 'ReadOnlyAccess',
        isRoleChosen: true,
      }),
    )
  })
})
