import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppPage } from './support/app-page'
import { launchAppForTest } from './support/harness'

async function withProfiles(home: string): Promise<void> {
  await mkdir(join(home, '.aws'), { recursive: true })
  await writeFile(join(home, '.aws', 'config'), '[profile audit]\nsso_session = corp\nregion = eu-west-1\n')
}

describe('the app shell in Chromium', () => {
  it('visits every area', async () => {
    const app = await launchAppForTest({ prepareHome: withProfiles })
    const ui = new AppPage(app.page)
    for (const area of ['Accounts', 'Collect', 'Snapshots', 'Compare', 'Model', 'Settings'] as const) {
      await ui.goTo(area)
      await expect(
        ui.page.getByRole('button', { name: area, exact: true }).getAttribute('aria-current'),
      ).resolves.toBe('page')
    }
  })

  it('reaches a main-side handler through the bridge', async () => {
    const app = await launchAppForTest({ prepareHome: withProfiles })
    const ui = new AppPage(app.page)
    await ui.goTo('Settings')
    const table = ui.page.getByRole('table', { name: 'AWS profiles' })
    await table.getByRole('cell', { name: 'audit' }).waitFor()
    expect(await table.getByRole('row').count()).toBe(2)
    await expect(ui.page.getByTestId('config-file').textContent()).resolves.toContain(
      join(app.home, '.aws', 'config'),
    )
  })

  it('refuses a request the contract does not allow (a path), changing nothing on screen', async () => {
    const app = await launchAppForTest({ prepareHome: withProfiles })
    const ui = new AppPage(app.page)
    await ui.goTo('Settings')
    await ui.page.getByRole('cell', { name: 'audit' }).waitFor()
    // The AWS files come from the environment only: a renderer that names one is refused by the contract.
    const envelope = await app.page.evaluate(() =>
      (
        globalThis as unknown as { api: { aws: { listProfiles(r: unknown): Promise<unknown> } } }
      ).api.aws.listProfiles({ configFile: '/etc/passwd' }),
    )
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(JSON.stringify(envelope)).toContain('configFile')
    await ui.page.getByRole('button', { name: 'Reload profiles' }).click()
    await ui.page.getByRole('cell', { name: 'audit' }).waitFor()
    expect(await ui.page.getByRole('table', { name: 'AWS profiles' }).getByRole('row').count()).toBe(2)
  })

  it('answers a raw bridge call with a typed error object, not a stack trace', async () => {
    const app = await launchAppForTest()
    const envelope = await app.page.evaluate(() =>
      (
        globalThis as unknown as { api: { app: { openExternal(r: unknown): Promise<unknown> } } }
      ).api.app.openExternal({
        url: 'javascript:alert(1)',
      }),
    )
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(app.openedUrls).toEqual([])
  })
})
