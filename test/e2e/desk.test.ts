import { describe, expect, it } from 'vitest'
import { DeskPage } from './support/desk-page'
import { launchAppForTest } from './support/harness'

describe('the desk in Chromium', () => {
  it('loads the demo, drills into evidence, answers, waives, and keeps it all across a reload', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const desk = new DeskPage(app.page)
    await desk.demoBanner().waitFor()
    await desk.waitForOverview()
    expect(await desk.rows().count()).toBe(12)
    expect(await desk.demoBanner().textContent()).toContain('Demo organization')

    // Drill from the overview into a failing control's evidence, by keyboard: the focus is visible.
    await desk.row('data-lake-prod').locator('[data-cell]').first().focus()
    for (let i = 0; i < 4; i++) await app.page.keyboard.press('ArrowRight')
    const focused = desk.cell('data-lake-prod', 'data-protection')
    await expect.poll(() => focused.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
    expect(
      await focused.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).outlineStyle),
    ).toBe('solid')
    await app.page.keyboard.press('Enter')
    await desk.detail().waitFor()
    expect(await app.page.locator('#domain-title').textContent()).toMatch(/^Data protection/)
    const failing = desk.domainPanel().locator('[data-testid="control"].status-row-fail').first()
    const failingId = await failing.getAttribute('data-control-id')
    if (!failingId) throw new Error('data-lake-prod has a failing data-protection control')
    const control = await desk.openControl(failingId)
    const resources = control.getByRole('table', { name: /^Resources for / })
    await resources.waitFor()
    expect(await resources.locator('tbody tr').count()).toBeGreaterThan(0)
    expect(await control.locator('.evidence-source').textContent()).toMatch(/collected \d{4}-\d\d-\d\d/)

    // Add a waiver to it: the control becomes waived.
    await control.getByRole('button', { name: 'Add waiver' }).click()
    const waiverForm = control.getByRole('form', { name: `Waive ${failingId}` })
    await waiverForm.getByLabel('Reason').fill('Public research dataset, approved by the data board')
    await waiverForm.getByLabel('Approver').fill('Dana Whitfield')
    await waiverForm.getByRole('button', { name: 'Save waiver' }).click()
    await desk.control(failingId).locator('.status-pill.status-exempt').waitFor()
    await desk.control(failingId).getByTestId('waiver').waitFor()

    // Answer a manual question that holds a domain down: the level goes up.
    await desk.backToOverview()
    await desk.cell('payments-prod', 'resilience').click()
    await desk.detail().waitFor()
    const before = await desk.domainLevel()
    const questionId = await desk.unansweredQuestion(before + 1)
    await desk.answerYes(questionId, 'Security Lead', 'Restore drill on 2026-11-02')
    expect(await desk.domainLevel()).toBeGreaterThan(before)
    const after = await desk.domainLevel()

    // Reload: IndexedDB keeps the answer and the waiver.
    await app.reload()
    await desk.waitForOverview()
    expect(await desk.rows().count()).toBe(12)
    await desk.cell('payments-prod', 'resilience').click()
    expect(await desk.domainLevel()).toBe(after)
    await desk.control(questionId).locator('.status-pill.status-attested').waitFor()
    await desk.backToOverview()
    await desk.cell('data-lake-prod', 'data-protection').click()
    await desk.control(failingId).locator('.status-pill.status-exempt').waitFor()
  })

  it('exports a backup, rejects a corrupt one untouched, and restores after showing the counts', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const desk = new DeskPage(app.page)
    await desk.waitForOverview()
    const [download] = await Promise.all([
      app.page.waitForEvent('download'),
      app.page.getByRole('button', { name: 'Export backup' }).click(),
    ])
    const path = await download.path()
    const { readFile } = await import('node:fs/promises')
    const text = await readFile(path, 'utf8')
    expect(JSON.parse(text)).toMatchObject({ format: 'ratchet-backup', version: 1 })

    const input = app.page.getByTestId('restore-file')
    await input.setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":'),
    })
    const alert = app.page.getByTestId('status-area').getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('broken.json is not a Ratchet backup: it is not valid JSON.')
    expect(await desk.rows().count()).toBe(12)

    // Remove the demo (confirmed), then restore it from the backup.
    await desk.demoBanner().getByRole('button', { name: 'Remove demo' }).click()
    await app.page.getByRole('alertdialog').getByRole('button', { name: 'Remove demo' }).click()
    await app.page.getByTestId('empty-desk').waitFor()
    await input.setInputFiles({
      name: 'backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    })
    const dialog = app.page.getByRole('alertdialog', { name: 'Replace all data with this backup?' })
    const counts = dialog.getByRole('table', { name: 'What will be replaced' })
    expect(await counts.getByRole('row', { name: /Accounts/ }).textContent()).toBe('Accounts012')
    await dialog.getByRole('button', { name: 'Replace everything' }).click()
    await desk.waitForOverview()
    expect(await desk.rows().count()).toBe(12)
  })
})
