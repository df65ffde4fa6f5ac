import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { AppPage } from './support/app-page'
import { type A11yViolation, axeViolations } from './support/axe'
import { chooseTheme, documentTheme, saveScreenshot } from './support/desk-glance'
import { DeskPage } from './support/desk-page'
import { launchAppForTest } from './support/harness'

const areas = ['Accounts', 'Collect', 'Snapshots', 'Compare', 'Model', 'Settings'] as const

/**
 * Known and left to the Snapshots area's owner: its "Compare with now" buttons are named "Compare 2026-Q4 with
 * now" (label in name, WCAG 2.5.3). Only that rule on only those buttons is tolerated; anything else fails.
 */
function isKnownElsewhere(violation: A11yViolation): boolean {
  return (
    violation.id === 'label-content-name-mismatch' &&
    violation.targets.every((t) => /aria-label="Compare .+ with now"/.test(t))
  )
}

async function check(page: Page): Promise<A11yViolation[]> {
  return (await axeViolations(page)).filter((v) => !isKnownElsewhere(v))
}

describe('accessibility in both themes (axe-core in Chromium)', () => {
  it('reports no WCAG A/AA violation (contrast, ARIA, names) on any area, light and dark', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const { page } = app
    const shell = new AppPage(page)
    const desk = new DeskPage(page)
    await desk.waitForOverview()
    // Snapshots make the summary strip and the trends show their full content.
    await shell.goTo('Snapshots')
    await page.getByRole('button', { name: 'Save the demo’s quarterly snapshots' }).click()
    await page.getByTestId('demo-quarters-offer').waitFor({ state: 'detached' })

    const found: Record<string, unknown> = {}
    for (const theme of ['Light', 'Dark'] as const) {
      await chooseTheme(page, theme)
      expect(await documentTheme(page)).toBe(theme.toLowerCase())
      for (const area of areas) {
        await shell.goTo(area)
        if (area === 'Accounts') await desk.waitForOverview()
        if (area === 'Compare') await page.getByRole('tab', { name: 'Trends' }).click()
        if (area === 'Compare') await page.getByTestId('domain-progress').waitFor()
        const violations = await check(page)
        if (violations.length > 0) found[`${theme} ${area}`] = violations
        await saveScreenshot(page, `a11y-${theme.toLowerCase()}-${area.toLowerCase()}`)
      }
      // Baselines (an area the shell's page object does not list yet).
      await page
        .getByRole('navigation', { name: 'Areas' })
        .getByRole('button', { name: 'Baselines', exact: true })
        .click()
      await page.getByTestId('area-baselines').waitFor()
      const baselines = await check(page)
      if (baselines.length > 0) found[`${theme} Baselines`] = baselines
      // The overview's other views and the opened regressions.
      await shell.goTo('Accounts')
      await desk.waitForOverview()
      const regressions = page.getByTestId('summary-regressions').getByRole('button')
      if ((await regressions.count()) > 0) await regressions.click()
      for (const view of ['By control', 'By owner', 'To do'] as const) {
        await page.getByRole('button', { name: view, exact: true }).click()
        const violations = await check(page)
        if (violations.length > 0) found[`${theme} ${view}`] = violations
      }
      await saveScreenshot(page, `a11y-${theme.toLowerCase()}-by-owner`)
      await page.getByRole('button', { name: 'Accounts', exact: true }).last().click()
      // The account detail, on both of its tabs.
      await shell.goTo('Accounts')
      await desk.cell('payments-prod', 'resilience').click()
      await desk.detail().waitFor()
      const detail = await check(page)
      if (detail.length > 0) found[`${theme} account`] = detail
      await page.getByRole('button', { name: 'Questionnaire', exact: true }).click()
      const questions = await check(page)
      if (questions.length > 0) found[`${theme} questionnaire`] = questions
      await saveScreenshot(page, `a11y-${theme.toLowerCase()}-questionnaire`)
      await desk.backToOverview()
    }
    expect(found).toEqual({})

    // The check can fail: a low-contrast line added to the page is reported.
    // (Styled through the CSSOM: the app's CSP refuses inline style attributes.)
    await page.evaluate(() => {
      interface El {
        textContent: string
        style: { color: string; background: string }
        prepend(child: El): void
      }
      const doc = (
        globalThis as unknown as { document: { createElement(t: string): El; querySelector(s: string): El } }
      ).document
      const faint = doc.createElement('p')
      faint.textContent = 'too faint'
      faint.style.color = '#777'
      faint.style.background = '#888'
      doc.querySelector('main').prepend(faint)
    })
    expect((await axeViolations(page)).map((v) => v.id)).toContain('color-contrast')
  })
})
