import type { Locator, Page } from 'playwright-core'
import { AppPage } from './app-page'

/** Page object for the Snapshots and Compare areas (issue 8). */
export class SnapshotsPage {
  readonly shell: AppPage

  constructor(readonly page: Page) {
    this.shell = new AppPage(page)
  }

  rows(): Locator {
    return this.page.getByTestId('snapshot-row')
  }

  row(label: string): Locator {
    return this.rows().filter({ has: this.page.locator('.snapshot-label', { hasText: label }) })
  }

  async saveDemoQuarters(): Promise<void> {
    await this.shell.goTo('Snapshots')
    await this.page.getByRole('button', { name: 'Save the demo’s quarterly snapshots' }).click()
    await this.page.getByTestId('demo-quarters-offer').waitFor({ state: 'detached' })
  }

  async takeSnapshot(label: string, notes = ''): Promise<void> {
    await this.shell.goTo('Snapshots')
    const form = this.page.getByRole('form', { name: 'Take a snapshot' })
    await form.getByLabel('Label').fill(label)
    await form.getByLabel('Notes').fill(notes)
    await form.getByRole('button', { name: 'Take snapshot' }).click()
    await this.row(label).waitFor()
  }

  /** Opens Compare with A and B picked by their option text (a snapshot label, or "Now"). */
  async compare(from: string, to: string): Promise<Locator> {
    await this.shell.goTo('Compare')
    await this.page.getByRole('tab', { name: 'Compare' }).click()
    await this.pick('compare-a', from)
    await this.pick('compare-b', to)
    const comparison = this.page.getByTestId('comparison')
    await comparison.waitFor()
    return comparison
  }

  private async pick(testId: string, startsWith: string): Promise<void> {
    const select = this.page.getByTestId(testId)
    const labels = await select.locator('option').allTextContents()
    const label = labels.find((l) => l.startsWith(startsWith))
    if (!label) throw new Error(`no option starting with "${startsWith}" in ${labels.join(', ')}`)
    await select.selectOption({ label })
  }

  async openTrends(): Promise<void> {
    await this.shell.goTo('Compare')
    await this.page.getByRole('tab', { name: 'Trends' }).click()
    await this.page.getByTestId('trends').waitFor()
  }

  /** The row headers of a trend table (one per snapshot, then "Now"). */
  async trendRows(testId: string): Promise<string[]> {
    return this.page.getByTestId(testId).locator('tbody th').allTextContents()
  }
}
