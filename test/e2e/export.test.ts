import { execFile } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { domainIds } from '../../shared/domain/types'
import { AppPage } from './support/app-page'
import { DeskPage } from './support/desk-page'
import { launchAppForTest } from './support/harness'

const ACCOUNT = 'payments-prod'

/** The levels the app shows for one account in the overview heatmap, by domain. */
async function appLevels(desk: DeskPage): Promise<Record<string, number>> {
  const levels: Record<string, number> = {}
  for (const domainId of domainIds) {
    // The cells are drawn from the stored summaries, which may still be refreshing: wait for the level.
    const cell = await desk.cell(ACCOUNT, domainId).elementHandle()
    await desk.page.waitForFunction((el) => /: level \d/.test(el?.getAttribute('aria-label') ?? ''), cell)
    const label = (await desk.cell(ACCOUNT, domainId).getAttribute('aria-label')) ?? ''
    levels[domainId] = Number(/: level (\d)/.exec(label)?.[1])
  }
  return levels
}

async function openExportFromAccount(desk: DeskPage) {
  await desk.cell(ACCOUNT, 'iam').click()
  await desk.detail().waitFor()
  await desk.detail().getByRole('button', { name: 'Export…' }).click()
  const dialog = desk.page.getByRole('dialog', { name: 'Export scorecard' })
  await dialog.waitFor()
  return dialog
}

