import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../app/app'
import { createRepos } from '../../db/repos'
import { createSnapshotsRepo } from '../../db/snapshots-repo'
import { fakeApi, testDb, testModel } from '../../store/test-support'

// Each test loads the demo and scores it several times: allow for a busy 2-core machine.
vi.setConfig({ testTimeout: 30_000 })
configure({ asyncUtilTimeout: 10_000 })

const now = new Date('2026-11-28T12:00:00.000Z')
afterEach(cleanup)

async function renderDemo() {
  const db = testDb('snap-ui')
  render(
    <App
      deps={{ api: fakeApi({ isDemoDefault: true }).api, repos: createRepos(db), now: () => now }}
      options={{ model: testModel() }}
    />,
  )
  await screen.findByTestId('demo-banner')
  fireEvent.click(
    within(screen.getByRole('navigation', { name: 'Areas' })).getByRole('button', { name: 'Snapshots' }),
  )
  await screen.findByTestId('area-snapshots')
  return db
}

describe('the Snapshots area', () => {
  it('takes a snapshot labelled with the quarter, renames it and deletes it after confirmation', async () => {
    const db = await renderDemo()
    await screen.findByTestId('snapshots-empty')
    expect(screen.getByLabelText('Label').getAttribute('placeholder')).toBe('2026-Q4')
    fireEvent.change(screen.getByLabelText('Notes'), { target: { value: 'year end' } })
    fireEvent.click(screen.getByRole('button', { name: 'Take snapshot' }))
    const row = await screen.findByTestId('snapshot-row')
    expect(row.textContent).toContain('2026-Q4')
    expect(row.textContent).toContain('year end')

    fireEvent.click(within(row).getByRole('button', { name: 'Rename 2026-Q4' }))
    fireEvent.change(within(row).getByLabelText('New label'), { target: { value: 'Board pack' } })
    fireEvent.click(within(row).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.getByTestId('snapshot-row').textContent).toContain('Board pack'))
    expect((await createSnapshotsRepo(db).list())[0]?.label).toBe('Board pack')

    fireEvent.click(screen.getByRole('button', { name: 'Delete Board pack' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete snapshot "Board pack"?' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.getByTestId('snapshot-row')).toBeTruthy()
    expect(await createSnapshotsRepo(db).list()).toHaveLength(1)

    fireEvent.click(screen.getByRole('button', { name: 'Delete Board pack' }))
    fireEvent.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete snapshot' }),
    )
    await screen.findByTestId('snapshots-empty')
    expect(await createSnapshotsRepo(db).list()).toEqual([])
  })

  it('keeps the old label when a rename is refused, and says why', async () => {
    await renderDemo()
    fireEvent.click(await screen.findByRole('button', { name: 'Take snapshot' }))
    const row = await screen.findByTestId('snapshot-row')
    fireEvent.click(within(row).getByRole('button', { name: 'Rename 2026-Q4' }))
    fireEvent.change(within(row).getByLabelText('New label'), { target: { value: ' ' } })
    fireEvent.click(within(row).getByRole('button', { name: 'Save' }))
    await screen.findByText(/Invalid snapshot change: label: a label is required/)
    expect(within(row).getByLabelText('New label')).toBeTruthy()
    fireEvent.click(within(row).getByRole('button', { name: 'Cancel' }))
    expect(screen.getByTestId('snapshot-row').textContent).toContain('2026-Q4')
  })

  it('saves the demo’s quarters, then compares the latest with now and shows the trend tables', async () => {
    await renderDemo()
    fireEvent.click(await screen.findByRole('button', { name: 'Save the demo’s quarterly snapshots' }))
    await waitFor(() => expect(screen.getAllByTestId('snapshot-row')).toHaveLength(4))
    expect(screen.queryByTestId('demo-quarters-offer')).toBeNull()

    // A snapshot of the current state, compared with now a moment later: nothing moved.
    fireEvent.change(screen.getByLabelText('Label'), { target: { value: 'Fresh' } })
    fireEvent.click(screen.getByRole('button', { name: 'Take snapshot' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Compare Fresh with now' }))
    await screen.findByTestId('area-compare')
    const comparison = await screen.findByTestId('comparison')
    expect(within(comparison).getByTestId('regressions').textContent).toContain('No regressions')
    expect(within(comparison).getByTestId('level-changes').textContent).toContain('Level changes (0)')

    fireEvent.click(screen.getByRole('tab', { name: 'Trends' }))
    const table = await screen.findByTestId('trend-domain-table')
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.querySelector('th')?.textContent)
    expect(rows).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', 'Fresh', 'Now'])
    expect(within(screen.getByTestId('trend-level-table')).getAllByRole('row')).toHaveLength(7)
    expect(within(screen.getByTestId('trend-radar-table')).getAllByRole('row')).toHaveLength(9)
  })
})
