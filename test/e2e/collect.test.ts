import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateOrganization } from '../fake-aws/index'
import { AppPage } from './support/app-page'
import { launchAppForTest, type RunningApp, startFakeAwsForTest } from './support/harness'

/** Starts the fake with one account (report ready) and the app with a static-key profile `audit` for it. */
async function launchWithProfile(seed: number, env: Record<string, string> = {}) {
  const scenario = generateOrganization({ seed, accounts: 1 })
  const account = scenario.accounts[0]
  if (!account) throw new Error('no account')
  account.credentialReport.initialState = 'ready'
  const server = await startFakeAwsForTest({ scenario })
  const keys = server.staticCredentials(account.id)
  const app = await launchAppForTest({
    env: { ...server.env, ...env },
    prepareHome: async (home) => {
      await mkdir(join(home, '.aws'), { recursive: true })
      await writeFile(join(home, '.aws', 'config'), '[profile audit]\nregion = us-east-1\n')
      await writeFile(
        join(home, '.aws', 'credentials'),
        `[audit]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`,
      )
    },
  })
  return { account, fake: server, app, ui: new AppPage(app.page), page: app.page }
}

/** Starts collecting the `audit` profile from the Collect area, with Access Analyzer in `regions`. */
async function startProfileCollection(page: RunningApp['page'], ui: AppPage, regions = 'us-east-1') {
  await ui.goTo('Collect')
  const source = page.getByLabel('Collect from')
  await source.locator('option[value="profile:audit"]').waitFor({ state: 'attached' })
  await source.selectOption('profile:audit')
  await page.getByLabel('Access Analyzer Regions').fill(regions)
  await page.getByRole('button', { name: 'Start collecting' }).click()
}

/** Collects the `audit` profile from the Collect area and waits for the job's summary line. */
async function collectProfile(page: RunningApp['page'], ui: AppPage, summary: string): Promise<void> {
  await startProfileCollection(page, ui)
  await page.getByTestId('collect-summary').getByText(summary).waitFor()
}

/** The accessible description of every domain cell of an account's heatmap row (level and unknowns). */
async function heatmapCells(page: RunningApp['page'], accountId: string): Promise<string[]> {
  const row = page.locator(`[data-testid="heatmap-row"][data-account-id="${accountId}"]`)
  await row.waitFor()
  return row
    .locator('button.cell-button')
    .evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-label') ?? ''))
}

describe('Collect keeps the last good evidence', () => {
  it('a failed re-collection leaves the overview as the first collection showed it, and says so', async () => {
    const { account, fake: server, ui, page } = await launchWithProfile(4, { AWS_MAX_ATTEMPTS: '1' })
    await collectProfile(page, ui, '1 account: 1 ok, 0 partial, 0 failed, 0 cancelled')
    await ui.goTo('Accounts')
    const before = await heatmapCells(page, account.id)
    expect(before.length).toBeGreaterThan(0)

    // Every evidence call now fails (the identity call still answers, so the attempt reaches the account).
    for (const api of [
      'GetCredentialReport',
      'GetAccountSummary',
      'GetAccountPasswordPolicy',
      'ListRecommendations',
      'ListAnalyzers',
    ]) {
      server.scenario.faults.errorBursts.push({ api, count: 100_000, status: 503 })
    }
    await collectProfile(page, ui, '1 account: 0 ok, 1 partial, 0 failed, 0 cancelled')
    await ui.goTo('Accounts')
    expect(await heatmapCells(page, account.id)).toEqual(before)
    const banner = page.getByTestId('collection-failed')
    await banner
      .getByText(
        /Last collection failed \(.*ServiceUnavailable.*\) — showing evidence from \d{4}-\d{2}-\d{2}/,
      )
      .waitFor()
  })

  it('AccessDenied on one source shows as access denied on Collect and in the account, never ok', async () => {
    const { account, fake: server, ui, page } = await launchWithProfile(5, { AWS_MAX_ATTEMPTS: '1' })
    server.scenario.faults.accessDenied.push({ api: 'ListAnalyzers' })
    await collectProfile(page, ui, '1 account: 0 ok, 1 partial, 0 failed, 0 cancelled')
    const row = page.getByTestId(`collect-row-${account.id}`)
    expect(await row.getByTestId('cell-accessAnalyzer').getAttribute('data-state')).toBe('denied')
    expect(await row.getByTestId('cell-account').getAttribute('data-state')).toBe('partial')
    await ui.goTo('Accounts')
    await page
      .locator(`[data-testid="heatmap-row"][data-account-id="${account.id}"] .hm-account-name`)
      .click()
    await page
      .getByTestId('account-detail')
      .getByTestId('collection-failed')
      .getByText(/access denied/)
      .waitFor()
  })
})

describe('Collect', () => {
  it('collects a profile with live progress, stores the evidence, and shows the job', async () => {
    // A report that is already there: no polling waits in the browser test.
    const { account, ui, page, app: running } = await launchWithProfile(4)
    await startProfileCollection(page, ui, 'us-east-1, eu-west-1')

    const row = page.getByTestId(`collect-row-${account.id}`)
    await row.locator('[data-testid="cell-account"][data-state="done"]').waitFor()
    await page
      .getByTestId('collect-summary')
      .getByText('1 account: 1 ok, 0 partial, 0 failed, 0 cancelled')
      .waitFor()
    expect(await row.getByTestId('cell-identity').getAttribute('data-state')).toBe('done')
    expect(await row.getByTestId('cell-accessAnalyzer').getAttribute('data-state')).toMatch(
      /done|unavailable/,
    )
    await page.getByTestId('job').getByText('Collecting 1 account').waitFor()

    // The bundle was stored as it arrived: it survives a reload, and the account is on the desk.
    await running.reload()
    await ui.goTo('Accounts')
    const desk = page.locator(`[data-testid="heatmap-row"][data-account-id="${account.id}"]`)
    await desk.waitFor()
    expect(await desk.locator('.hm-account-name').textContent()).toBe('audit')
  })
})
