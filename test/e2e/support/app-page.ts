import type { Page } from 'playwright-core'

/** Page object for the app shell: navigation and the status area. */
export class AppPage {
  constructor(readonly page: Page) {}

  async goTo(area: 'Accounts' | 'Collect' | 'Snapshots' | 'Compare' | 'Model' | 'Settings'): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Areas' })
      .getByRole('button', { name: area, exact: true })
      .click()
    await this.page.getByTestId(`area-${area.toLowerCase()}`).waitFor()
  }

  errorNotice() {
    return this.page.getByTestId('status-area').getByRole('alert')
  }
}
