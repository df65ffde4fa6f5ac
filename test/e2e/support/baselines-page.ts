import type { Locator, Page } from 'playwright-core'

/** What a test types into a baseline editor; fields left out are left as they are. */
export interface BaselineFields {
  id?: string
  name?: string
  tag?: string
  minimums?: Record<string, string>
  invariants?: string
  by?: string
  reason?: string
  approver?: string
}

/** Page object for the Baselines area (issue 17). */
export class BaselinesPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Areas' })
      .getByRole('button', { name: 'Baselines', exact: true })
      .click()
    await this.page.getByTestId('area-baselines').waitFor()
  }

  row(id: string): Locator {
    return this.page.getByTestId(`baseline-${id}`)
  }

  editor(name: string): Locator {
    return this.page.getByRole('form', { name })
  }

  /** Opens the editor of baseline `id` (named `name`) with "Raise or change", fills `fields`, returns it. */
  async change(id: string, name: string, fields: BaselineFields): Promise<Locator> {
    await this.row(id)
      .getByRole('button', { name: `Raise or change ${name}` })
      .click()
    const editor = this.editor(`Change ${name}`)
    await this.fill(editor, fields)
    return editor
  }

  /** Fills the fields given in a baseline editor. */
  async fill(form: Locator, fields: BaselineFields): Promise<void> {
    if (fields.id !== undefined) await form.getByLabel('Id', { exact: true }).fill(fields.id)
    if (fields.name !== undefined) await form.getByLabel('Name', { exact: true }).fill(fields.name)
    if (fields.tag !== undefined) {
      await form.getByLabel('Scope', { exact: true }).selectOption('tag')
      await form.getByLabel('Tag', { exact: true }).fill(fields.tag)
    }
    for (const [domain, level] of Object.entries(fields.minimums ?? {}))
      await form.getByLabel(`Minimum for ${domain}`).selectOption(level)
    if (fields.invariants !== undefined) await form.getByLabel(/^Invariants/).fill(fields.invariants)
    if (fields.by !== undefined) await form.getByLabel('Your name').fill(fields.by)
    if (fields.reason !== undefined) await form.getByLabel('Reason').fill(fields.reason)
    if (fields.approver !== undefined) await form.getByLabel(/^Approver/).fill(fields.approver)
  }

  async preview(form: Locator): Promise<Locator> {
    await form.getByRole('button', { name: 'Preview' }).click()
    const preview = form.getByTestId('baseline-preview')
    await preview.waitFor()
    return preview
  }

  async save(form: Locator): Promise<void> {
    await form.getByRole('button', { name: /^Save version/ }).click()
  }
}
