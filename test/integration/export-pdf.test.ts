import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderExport } from '../../shared/report/render'
import type { Snapshot } from '../../shared/snapshot/schema'
import {
  chromiumArgsFor,
  chromiumExecutable,
  createChromiumPdfPrinter,
} from '../../src-main/export/chromium-pdf'
import { exportSnapshot } from '../../src-main/export/write'
import { chromiumArgs } from '../e2e/support/harness'
import { buildFixtureSnapshots, FIXTURE_NOW } from '../fixtures/snapshots/build'
import { findLeaks, sensitiveValues } from '../fixtures/snapshots/sensitive'

const run = promisify(execFile)
let current: Snapshot
let previous: Snapshot
let folder: string
let browser: Browser

beforeAll(async () => {
  ;({ current, previous } = buildFixtureSnapshots())
  folder = await mkdtemp(join(tmpdir(), 'ratchet-export-'))
  browser = await chromium.launch({
    executablePath: chromiumExecutable(process.env),
    args: chromiumArgsFor(process.env),
  })
})
afterAll(async () => {
  await browser?.close()
  await rm(folder, { recursive: true, force: true })
})

/** The PDF's text, one entry per page (pdftotext separates pages with a form feed). */
async function pdfPages(path: string): Promise<{ pages: string[]; count: number }> {
  const { stdout: text } = await run('pdftotext', ['-layout', path, '-'])
  const { stdout: info } = await run('pdfinfo', [path])
  const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
  return { pages: text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== ''), count }
}

const mean = (levels: number[]) => (levels.reduce((s, l) => s + l, 0) / levels.length).toFixed(1)

describe('the PDF', () => {
  it('prints the report with the executive page, a page per account and the appendix', async () => {
    const ids = current.scorecard.accounts.slice(0, 3).map((a) => a.accountId)
    const path = join(folder, 'three.pdf')
    const options = {
      format: 'pdf' as const,
      scope: { kind: 'accounts' as const, accountIds: ids },
      isRedacted: false,
      now: FIXTURE_NOW,
      previous,
    }
    const result = await exportSnapshot(current, options, path, () => createChromiumPdfPrinter(process.env))
    expect((await readFile(path)).subarray(0, 5).toString()).toBe('%PDF-')
    const { pages, count } = await pdfPages(path)
    expect(pages).toHaveLength(count)
    // Each section starts on a new page with the cover line: executive + 3 accounts + appendix.
    const sectionStarts = pages.filter((p) => p.trimStart().startsWith('Ratchet scorecard'))
    expect(sectionStarts).toHaveLength(ids.length + 2)
    expect(count).toBeGreaterThanOrEqual(ids.length + 2)
    const text = pages.join('\n')
    expect(sectionStarts[0]).toContain('Executive summary')
    expect(sectionStarts[0]).toContain('Organization maturity by domain')
    for (const [i, account] of result.rendered.report.accounts.entries()) {
      expect(sectionStarts[i + 1]).toContain(account.name)
      expect(sectionStarts[i + 1]).toContain(account.accountId)
    }
    expect(sectionStarts.at(-1)).toContain('Appendix')
    expect(text).toContain(current.scorecard.modelVersion)
    expect(text).toContain('Unverified controls')
    expect(text).toContain(`Trend`)
  })

  it('leaves no account id, ARN or user name in a redacted PDF', async () => {
    const path = join(folder, 'redacted.pdf')
    await exportSnapshot(
      current,
      { format: 'pdf', scope: { kind: 'org' }, isRedacted: true, now: FIXTURE_NOW, previous },
      path,
      () => createChromiumPdfPrinter(process.env),
    )
    const { pages } = await pdfPages(path)
    const text = pages.join('\n')
    const values = sensitiveValues(current)
    expect(findLeaks(text, [...values.accountIds, ...values.arns, ...values.userNames])).toEqual([])
    expect(text).toContain('account-1')
    expect(text).toContain('Redacted')
  })

  it('uses the same Chromium flags as the e2e harness', () => {
    expect(chromiumArgsFor(process.env)).toEqual(chromiumArgs)
  })
})

describe('the standalone HTML file', () => {
  it('opens with the network off, asks for nothing but itself, and shows the scorecard’s numbers', async () => {
    const { text } = renderExport(current, {
      format: 'html',
      scope: { kind: 'org' },
      isRedacted: false,
      now: FIXTURE_NOW,
      previous,
    })
    const path = join(folder, 'report.html')
    await writeFile(path, text)
    const context = await browser.newContext({ offline: true })
    const requests: string[] = []
    context.on('request', (request) => requests.push(request.url()))
    const page = await context.newPage()
    try {
      await page.goto(pathToFileURL(path).href, { waitUntil: 'load' })
      expect(requests).toEqual([pathToFileURL(path).href])
      await expect(page.title()).resolves.toBe(`Ratchet scorecard: ${current.label}`)
      // The SVG charts are inline and drawn.
      expect(await page.locator('svg.chart').count()).toBe(current.scorecard.accounts.length + 1)
      const domainRows = await page
        .getByTestId('domain-table')
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => ({
            domainId: r.getAttribute('data-domain') ?? '',
            cells: [...r.querySelectorAll('td')].map((td) => td.textContent ?? ''),
          })),
        )
      for (const row of domainRows) {
        const levels = current.scorecard.accounts.flatMap((a) =>
          a.domains.filter((d) => d.domainId === row.domainId).map((d) => d.level),
        )
        expect(row.cells[1]).toBe(mean(levels))
        const distribution =
          current.scorecard.distribution[row.domainId as keyof typeof current.scorecard.distribution]
        expect(row.cells.slice(3, 9).map(Number)).toEqual(distribution)
      }
      const accounts = await page.getByTestId('account-page').evaluateAll((sections) =>
        sections.map((s) => ({
          accountId: s.getAttribute('data-account-id'),
          level: s.querySelector('.kpi b')?.textContent,
          domains: [...s.querySelectorAll('[data-testid="account-domains"] tbody tr')].map((r) => ({
            domainId: r.getAttribute('data-domain'),
            level: r.querySelectorAll('td')[1]?.textContent,
          })),
        })),
      )
      expect(accounts.map((a) => a.accountId)).toEqual(current.scorecard.accounts.map((a) => a.accountId))
      for (const card of current.scorecard.accounts) {
        const shown = accounts.find((a) => a.accountId === card.accountId)
        expect(shown?.level).toBe(`L${card.level}`)
        for (const domain of card.domains) {
          expect(shown?.domains.find((d) => d.domainId === domain.domainId)?.level).toBe(`L${domain.level}`)
        }
      }
    } finally {
      await context.close()
    }
  })
})
