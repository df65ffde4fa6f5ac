import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { AppPage } from './support/app-page'
import { chooseTheme, documentTheme, saveScreenshot } from './support/desk-glance'
import { DeskPage } from './support/desk-page'
import { launchAppForTest, type RunningApp } from './support/harness'

/** Opens the demo and saves its quarterly snapshots, so there is a last snapshot to compare with. */
async function demoWithSnapshots(): Promise<{ app: RunningApp; desk: DeskPage; shell: AppPage }> {
  const running = await launchAppForTest({ isDemoDefault: true })
  const desk = new DeskPage(running.page)
  const shell = new AppPage(running.page)
  await desk.waitForOverview()
  await shell.goTo('Snapshots')
  await running.page.getByRole('button', { name: 'Save the demo’s quarterly snapshots' }).click()
  await running.page.getByTestId('demo-quarters-offer').waitFor({ state: 'detached' })
  await shell.goTo('Accounts')
  await desk.waitForOverview()
  return { app: running, desk, shell }
}

describe('the ratchet at a glance (Chromium)', () => {
  it('shows the summary strip for the demo, groups regressions by control and opens one at its evidence', async () => {
    const started = await demoWithSnapshots()
    const app = started.app
    const { page } = app
    const strip = page.getByTestId('summary-strip')
    await strip.waitFor()
    // The last snapshot is read once the overview is drawn and idle: the comparison arrives after it.
    await expect
      .poll(() => strip.getByTestId('summary-levels').textContent(), { timeout: 10_000 })
      .toMatch(/vs \d{4}-Q\d/)
    const levels = (await strip.getByTestId('summary-levels').textContent()) ?? ''
    const counts = [...levels.matchAll(/L\d (\d+)/g)].map((m) => Number(m[1]))
    expect(counts).toHaveLength(6)
    // The demo's missed collection leaves one account unassessed: counted apart, never at L0.
    expect(await strip.getByTestId('summary-unassessed').textContent()).toBe('unassessed 1')
    expect(counts.reduce((a, b) => a + b, 0)).toBe(11)
    expect(levels).toMatch(/vs \d{4}-Q\d/)
    expect(await strip.getByTestId('summary-changes').textContent()).toMatch(
      /Since \d{4}-Q\d.*levels up.*down/,
    )
    expect(await strip.getByTestId('summary-oldest').textContent()).toMatch(/\d+ days · /)
    // Cells that changed since that snapshot carry ▲/▼, said in words too.
    const moved = page.locator('[data-testid^="cell-"][data-change]')
    expect(await moved.count()).toBeGreaterThan(0)
    const first = moved.first()
    const direction = await first.getAttribute('data-change')
    expect(await first.locator('.cell-delta').textContent()).toBe(direction === 'up' ? '▲' : '▼')
    expect(await first.getAttribute('aria-label')).toMatch(/, (up|down) from \d since the last snapshot$/)

    // Regressions: a count that opens them, grouped by control.
    const opener = strip.getByTestId('summary-regressions').getByRole('button')
    expect(await opener.textContent()).toMatch(/^\d+ in \d+ controls?$/)
    await opener.click()
    expect(await opener.getAttribute('aria-expanded')).toBe('true')
    const groups = strip.getByTestId('regression-group')
    expect(await groups.count()).toBeGreaterThan(0)
    const group = groups.first()
    expect(await group.locator('summary').textContent()).toMatch(/: pass → fail in \d+ accounts?$/)
    await saveScreenshot(page, 'glance-summary-regressions')
    const controlId = await group.getAttribute('data-control-id')
    if (!controlId) throw new Error('a regression group names its control')
    await group.locator('summary').click()
    await group.getByRole('button').first().click()

    // The account opens at that control, with its evidence shown and the failure named.
    const desk = started.desk
    await desk.detail().waitFor()
    const control = desk.control(controlId)
    await control.waitFor()
    expect(await control.locator('details').getAttribute('open')).not.toBeNull()
    await control.locator('.status-pill.status-fail').waitFor()
    expect(await control.locator('.evidence-source').first().textContent()).toMatch(
      /collected \d{4}-\d\d-\d\d/,
    )
    await saveScreenshot(page, 'glance-regression-evidence')
  })

  it('pivots by control, groups by owner, and opens an account from either', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const { page } = app
    const desk = new DeskPage(page)
    await desk.waitForOverview()

    // Pivot: which accounts fail root MFA? Failing first, with resources; filterable and exportable.
    await page.getByRole('button', { name: 'By control', exact: true }).click()
    await page.getByTestId('pivot-control').selectOption('iam.root-mfa')
    const pivot = page.getByTestId('control-pivot')
    const rows = pivot.getByTestId('pivot-row')
    expect(await rows.count()).toBe(12)
    const statuses = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-status')))
    const order = ['fail', 'unknown', 'exempt', 'attested', 'pass', 'not-applicable']
    const ranks = statuses.map((st) => order.indexOf(st ?? ''))
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    await pivot.getByLabel('Status').selectOption('pass')
    expect(
      await rows.evaluateAll((els) => els.every((el) => el.getAttribute('data-status') === 'pass')),
    ).toBe(true)
    await pivot.getByLabel('Status').selectOption('')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      pivot.getByRole('button', { name: 'Export CSV' }).click(),
    ])
    const csv = await readFile(await download.path(), 'utf8')
    expect(csv.split('\r\n')[0]).toBe(
      'control_id,account_id,account_name,status,unknown_reason,reason,resources,collected_at',
    )
    expect(csv.trim().split('\r\n')).toHaveLength(13)
    await saveScreenshot(page, 'glance-pivot')
    const firstName = (await rows.first().getByRole('rowheader').textContent()) ?? ''
    await rows.first().getByRole('button').click()
    await desk.detail().waitFor()
    expect(await page.locator('#account-title').textContent()).toBe(firstName)
    await desk.control('iam.root-mfa').waitFor()

    // The to-do list: the shared planner's first actions; a fix opens the account at that control.
    await desk.backToOverview()
    await page.getByRole('button', { name: 'To do', exact: true }).click()
    const todo = page.getByTestId('todo-item')
    expect(await todo.count()).toBeGreaterThan(0)
    expect(await todo.count()).toBeLessThanOrEqual(7)
    expect(await todo.first().textContent()).toMatch(
      / in \d+ accounts?|for \d+ accounts?|^Re-collect \d+ accounts?/,
    )
    await saveScreenshot(page, 'glance-todo')
    const fix = page.locator('[data-testid="todo-item"][data-kind="fix-control"]').first()
    if ((await fix.count()) > 0) {
      await fix.getByRole('button').click()
      await desk.detail().waitFor()
      await page.locator('[data-testid="control"] details[open]').first().waitFor()
    }

    // Group by owner: a row per owner; picking one shows its accounts on the heatmap.
    await desk.backToOverview()
    await page.getByRole('button', { name: 'By owner', exact: true }).click()
    const groups = page.getByTestId('group-row')
    expect(await groups.count()).toBeGreaterThan(1)
    const owner = (await groups.first().getByRole('rowheader').textContent()) ?? ''
    const size = Number(await groups.first().locator('td').first().textContent())
    await saveScreenshot(page, 'glance-group-by-owner')
    await groups.first().getByRole('button').click()
    await desk.waitForOverview()
    expect(await desk.rows().count()).toBe(size)
    const metas = await page.locator('.hm-account-meta').allTextContents()
    expect(metas.every((m) => m.startsWith(owner))).toBe(true)
  })

  it('filters the questionnaire and never shows the domain panel under it', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const desk = new DeskPage(app.page)
    await desk.waitForOverview()
    await desk.cell('payments-prod', 'resilience').click()
    await desk.detail().waitFor()
    await app.page.getByRole('button', { name: 'Questionnaire', exact: true }).click()
    const questionnaire = app.page.getByTestId('questionnaire')
    await questionnaire.waitFor()
    expect(await desk.domainPanel().isVisible()).toBe(false)
    expect(await questionnaire.getByTestId('question-domain').count()).toBeGreaterThan(1)
    const shown = async () => {
      const text = (await questionnaire.getByTestId('questions-shown').textContent()) ?? ''
      const [, n, total] = /Showing (\d+) of (\d+)/.exec(text) ?? []
      return { n: Number(n), total: Number(total) }
    }
    const all = await shown()
    expect(all.n).toBe(all.total)
    await questionnaire.getByLabel('Unanswered only').check()
    const unanswered = await shown()
    expect(unanswered.n).toBeLessThan(all.n)
    // Every question left is unanswered (unknown) or carries an expired answer.
    const pills = questionnaire.locator('[data-testid="control"]')
    const count = await pills.count()
    for (let i = 0; i < count; i++) {
      const row = pills.nth(i)
      const isOpen =
        (await row.locator('.status-pill.status-unknown').count()) > 0 ||
        (await row.locator('.expired-flag').count()) > 0
      expect(isOpen).toBe(true)
    }
    await questionnaire.getByLabel('Unanswered only').uncheck()
    await questionnaire.getByLabel('Expiring in 30 days').check()
    expect((await shown()).n).toBeLessThan(all.n)
    await saveScreenshot(app.page, 'glance-questionnaire')
  })

  it('keeps expected states calm and collapses errors into one line with a count', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const { page } = app
    const shell = new AppPage(page)
    await new DeskPage(page).waitForOverview()
    // Visiting Collect in the demo: no AWS configuration is expected there, so nothing red.
    await shell.goTo('Collect')
    const info = page.getByTestId('notice-info')
    await info.waitFor()
    expect(await info.getAttribute('data-code')).toBe('no-aws-config')
    expect(await shell.errorNotice().count()).toBe(0)
    // Information clears itself after a few seconds.
    await info.waitFor({ state: 'detached', timeout: 10_000 })

    // Two broken backups: one line with the newest, a count that opens the list; the file is named.
    await shell.goTo('Accounts')
    const input = page.getByTestId('restore-file')
    for (const name of ['first.json', 'second.json']) {
      await input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from('{"format":') })
    }
    const line = shell.errorNotice()
    await line.getByText('second.json is not a Ratchet backup').waitFor()
    const more = line.getByTestId('notice-count')
    expect(await more.textContent()).toBe('1 more')
    await more.click()
    const list = page.getByTestId('notice-list')
    expect(await list.getByRole('listitem').count()).toBe(2)
    expect(await list.textContent()).toContain('first.json is not a Ratchet backup: it is not valid JSON.')
    await saveScreenshot(page, 'glance-notices')
    await list.getByRole('button', { name: 'Dismiss all' }).click()
    expect(await shell.errorNotice().count()).toBe(0)
  })

  it('sorts names naturally: "-15" before "-147"', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const { page } = app
    const desk = new DeskPage(page)
    await desk.waitForOverview()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export backup' }).click(),
    ])
    const backup = JSON.parse(await readFile(await download.path(), 'utf8'))
    const names = ['app-147', 'app-15', 'App-2', 'app-1']
    backup.tables.accounts.forEach((account: { name: string }, i: number) => {
      account.name = names[i] ?? `zz-${i}`
    })
    await page.getByTestId('restore-file').setInputFiles({
      name: 'renamed.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(backup)),
    })
    await page.getByRole('alertdialog').getByRole('button', { name: 'Replace everything' }).click()
    await desk.row('app-147').waitFor()
    const shown = await page.locator('.hm-account-name').allTextContents()
    expect(shown.slice(0, 4)).toEqual(['app-1', 'App-2', 'app-15', 'app-147'])
  })

  it('shows progress per domain in the trends, with regressions marked', async () => {
    const started = await demoWithSnapshots()
    const app = started.app
    await started.shell.goTo('Compare')
    await app.page.getByRole('tab', { name: 'Trends' }).click()
    const progress = app.page.getByTestId('domain-progress')
    await progress.waitFor()
    expect(await progress.locator('[data-testid^="domain-progress-"]').count()).toBe(8)
    const notes = await progress.getByTestId('domain-regressions').allTextContents()
    expect(notes).toHaveLength(8)
    expect(notes.some((n) => /▼ \d+ down in \d{4}-Q\d/.test(n))).toBe(true)
    // The table beside it stays.
    await app.page.getByTestId('trend-domain-table').waitFor()
    await saveScreenshot(app.page, 'glance-trends')
  })

  it('fits 1024×700 with the sidebar collapsed, abbreviated headers, and Enter moving focus to the account', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const { page } = app
    await page.setViewportSize({ width: 1024, height: 700 })
    await app.reload()
    const desk = new DeskPage(page)
    await desk.waitForOverview()
    const toggle = page.getByRole('button', { name: 'Expand the sidebar' })
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    // Every domain column is inside the window; the short header carries the full name on hover.
    const last = page.getByRole('columnheader').last()
    const box = await last.boundingBox()
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(1024)
    expect(await last.getByRole('button').getAttribute('title')).toBe('Resilience: sort')
    expect(await last.textContent()).toBe('Resil.')
    // The navigation still names every area for assistive technology.
    await new AppPage(page).goTo('Compare')
    await new AppPage(page).goTo('Accounts')
    await desk.waitForOverview()
    await saveScreenshot(page, 'glance-1024x700')

    // Enter on a heatmap cell opens the account and moves focus to its heading.
    await desk.row('payments-prod').locator('[data-cell]').first().focus()
    await page.keyboard.press('Enter')
    await desk.detail().waitFor()
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement
              .id,
        ),
      )
      .toBe('account-title')
  })

  it('offers system, light and dark themes and keeps the choice across a restart', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const { page } = app
    await new DeskPage(page).waitForOverview()
    await chooseTheme(page, 'Dark')
    expect(await documentTheme(page)).toBe('dark')
    await app.reload()
    await page.getByTestId('area-accounts').waitFor()
    expect(await documentTheme(page)).toBe('dark')
    await saveScreenshot(page, 'glance-theme-dark')
    await chooseTheme(page, 'Light')
    expect(await documentTheme(page)).toBe('light')
    await chooseTheme(page, 'Same as the system')
    // Headless Chromium reports a light system preference.
    expect(await documentTheme(page)).toBe('light')
  })
})
