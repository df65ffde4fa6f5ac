import type { Locator, Page } from 'playwright-core'

/** Page object for the desk: the Accounts overview, account detail, answers, waivers and backups. */
export class DeskPage {
  constructor(readonly page: Page) {}

  demoBanner(): Locator {
    return this.page.getByTestId('demo-banner')
  }

  rows(): Locator {
    return this.page.getByTestId('heatmap-row')
  }

  row(accountName: string): Locator {
    return this.rows().filter({ has: this.page.locator('.hm-account-name', { hasText: accountName }) })
  }

  /** The heatmap cell of one account and domain. */
  cell(accountName: string, domainId: string): Locator {
    return this.row(accountName).getByTestId(`cell-${domainId}`)
  }

  async waitForOverview(): Promise<void> {
    await this.page.getByTestId('heatmap').waitFor()
    await this.rows().first().waitFor()
  }

  detail(): Locator {
    return this.page.getByTestId('account-detail')
  }

  domainPanel(): Locator {
    return this.page.getByTestId('domain-panel')
  }

  /** A control of the open domain, by its id. */
  control(controlId: string): Locator {
    return this.page.locator(`[data-testid="control"][data-control-id="${controlId}"]`)
  }

  /** Opens a control's evidence (its <details>) and returns the control. */
  async openControl(controlId: string): Promise<Locator> {
    const control = this.control(controlId)
    const details = control.locator('details')
    if ((await details.getAttribute('open')) === null) await control.locator('summary').click()
    return control
  }

  async openDomainTab(name: string): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Domains' })
      .getByRole('button', { name: new RegExp(`^${name}:`) })
      .click()
  }

  async backToOverview(): Promise<void> {
    await this.page.getByRole('button', { name: '← All accounts' }).first().click()
    await this.waitForOverview()
  }
}
