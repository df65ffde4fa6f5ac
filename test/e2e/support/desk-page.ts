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

  /** The open domain's level, from its heading. */
  async domainLevel(): Promise<number> {
    const text = (await this.page.locator('#domain-title').textContent()) ?? ''
    const match = /level (\d)/.exec(text)
    if (!match?.[1]) throw new Error(`no level in "${text}"`)
    return Number(match[1])
  }

  /** The id of the first unanswered question among the open domain's controls at `level`. */
  async unansweredQuestion(level: number): Promise<string> {
    const question = this.page
      .getByRole('region', { name: `Level ${level} controls` })
      .locator('[data-testid="control"].status-row-unknown', {
        has: this.page.locator('.manual-tag', { hasText: 'Question' }),
      })
      .first()
    const id = await question.getAttribute('data-control-id')
    if (!id) throw new Error(`no unanswered question at level ${level}`)
    return id
  }

  /** Answers question `controlId` "yes, it is in place" as `by` (with a note, if given) and waits for "attested". */
  async answerYes(controlId: string, by: string, note?: string): Promise<void> {
    const opened = await this.openControl(controlId)
    await opened.getByRole('button', { name: 'Answer', exact: true }).click()
    const form = opened.getByRole('form', { name: `Answer ${controlId}` })
    await form.getByLabel('Yes, it is in place').check()
    await form.getByLabel('Answered by').fill(by)
    if (note !== undefined) await form.getByLabel('Note').fill(note)
    await form.getByRole('button', { name: 'Save answer' }).click()
    await this.control(controlId).locator('.status-pill.status-attested').waitFor()
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
