import { describe, expect, it } from 'vitest'
import { unknownReasons } from '../../shared/scoring/unknown-reasons'
import { DeskPage } from './support/desk-page'
import { launchAppForTest } from './support/harness'

/** Each option of the unknown-category filter but "Any": its value and the number of accounts it names. */
async function unknownOptions(desk: DeskPage): Promise<Array<{ value: string; count: number }>> {
  const options = await desk.page
    .getByTestId('unknown-filter')
    .locator('option:not([value=""])')
    .evaluateAll((list) => list.map((o) => [o.getAttribute('value') ?? '', o.textContent ?? '']))
  return options.map(([value = '', text = '']) => ({
    value,
    count: Number(/\((\d+)\)$/.exec(text)?.[1] ?? -1),
  }))
}

describe('the heatmap’s two headline numbers and unknown categories (Chromium)', () => {
  it('shows both levels per cell, filters by unknown category and marks the matching cells, by keyboard', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const desk = new DeskPage(app.page)
    await desk.waitForOverview()
    const total = await desk.rows().count()

    // Every drawn cell shows the evidence-verified level beside the assessed one: a digit or "–", never blank.
    const evidence = desk.rows().first().getByTestId('evidence-level')
    await evidence.first().waitFor()
    expect(await evidence.count()).toBe(8)
    for (const text of await evidence.allTextContents()) expect(text).toMatch(/^[0-5–]$/)
    const label = (await desk.rows().first().getByTestId('cell-iam').getAttribute('aria-label')) ?? ''
    expect(label).toMatch(/level \d, (\d evidence-verified|no automated evidence)/)

    // The eight categories are offered, each with how many accounts have one; pick one that names some.
    const options = await unknownOptions(desk)
    expect(options.map((o) => o.value)).toEqual([...unknownReasons])
    const picked = options.find((o) => o.count > 0)
    if (!picked) throw new Error('the demo has unknown controls')

    // Chosen by keyboard: focus the filter and step to the option.
    const filter = desk.page.getByTestId('unknown-filter')
    await filter.focus()
    for (let i = 0; i <= options.indexOf(picked); i++) await app.page.keyboard.press('ArrowDown')
    await expect.poll(() => filter.inputValue()).toBe(picked.value)
    await expect.poll(() => desk.rows().count()).toBe(Math.min(picked.count, total))
    expect(await desk.page.getByTestId('overview-counts').textContent()).toContain(
      `Showing ${picked.count} of`,
    )

    // Each shown account has a cell marked with that category, highlighted and named in words.
    const first = desk.rows().first()
    const marked = first.locator(`[data-unknown~="${picked.value}"]`).first()
    await marked.waitFor()
    const cell = first.locator('td.is-unknown-match').first().getByRole('button')
    expect(await cell.getAttribute('aria-label')).toMatch(/unknown: \d+ /)
    // The cell is reachable with the arrow keys from the row's first cell.
    await first.locator('[data-cell]').first().focus()
    const target = Number(((await cell.getAttribute('data-cell')) ?? '0:0').split(':')[1])
    for (let i = 0; i < target; i++) await app.page.keyboard.press('ArrowRight')
    await expect.poll(() => cell.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
  })
})
