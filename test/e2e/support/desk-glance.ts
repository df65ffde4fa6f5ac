import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { AppPage } from './app-page'

/** Where the e2e tests leave their screenshots (git-ignored test artifacts). */
export const artifactsDir = resolve(import.meta.dirname, '../../../test-results/e2e')

/** Saves a full-window screenshot as a test artifact and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true })
  const path = join(artifactsDir, `${name}.png`)
  await page.screenshot({ path })
  return path
}

/** Picks a theme in Settings → Appearance, as a person would. */
export async function chooseTheme(page: Page, theme: 'Same as the system' | 'Light' | 'Dark'): Promise<void> {
  await new AppPage(page).goTo('Settings')
  await page.getByTestId('theme-panel').getByRole('radio', { name: theme }).check()
}

/** The theme in force on the document (<html data-theme>). */
export function documentTheme(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { dataset: { theme?: string } } } }).document
        .documentElement.dataset.theme,
  )
}
