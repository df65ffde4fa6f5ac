import { describe, expect, it } from 'vitest'
import { demoQuarterDates } from '../../shared/demo/organization'
import { quarterLabel } from '../../shared/snapshot/schema'
import { DeskPage } from './support/desk-page'
import { launchAppForTest } from './support/harness'
import { SnapshotsPage } from './support/snapshots-page'

describe('snapshots, compare and trends in Chromium', () => {
  it('takes a snapshot, changes an answer, sees the level change with its reason, and charts every quarter', async () => {
    const app = await launchAppForTest({ isDemoDefault: true })
    const desk = new DeskPage(app.page)
    const snaps = new SnapshotsPage(app.page)
    await desk.demoBanner().waitFor()
    await desk.waitForOverview()

    // The demo's four quarters become snapshots, and one more freezes the state before the change.
    await snaps.saveDemoQuarters()
    expect(await snaps.rows().count()).toBe(4)
    await snaps.takeSnapshot('Before the answer', 'taken by the e2e test')
    expect(await snaps.rows().count()).toBe(5)
    expect(await snaps.row('Before the answer').textContent()).toContain('taken by the e2e test')

    // Answer a question that holds payments-prod's resilience down: the level goes up.
    await snaps.shell.goTo('Accounts')
    await desk.waitForOverview()
    await desk.cell('payments-prod', 'resilience').click()
    await desk.detail().waitFor()
    const before = await desk.domainLevel()
    await desk.answerYes(await desk.unansweredQuestion(before + 1), 'Security Lead')

    // Compare the snapshot with now: the resilience level of payments-prod went up, because of the answer.
    const comparison = await snaps.compare('Before the answer', 'Now')
    const change = comparison
      .getByTestId('level-change')
      .filter({ has: app.page.getByRole('rowheader', { name: 'payments-prod' }) })
      .filter({ hasText: 'Resilience' })
    await change.waitFor()
    expect(await change.locator('.level-move').textContent()).toMatch(
      new RegExp(`was level ${before}.*now level \\d+`),
    )
    const reason = change.locator(`[data-testid="control-change"][data-reason="attestation-added"]`)
    expect(await reason.textContent()).toContain('Attested as met by Security Lead')
    expect(await comparison.getByTestId('regressions').textContent()).toContain('No regressions')

    // The trend shows every quarter of the demo (and the extra snapshot and now), with a drawn chart.
    await snaps.openTrends()
    const quarters = demoQuarterDates(new Date()).map(quarterLabel)
    const rows = await snaps.trendRows('trend-domain-table')
    for (const quarter of quarters) expect(rows).toContain(quarter)
    expect(rows).toEqual([...quarters, 'Before the answer', 'Now'])
    const canvas = app.page.getByTestId('trend-domain-chart-iam')
    await canvas.waitFor()
    const isDrawn = await canvas.evaluate((el) => {
      // The node tsconfig has no DOM types: describe the little of a canvas this needs.
      const c = el as unknown as {
        width: number
        height: number
        getContext(
          kind: '2d',
        ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null
      }
      const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? []
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) return c.width > 0
      return false
    })
    expect(isDrawn).toBe(true)
    expect(await snaps.trendRows('trend-level-table')).toEqual(rows)
  })
})