describe('exporting from the app', () => {
  it('saves an account’s HTML scorecard through the save dialog, with the numbers the app shows', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const desk = new DeskPage(app.page)
    await desk.waitForOverview()
    const shown = await appLevels(desk)
    const dialog = await openExportFromAccount(desk)
    // Opened from the account, the dialog exports that account alone.
    await expect(dialog.getByRole('radio', { name: 'One account' }).isChecked()).resolves.toBe(true)
    await dialog.getByRole('radio', { name: /^HTML/ }).check()
    const preview = (await dialog.getByTestId('export-file-name').textContent()) ?? ''
    expect(preview).toMatch(/^File: ratchet-current-state-\d{4}-\d\d-\d\d\.html$/)
    await dialog.getByRole('button', { name: 'Export…' }).click()
    await dialog.waitFor({ state: 'detached' })
    await app.page
      .getByTestId('status-area')
      .getByText(/^Exported ratchet-current-state/)
      .waitFor()

    expect(app.saveRequests).toHaveLength(1)
    expect(`File: ${app.saveRequests[0]?.defaultFileName}`).toBe(preview)
    expect(app.saveRequests[0]?.filters).toEqual([
      { name: 'Web page (self-contained)', extensions: ['html'] },
    ])
    const file = join(app.home, 'Downloads', app.saveRequests[0]?.defaultFileName ?? '')

    // The saved file opens offline, asks for nothing but itself, and shows the levels the app showed.
    await app.context.setOffline(true)
    const report = await app.context.newPage()
    const requests: string[] = []
    report.on('request', (request) => requests.push(request.url()))
    await report.goto(pathToFileURL(file).href)
    expect(requests).toEqual([pathToFileURL(file).href])
    const sections = report.getByTestId('account-page')
    expect(await sections.count()).toBe(1)
    expect(await sections.first().getAttribute('data-account-id')).toMatch(/^\d{12}$/)
    // A one-account scorecard has its own page 1: the account's domains, not an organization of one.
    await expect(report.getByTestId('executive').locator('h1').textContent()).resolves.toBe(
      `Scorecard: ${ACCOUNT}`,
    )
    for (const domainId of domainIds) {
      const level = await report
        .locator(`[data-testid="account-domains"] tr[data-domain="${domainId}"]`)
        .getAttribute('data-level')
      expect(Number(level), domainId).toBe(shown[domainId])
    }
  })

  it('prints a redacted PDF with no account id in it', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const desk = new DeskPage(app.page)
    await desk.waitForOverview()
    const dialog = await openExportFromAccount(desk)
    await dialog.getByRole('radio', { name: 'Whole organization' }).check()
    await dialog.getByRole('checkbox', { name: 'Redact account ids, ARNs and user names' }).check()
    await dialog.getByLabel('File name pattern').fill('board-{label}-{scope}.{ext}')
    await expect(dialog.getByTestId('export-file-name').textContent()).resolves.toBe(
      'File: board-current-state-org.pdf',
    )
    await dialog.getByRole('button', { name: 'Export…' }).click()
    await dialog.waitFor({ state: 'detached' })
    const file = join(app.home, 'Downloads', 'board-current-state-org.pdf')
    expect((await readFile(file)).subarray(0, 5).toString()).toBe('%PDF-')
    const { stdout } = await promisify(execFile)('pdftotext', [file, '-'])
    expect(stdout).toContain('Executive summary')
    expect(stdout).toContain('account-1')
    expect(stdout.replace(/\s+/g, '')).not.toMatch(/(?<!\d)\d{12}(?!\d)/)
  })

  it('exports a saved snapshot from the Snapshots area, with the trend against the one before it', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const desk = new DeskPage(app.page)
    await desk.waitForOverview()
    await new AppPage(app.page).goTo('Snapshots')
    await app.page.getByRole('button', { name: 'Save the demo’s quarterly snapshots' }).click()
    const rows = app.page.getByTestId('snapshot-row')
    await rows.nth(3).waitFor()
    const labels = await rows.locator('.snapshot-label').allTextContents()
    const [newest, before] = labels
    await rows
      .first()
      .getByRole('button', { name: `Export ${newest}` })
      .click()
    const dialog = app.page.getByRole('dialog', { name: 'Export scorecard' })
    await expect(dialog.getByTestId('export-source').textContent()).resolves.toContain(
      `trend against ${before}`,
    )
    await dialog.getByRole('radio', { name: /^Markdown/ }).check()
    await dialog.getByRole('button', { name: 'Export…' }).click()
    await dialog.waitFor({ state: 'detached' })
    const name = app.saveRequests[0]?.defaultFileName ?? ''
    expect(name).toMatch(new RegExp(`^ratchet-${(newest ?? '').toLowerCase()}-\\d{4}-\\d\\d-\\d\\d\\.md$`))
    const markdown = await readFile(join(app.home, 'Downloads', name), 'utf8')
    expect(markdown).toContain(`# Ratchet scorecard: ${newest}`)
    expect(markdown).toContain(`### Domains since ${before}`)
    expect(markdown).toContain(`### Regressions since ${before}`)
    // The list holds snapshots without their evidence: the export reads it whole, so evidence dates show.
    expect(markdown).toMatch(/evidence of \d/)
  })

  it('keeps the dialog and writes nothing when the save dialog is cancelled or the pattern is wrong', async () => {
    const app = await launchAppForTest({ isDemoDefault: true, saveDialog: async () => undefined })
    const desk = new DeskPage(app.page)
    await desk.waitForOverview()
    const dialog = await openExportFromAccount(desk)
    await dialog.getByRole('radio', { name: /^CSV/ }).check()
    await dialog.getByRole('button', { name: 'Export…' }).click()
    await dialog.getByText('Not saved: the save dialog was cancelled.').waitFor()
    expect(app.saveRequests).toHaveLength(1)
    await expect(readdir(app.home)).resolves.not.toContain('Downloads')

    await dialog.getByLabel('File name pattern').fill('{label}-{quarter}')
    await expect(dialog.getByRole('alert').textContent()).resolves.toBe(
      'The file-name pattern has an unknown token {quarter}.',
    )
    await expect(dialog.getByRole('button', { name: 'Export…' }).isDisabled()).resolves.toBe(true)
    await app.page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(app.saveRequests).toHaveLength(1)
  })

  it('exports the overview’s filter as the scope, from a native dialog that gives focus back', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const desk = new DeskPage(app.page)
    await desk.waitForOverview()
    await app.page.getByLabel('Filter by owner').selectOption('Priya Raman')
    const button = app.page.getByTestId('overview-export')
    await expect(button.textContent()).resolves.toBe('Export 2 shown…')
    await button.click()
    const dialog = app.page.getByRole('dialog', { name: 'Export scorecard' })
    await dialog.waitFor()
    // showModal: the dialog is in the top layer, and the page behind it is inert.
    await expect(dialog.evaluate((d) => d.matches(':modal'))).resolves.toBe(true)
    await expect(dialog.getByTestId('export-source').textContent()).resolves.toContain('Owner Priya Raman')
    await expect(dialog.getByRole('radio', { name: 'Selected accounts' }).isChecked()).resolves.toBe(true)
    await app.page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await expect(button.evaluate((b) => b === b.ownerDocument.activeElement)).resolves.toBe(true)

    await button.click()
    await dialog.getByRole('radio', { name: /^HTML/ }).check()
    await dialog.getByRole('button', { name: 'Export…' }).click()
    await dialog.waitFor({ state: 'detached' })
    const html = await readFile(
      join(app.home, 'Downloads', app.saveRequests[0]?.defaultFileName ?? ''),
      'utf8',
    )
    expect(html).toContain('Executive summary: Owner Priya Raman (2 accounts)')
  })

  it('exports a comparison from Compare as a report of the newer side against the older', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const desk = new DeskPage(app.page)
    await desk.waitForOverview()
    const shell = new AppPage(app.page)
    await shell.goTo('Snapshots')
    await app.page.getByRole('button', { name: 'Save the demo’s quarterly snapshots' }).click()
    await app.page.getByTestId('snapshot-row').nth(3).waitFor()
    await shell.goTo('Compare')
    await app.page.getByTestId('export-comparison').click()
    const dialog = app.page.getByRole('dialog', { name: 'Export scorecard' })
    await dialog.waitFor()
    await expect(dialog.getByTestId('export-source').textContent()).resolves.toMatch(
      /trend against .+ · Comparison .+ → .+/,
    )
  })

  it('works from the keyboard alone: Tab stays inside, Escape closes, focus goes back to the opener', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const desk = new DeskPage(app.page)
    await desk.waitForOverview()
    const button = app.page.getByTestId('overview-export')
    await button.focus()
    await app.page.keyboard.press('Enter')
    const dialog = app.page.getByRole('dialog', { name: 'Export scorecard' })
    await dialog.waitFor()
    const isInside = () => dialog.evaluate((d) => d.contains(d.ownerDocument.activeElement))
    await expect(isInside()).resolves.toBe(true)
    // Forward and back through every control, and past both ends: focus never leaves the dialog.
    for (let i = 0; i < 40; i++) {
      await app.page.keyboard.press('Tab')
      await expect(isInside()).resolves.toBe(true)
    }
    for (let i = 0; i < 40; i++) {
      await app.page.keyboard.press('Shift+Tab')
      await expect(isInside()).resolves.toBe(true)
    }
    await app.page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await expect(button.evaluate((b) => b === b.ownerDocument.activeElement)).resolves.toBe(true)
    // Opened again after a Tab round trip, Escape still closes it.
    await app.page.keyboard.press('Enter')
    await dialog.waitFor()
    await app.page.keyboard.press('Tab')
    await app.page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
  })
})
