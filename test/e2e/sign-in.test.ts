import { describe, expect, it } from 'vitest'
import { type FakeAws, parseScenario } from '../fake-aws/index'
import { orgScenario, writeSsoConfig } from '../integration/aws-support'
import { AppPage } from './support/app-page'
import { launchAppForTest, type RunningApp, startFakeAwsForTest } from './support/harness'

let app: RunningApp | undefined
let fake: FakeAws | undefined

const withSsoSession = (home: string) => writeSsoConfig(home, { region: 'eu-west-1' })

async function start(deviceFlow: Parameters<typeof orgScenario>[0]): Promise<AppPage> {
  fake = await startFakeAwsForTest({ scenario: parseScenario(orgScenario(deviceFlow)) })
  app = await launchAppForTest({ env: fake.env, prepareHome: withSsoSession })
  const ui = new AppPage(app.page)
  await ui.goTo('Settings')
  return ui
}

describe('Settings → AWS: sign in and discover accounts', () => {
  it('signs in with the device flow, then lists, filters and keeps the account choices', async () => {
    const ui = await start({ outcome: 'approve', pendingPolls: 1, intervalSeconds: 1, userName: 'lead' })
    const page = ui.page
    const session = page.getByTestId('session-corp')
    await session.getByText('not signed in').waitFor()

    await page.getByRole('button', { name: 'Sign in to corp' }).click()
    const code = page.getByTestId('user-code')
    await code.waitFor()
    expect(await code.textContent()).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/)
    expect(app?.openedUrls[0]).toContain('https://fake-org.awsapps.com/device?user_code=')

    // Approved in the (fake) browser: the token is written and the accounts are listed.
    const table = page.getByRole('table', { name: 'Discovered accounts' })
    await table.getByTestId('target-111111111111').waitFor()
    await session.getByText(/valid until/).waitFor()
    expect(await table.locator('tbody tr').count()).toBe(3)
    await expect(page.getByLabel('Role for Production').inputValue()).resolves.toBe('SecurityAudit')
    await expect(page.getByLabel('Role for Development').inputValue()).resolves.toBe('ReadOnlyAccess')

    // Role choice and include/exclude, with the keyboard where it matters.
    await page.getByLabel('Role for Production').selectOption('ReadOnlyAccess')
    await page.getByLabel('Include Billing').focus()
    await page.keyboard.press('Space')
    await page.getByTestId('targets-summary').getByText('2 of 3 accounts included.').waitFor()

    await page.getByLabel('Search accounts').fill('dev')
    await table.getByTestId('target-111111111111').waitFor({ state: 'detached' })
    expect(await table.locator('tbody tr').count()).toBe(1)

    // The choices survive a restart (IndexedDB).
    await app?.reload()
    await ui.goTo('Settings')
    await page.getByTestId('targets-summary').getByText('2 of 3 accounts included.').waitFor()
    await expect(page.getByLabel('Role for Production').inputValue()).resolves.toBe('ReadOnlyAccess')
    await expect(page.getByLabel('Include Billing').isChecked()).resolves.toBe(false)
    expect(fake?.counts.total({ api: 'CreateToken' })).toBe(2)
  })

  it('offers to sign in again when the session is revoked, and then finds the accounts', async () => {
    fake = await startFakeAwsForTest({
      scenario: parseScenario(orgScenario({ pendingPolls: 0, intervalSeconds: 1, userName: 'lead' })),
    })
    const running = fake
    app = await launchAppForTest({
      env: running.env,
      prepareHome: async (home) => {
        await withSsoSession(home)
        await running.writeSsoLogin(home, { session: 'corp', userName: 'lead' })
      },
    })
    const ui = new AppPage(app.page)
    await ui.goTo('Settings')
    const page = ui.page
    await page
      .getByTestId('session-corp')
      .getByText(/valid until/)
      .waitFor()
    running.revokeSsoTokens()
    await page.getByRole('button', { name: 'Find accounts in corp' }).click()
    const offer = page.getByTestId('sign-in-needed')
    await offer.waitFor()
    expect(await ui.errorNotice().textContent()).toContain('sso-token-expired')
    await offer.getByRole('button', { name: 'Sign in again' }).click()
    await page
      .getByRole('table', { name: 'Discovered accounts' })
      .getByTestId('target-222222222222')
      .waitFor()
    await offer.waitFor({ state: 'detached' })
  })

  it('lets the user cancel a sign-in, without an error', async () => {
    const ui = await start({ outcome: 'approve', pendingPolls: 1000, intervalSeconds: 1, userName: 'lead' })
    const page = ui.page
    await page.getByRole('button', { name: 'Sign in to corp' }).click()
    await page.getByTestId('user-code').waitFor()
    await page.getByRole('button', { name: 'Cancel sign-in' }).click()
    await page.getByTestId('sign-in-panel').waitFor({ state: 'detached' })
    await page.getByTestId('session-corp').getByText('not signed in').waitFor()
    expect(await ui.errorNotice().count()).toBe(0)
  })

  it('shows the denied sign-in as an error with what to do next', async () => {
    const ui = await start({ outcome: 'deny', pendingPolls: 0, intervalSeconds: 1, userName: 'lead' })
    await ui.page.getByRole('button', { name: 'Sign in to corp' }).click()
    const alert = ui.errorNotice()
    await alert.waitFor()
    expect(await alert.textContent()).toContain('denied in the browser')
    expect(
      await ui.page.getByRole('table', { name: 'Discovered accounts' }).locator('tbody tr').count(),
    ).toBe(0)
  })
})
