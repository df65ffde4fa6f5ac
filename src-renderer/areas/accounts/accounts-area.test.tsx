import { act, cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { demoControlsFromModel } from '../../../shared/demo/organization'
import { defaultModel } from '../../../shared/model/default-model'
import { App } from '../../app/app'
import { RatchetDb } from '../../db/db'
import { createRepos } from '../../db/repos'
import { fakeApi } from '../../store/test-support'

// Each test loads the demo (48 validated bundles) and scores it: allow for a busy 2-core machine.
vi.setConfig({ testTimeout: 30_000 })
configure({ asyncUtilTimeout: 10_000 })

const now = new Date('2026-11-28T12:00:00.000Z')
// The App loads the models at start-up, so these tests run against the default model.
const manualQuestion = demoControlsFromModel(defaultModel).find((c) => c.isManual)?.id ?? 'missing'
const dbs: RatchetDb[] = []
beforeAll(() => {
  // jsdom has no layout: give the heatmap's scroll box a size so the virtualizer renders rows.
  for (const [prop, size] of [
    ['clientHeight', 600],
    ['clientWidth', 1000],
  ] as const) {
    Object.defineProperty(HTMLElement.prototype, prop, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('heatmap-scroll') ? size : 0
      },
    })
  }
})
afterEach(async () => {
  cleanup()
  for (const db of dbs.splice(0)) await db.delete()
})

function renderApp(isDemoDefault: boolean) {
  const db = new RatchetDb(`ui-${crypto.randomUUID()}`)
  dbs.push(db)
  const fake = fakeApi({ isDemoDefault })
  render(<App deps={{ api: fake.api, repos: createRepos(db), now: () => now }} />)
  return fake
}

