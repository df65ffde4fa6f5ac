import { describe, expect, it } from 'vitest'
import { demoQuarterDates } from '../../shared/demo/organization'
import { demoAccountId } from '../../shared/demo/profiles'
import { quarterLabel } from '../../shared/snapshot/schema'
import { BaselinesPage } from './support/baselines-page'
import { DeskPage } from './support/desk-page'
import { launchAppForTest } from './support/harness'
import { SnapshotsPage } from './support/snapshots-page'

describe('baselines in Chromium', () => {
  it('defines a baseline, sees breaches on the overview, raises it with a preview, and lowers it only with an approver', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const desk = new DeskPage(app.page)
    const baselines = new BaselinesPage(app.page)
    await desk.waitForOverview()

    // The demo's production and non-production baselines flag breaches on the overview.
    const summary = app.page.getByTestId('baseline-breach-summary')
    await summary.waitFor()
    expect(await summary.textContent()).toMatch(/^\d+ of 12 accounts breach their baseline: \d+ failing/)

    // Define a baseline for the accounts tagged "web" (the most specific scope: it wins over production).
    await baselines.open()
    await app.page.getByRole('button', { name: 'New baseline' }).click()
    const create = baselines.editor('New baseline')
    await baselines.fill(create, {
      id: 'web',
      name: 'Web',
      tag: 'web',
      minimums: { 'Identity & access': '1' },
      invariants: 'iam.root-mfa',
      by: 'Security Lead',
      reason: 'The web tier gets its own bar',
    })
    expect(await (await baselines.preview(create)).getByTestId('preview-change').textContent()).toBe(
      'created',
    )
    await baselines.save(create)
    await baselines.row('web').waitFor()
    expect(await baselines.row('web').textContent()).toMatch(/Web v1.*tag web.*2 held/)

    // Raise it: the preview says, before saving, which accounts would breach and why.
    const raise = await baselines.change('web', 'Web', {
      minimums: { 'Identity & access': '4' },
      by: 'Security Lead',
      reason: 'Raise IAM',
    })
    const preview = await baselines.preview(raise)
    expect(await preview.getByTestId('preview-change').textContent()).toBe('raised')
    expect(await preview.textContent()).toMatch(/iam is at level \d, under the minimum 4/)
    await baselines.save(raise)
    await baselines.row('web').getByText('Web v2').waitFor()

    // Lowering needs an approver: refused without one, saved and shown as a lowering with one.
    const lower = await baselines.change('web', 'Web', {
      minimums: { 'Identity & access': '2' },
      by: 'Security Lead',
      reason: 'Too far, too fast',
    })
    expect(await (await baselines.preview(lower)).getByTestId('preview-change').textContent()).toBe('lowered')
    await baselines.save(lower)
    await app.page.getByTestId('status-area').getByText('needs an approver').waitFor()
    await baselines.fill(lower, { approver: 'CISO' })
    await baselines.preview(lower)
    await baselines.save(lower)
    await baselines.row('web').getByText('Web v3 (lowered)').waitFor()

    // The overview still lists the breaches, now with the web accounts held by Web.
    await new SnapshotsPage(app.page).shell.goTo('Accounts')
    await app.page.getByTestId('baseline-breaches').getByText('Show the breaches').click()
    expect(await app.page.getByTestId('baseline-breaches').textContent()).toContain(
      'held by Web v3 (lowered)',
    )
  })

  it('shows in Compare how the bar moved between two snapshots, and exports the plan as Markdown', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const desk = new DeskPage(app.page)
    const snaps = new SnapshotsPage(app.page)
    await desk.waitForOverview()
    await snaps.saveDemoQuarters()
    const [, q2, q3] = demoQuarterDates(new Date()).map(quarterLabel)
    const comparison = await snaps.compare(q2 ?? '', q3 ?? '')
    const shifts = comparison.getByTestId('baseline-shifts')
    await shifts.waitFor()
    expect(await shifts.textContent()).toMatch(
      new RegExp(
        `The bar went from 1 to 2 in production \\+ shared \\(iam, governance\\).*between ${q2} and ${q3}; \\d+ accounts? met it, \\d+ did not\\.`,
      ),
    )

    const baselines = new BaselinesPage(app.page)
    await baselines.open()
    await app.page.getByLabel('Plan scope').selectOption({ label: 'Production' })
    const download = app.page.waitForEvent('download')
    await app.page.getByRole('button', { name: 'Export plan (Markdown)' }).click()
    expect((await download).suggestedFilename()).toBe('ratchet-plan-demo-production.md')
    const markdown = (await app.page.getByTestId('plan-markdown').textContent()) ?? ''
    expect(markdown).toMatch(/^# Plan for Production\n/)
    expect(markdown).toContain('## First 30 days')
    expect(markdown).toMatch(/### (Identity|Network|Application|Foundation)/)
    expect(markdown).toContain('- [ ] ')

    // Account details in bulk from a CSV file: the owner changes, the account then shows who holds it.
    const csv = `id,owner,tags\n${demoAccountId(0)},Card Platform,web\n`
    await app.page
      .locator('#account-details-import')
      .setInputFiles({ name: 'cmdb.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await app.page
      .getByTestId('status-area')
      .getByText('Account details from cmdb.csv: 1 account(s) updated')
      .waitFor()
  })
})
