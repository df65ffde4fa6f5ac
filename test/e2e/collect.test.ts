import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type FakeAws, generateOrganization, startFakeAws } from '../fake-aws/index'
import { AppPage } from './support/app-page'
import { launchApp, type RunningApp } from './support/harness'

let app: RunningApp | undefined
let fake: FakeAws | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
  await fake?.close()
  fake = undefined
})

describe('Collect', () => {
  it('collects a profile with live progress, stores the evidence, and shows the job', async () => {
    const scenario = generateOrganization({ seed: 4, accounts: 1 })
    const account = scenario.accounts[0]
    if (!account) throw new Error('no account')
    // A report that is already there: no polling waits in the browser test.
    account.credentialReport.initialState = 'ready'
    fake = await startFakeAws({ scenario })
    const keys = fake.staticCredentials(account.id)
    app = await launchApp({
      env: fake.env,
      prepareHome: async (home) => {
        await mkdir(join(home, '.aws'), { recursive: true })
        await writeFile(join(home, '.aws', 'config'), '[profile audit]\nregion = us-east-1\n')
        await writeFile(
          join(home, '.aws', 'credentials'),
          `[audit]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`,
        )
      },
    })
    const ui = new AppPage(app.page)
    const page = app.page
    await ui.goTo('Collect')
    const source = page.getByLabel('Collect from')
    await source.locator('option[value="profile:audit"]').waitFor({ state: 'attached' })
    await source.selectOption('profile:audit')
    await page.getByLabel('Access Analyzer Regions').fill('us-east-1, eu-west-1')
    await page.getByRole('button', { name: 'Start collecting' }).click()

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
    await app.reload()
    await ui.goTo('Accounts')
    const desk = page.locator(`[data-testid="heatmap-row"][data-account-id="${account.id}"]`)
    await desk.waitFor()
    expect(await desk.locator('.hm-account-name').textContent()).toBe('audit')
  })
})