describe('the Accounts area', () => {
  it('offers the demo on first launch and labels it once loaded', async () => {
    renderApp(false)
    const offer = await screen.findByRole('button', { name: 'Open the demo organization' })
    fireEvent.click(offer)
    await screen.findByTestId('demo-banner')
    expect(screen.getByTestId('demo-banner').textContent).toContain('Demo organization')
    expect(screen.getAllByTestId('heatmap-row')).toHaveLength(12)
    expect(screen.getByTestId('overview-counts').textContent).toContain('Showing 12 of 12 accounts')
  })

  it('filters the heatmap and updates the counts', async () => {
    renderApp(true)
    await screen.findByTestId('demo-banner')
    fireEvent.change(screen.getByLabelText('Filter by environment'), { target: { value: 'sandbox' } })
    expect(screen.getAllByTestId('heatmap-row')).toHaveLength(1)
    expect(screen.getByTestId('overview-counts').textContent).toContain('Showing 1 of 12 accounts')
  })

  it('moves across cells with the keyboard and opens the account at that domain with Enter', async () => {
    renderApp(true)
    await screen.findByTestId('demo-banner')
    const rows = screen.getAllByTestId('heatmap-row')
    const first = rows[0]?.querySelector<HTMLElement>('[data-cell="0:0"]')
    if (!first) throw new Error('the first row has a name cell')
    expect(first.tabIndex).toBe(0)
    first.focus()
    fireEvent.keyDown(first, { key: 'ArrowRight' })
    await waitFor(() => expect((document.activeElement as HTMLElement).dataset.cell).toBe('0:1'))
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowDown' })
    await waitFor(() => expect((document.activeElement as HTMLElement).dataset.cell).toBe('1:1'))
    const second = rows[1]?.querySelector('.hm-account-name')?.textContent ?? 'missing'
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Enter' })
    const detail = await screen.findByTestId('account-detail')
    expect(within(detail).getByRole('heading', { level: 2 }).textContent).toBe(second)
    const iamName = defaultModel.domains.find((d) => d.id === 'iam')?.name ?? 'missing'
    expect((await within(detail).findByTestId('domain-panel')).textContent).toContain(iamName)
  })

  it('asks before removing the demo, and Cancel keeps it', async () => {
    renderApp(true)
    await screen.findByTestId('demo-banner')
    fireEvent.click(screen.getByRole('button', { name: 'Remove demo' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove the demo organization?' })
    expect(document.activeElement?.textContent).toBe('Cancel')
    // Focus stays inside the dialog: Shift+Tab from the first button wraps to the last, Tab wraps back.
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Tab', shiftKey: true })
    expect(document.activeElement?.textContent).toBe('Remove demo')
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Tab' })
    expect(document.activeElement?.textContent).toBe('Cancel')
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(screen.getByTestId('demo-banner')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Remove demo' }))
    const confirm = await screen.findByRole('alertdialog')
    await act(async () => {
      fireEvent.click(within(confirm).getByRole('button', { name: 'Remove demo' }))
    })
    await screen.findByTestId('empty-desk')
    expect(screen.queryByTestId('demo-banner')).toBeNull()
  })

  it('edits owner, environment and tags, validated and saved to the database', async () => {
    renderApp(true)
    await screen.findByTestId('demo-banner')
    const row = screen.getAllByTestId('heatmap-row')[0] as HTMLElement
    const name = row.querySelector('.hm-account-name')?.textContent ?? ''
    fireEvent.click(within(row).getByTestId('cell-iam'))
    const detail = await screen.findByTestId('account-detail')
    fireEvent.click(within(detail).getByRole('button', { name: 'Edit details' }))
    const form = within(detail).getByRole('form', { name: 'Account details' })
    fireEvent.change(within(form).getByLabelText('Owner'), { target: { value: 'Jane Doe' } })
    fireEvent.change(within(form).getByLabelText('Environment'), { target: { value: 'staging' } })
    fireEvent.change(within(form).getByLabelText('Tags'), { target: { value: 'a, b ,, c' } })
    await act(async () => {
      fireEvent.submit(form)
    })
    const context = await within(detail).findByTestId('account-context')
    expect(context.textContent).toContain('Jane Doe')
    expect(context.textContent).toContain('staging')
    const stored = await dbs.at(-1)?.accounts.where('name').equals(name).first()
    expect(stored).toMatchObject({ owner: 'Jane Doe', environment: 'staging', tags: ['a', 'b', 'c'] })
  })
})

describe('bulk answers', () => {
  it('answers one question for every selected account at once', async () => {
    renderApp(true)
    await screen.findByTestId('demo-banner')
    const rows = screen.getAllByTestId('heatmap-row') as HTMLElement[]
    const picked = rows.slice(0, 3)
    for (const row of picked) fireEvent.click(within(row).getByRole('checkbox'))
    // Space on a focused cell toggles too: untick the third again.
    const third = picked[2]?.querySelector<HTMLElement>('[data-cell]')
    if (!third) throw new Error('row has cells')
    third.focus()
    fireEvent.keyDown(third, { key: ' ' })
    fireEvent.click(screen.getByRole('button', { name: 'Answer for 2 selected' }))
    const panel = await screen.findByRole('region', { name: 'Bulk answer' })
    fireEvent.change(within(panel).getByLabelText('Question'), { target: { value: manualQuestion } })
    // No default answer, nobody pre-filled, and a note is required before saving for several accounts.
    const save = await within(panel).findByRole('button', { name: 'Save answer for 2 accounts' })
    expect((within(panel).getByLabelText('Answered by') as HTMLInputElement).value).toBe('')
    expect(
      within(panel)
        .getAllByRole('radio')
        .some((r) => (r as HTMLInputElement).checked),
    ).toBe(false)
    expect(save).toHaveProperty('disabled', true)
    fireEvent.click(within(panel).getByLabelText(/Yes, it is in place/))
    expect(save).toHaveProperty('disabled', true)
    fireEvent.change(within(panel).getByLabelText(/^Note/), { target: { value: 'SCP list reviewed' } })
    expect(save).toHaveProperty('disabled', false)
    fireEvent.change(within(panel).getByLabelText('Answered by'), { target: { value: 'Lead' } })
    await act(async () => {
      fireEvent.submit(within(panel).getByRole('form'))
    })
    await screen.findByText('Answer saved for 2 accounts')
    const ids = picked.slice(0, 2).map((r) => r.dataset.accountId)
    const stored = await dbs
      .at(-1)
      ?.attestations.filter((a) => a.attestedBy === 'Lead')
      .toArray()
    expect(stored?.map((a) => a.accountId).sort()).toEqual([...ids].sort())
    expect(stored?.every((a) => a.controlId === manualQuestion)).toBe(true)
    expect(stored?.every((a) => a.note === 'SCP list reviewed')).toBe(true)
  })

  it("skips, and lists, the accounts where the control's automated check fails", async () => {
    renderApp(true)
    await screen.findByTestId('demo-banner')
    const rows = screen.getAllByTestId('heatmap-row') as HTMLElement[]
    for (const row of rows) fireEvent.click(within(row).getByRole('checkbox'))
    fireEvent.click(screen.getByRole('button', { name: `Answer for ${rows.length} selected` }))
    const panel = await screen.findByRole('region', { name: 'Bulk answer' })
    fireEvent.change(within(panel).getByLabelText('Question'), {
      target: { value: 'data.no-public-snapshots' },
    })
    const skipped = await within(panel).findByTestId('bulk-skipped')
    // The demo's public RDS/EBS snapshots (Trusted Advisor ePs02jT06w / rSs93HQwa1).
    for (const name of ['data-lake-prod', 'ml-research', 'mobile-api-prod'])
      expect(skipped.textContent).toContain(name)
    fireEvent.click(within(panel).getByLabelText(/Yes, it is in place/))
    fireEvent.change(within(panel).getByLabelText(/^Note/), { target: { value: 'reviewed' } })
    fireEvent.change(within(panel).getByLabelText('Answered by'), { target: { value: 'Bulk' } })
    await act(async () => {
      fireEvent.submit(within(panel).getByRole('form'))
    })
    await screen.findByText(`Answer saved for ${rows.length - 3} accounts`)
    const stored = await dbs
      .at(-1)
      ?.attestations.filter((a) => a.attestedBy === 'Bulk')
      .toArray()
    const names = new Map(rows.map((r) => [r.dataset.accountId, r.textContent ?? '']))
    expect(stored?.length).toBe(rows.length - 3)
    expect(
      stored?.some((a) => /data-lake-prod|ml-research|mobile-api-prod/.test(names.get(a.accountId) ?? '')),
    ).toBe(false)
  })
})

describe('both headline levels and the unknown categories', () => {
  it('shows the evidence-verified level beside the assessed one, marks and filters unknown controls by category', async () => {
    renderApp(true)
    await screen.findByTestId('demo-banner')
    fireEvent.click(
      within(screen.getAllByTestId('heatmap-row')[0] as HTMLElement).getByTestId('cell-governance'),
    )
    const panel = await screen.findByTestId('domain-panel')
    // Governance is all questions: no automated evidence, never "0".
    expect(within(panel).getByTestId('evidence-level').textContent).toContain('no automated evidence')
    const filter = within(panel).getByLabelText('Show controls') as HTMLSelectElement
    const options = [...filter.options].map((o) => o.value)
    expect(options).toContain('not-answered')
    fireEvent.change(filter, { target: { value: 'not-answered' } })
    const shown = within(panel).getAllByTestId('control')
    expect(shown.length).toBeGreaterThan(0)
    for (const c of shown) expect(c.querySelector('[data-unknown-reason="not-answered"]')).not.toBeNull()
  })
})

describe('remediation links', () => {
  it('open through the main process (api.app.openExternal), never in the window', async () => {
    const fake = renderApp(true)
    await screen.findByTestId('demo-banner')
    fireEvent.click(within(screen.getAllByTestId('heatmap-row')[0] as HTMLElement).getByTestId('cell-iam'))
    const control = (await screen.findAllByTestId('control'))[0] as HTMLElement
    const link = within(control).getAllByRole('button', { name: / ↗$/ })[0]
    if (!link) throw new Error('the control has a remediation link')
    fireEvent.click(link)
    await waitFor(() => expect(fake.opened).toHaveLength(1))
    expect(fake.opened[0]).toMatch(/^https:\/\//)
  })
})
