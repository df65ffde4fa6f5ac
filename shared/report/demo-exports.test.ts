import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { DEMO_TEST_NOW, demoWithSnapshots } from '../demo/test-support'
import { toMarkdown, toTable } from '../scoring/format'
import type { ControlResult } from '../scoring/types'
import {
  unknownReasonLabel,
  unknownReasonMarker,
  unknownReasons,
  unknownReasonText,
} from '../scoring/unknown-reasons'
import { parseSnapshotFile } from '../snapshot/schema'
import { type ExportOptions, renderExport } from './render'
import { escapeHtml } from './text'

const now = DEMO_TEST_NOW
const { snapshots } = demoWithSnapshots(now)
const latest = snapshots[3]
if (!latest) throw new Error('the demo has four quarters')
const render = (format: ExportOptions['format'], detail: ExportOptions['detail'] = 'failing') =>
  renderExport(latest, { format, scope: { kind: 'org' }, isRedacted: false, now, detail }).text

describe("the demo organization's exports", () => {
  const controls: ControlResult[] = latest.scorecard.accounts.flatMap((a) =>
    a.domains.flatMap((d) => d.controls),
  )

  it('scores every unknown category and both headline levels in the latest quarter', () => {
    const reasons = new Set(controls.map((c) => c.unknownReason))
    for (const reason of unknownReasons) expect(reasons.has(reason), reason).toBe(true)
    const cards = latest.scorecard.accounts
    expect(cards.some((a) => a.grade === 'unassessed')).toBe(true)
    expect(cards.some((a) => a.domains.some((d) => d.evidenceLevel === null))).toBe(true)
    expect(cards.some((a) => a.domains.some((d) => typeof d.evidenceLevel === 'number'))).toBe(true)
  })

  it('gives each category its own marker', () => {
    expect(new Set(Object.values(unknownReasonMarker)).size).toBe(unknownReasons.length)
  })

  it.each([
    ['html', 'failing'],
    ['html', 'everything'],
    ['md', 'failing'],
    ['md', 'everything'],
  ] as const)('%s (%s detail) shows both headline levels and every category, marked', (format, detail) => {
    const text = render(format, detail)
    const words = (s: string) => (format === 'html' ? escapeHtml(s) : s)
    expect(text).toContain('Evidence-verified')
    expect(text).toContain('no automated evidence')
    expect(text).toContain('unassessed')
    for (const reason of unknownReasons)
      expect(text, reason).toContain(words(`${unknownReasonMarker[reason]} `))
    if (detail === 'everything') {
      for (const reason of unknownReasons) expect(text, reason).toContain(words(unknownReasonLabel(reason)))
      if (format === 'html')
        for (const reason of unknownReasons) expect(text).toContain(`data-unknown-reason="${reason}"`)
    }
  })

  it('counts the unassessed account at no level, and the evidence-verified level in its own row', () => {
    const { report, text } = renderExport(latest, {
      format: 'md',
      scope: { kind: 'org' },
      isRedacted: false,
      now,
    })
    const [assessed, verified] = report.executive.headline
    const sum = (counts: number[] = []) => counts.reduce((a, b) => a + b, 0)
    expect(report.executive.unassessedCount).toBe(1)
    expect(sum(assessed?.counts)).toBe(latest.scorecard.accounts.length - 1)
    expect(verified?.title).toBe('Evidence-verified level')
    const withEvidence = latest.scorecard.accounts.filter((a) => typeof a.evidenceLevel === 'number')
    expect(sum(verified?.counts)).toBe(withEvidence.length)
    expect(text).toContain('12 accounts · 1 unassessed · ')
    expect(text).toMatch(/\| Evidence-verified level \| \d+ \|/)
  })

  it('writes "–", never "no automated evidence", for a snapshot made before the evidence-verified level', () => {
    const card = latest.scorecard.accounts[0]
    if (!card) throw new Error('the demo has accounts')
    const { evidenceLevel: _, ...oldCard } = card
    const old = {
      ...latest,
      scorecard: {
        ...latest.scorecard,
        accounts: [{ ...oldCard, domains: oldCard.domains.map(({ evidenceLevel: __, ...d }) => d) }],
      },
    }
    const options = { scope: { kind: 'org' as const }, isRedacted: false, now, detail: 'everything' as const }
    const md = renderExport(old, { ...options, format: 'md' }).text
    expect(md).not.toContain('no automated evidence')
    expect(md).toContain('evidence-verified **–**')
    const csv = parse(renderExport(old, { ...options, format: 'csv' }).text, { columns: true }) as Array<
      Record<string, string>
    >
    expect(csv.every((r) => r.account_evidence_level === '–' && r.domain_evidence_level === '–')).toBe(true)
  })

  it('names the unassessed account as such, never with a level of 0', () => {
    const md = render('md', 'everything')
    const line = md.split('\n').find((l) => l.startsWith('| legacy-erp |'))
    expect(line).toMatch(/^\| legacy-erp \| unassessed \| L0 \|/)
    expect(md).toMatch(/## legacy-erp \(\d{12}\)\n\nLevel \*\*unassessed\*\*/)
    const html = render('html')
    expect(html).toContain('<i class="unassessed">unassessed</i>')
  })

  it("marks the categories and the unassessed account in the CLI's table and Markdown too", () => {
    const missed = latest.accounts.find((a) => a.name === 'legacy-erp')?.id ?? ''
    const row = toTable(latest.scorecard)
      .split('\n')
      .find((l) => l.startsWith(missed))
    expect(row?.split(/\s+/).slice(1, 4)).toEqual(['–', '0', 'unassessed'])
    const md = toMarkdown(latest.scorecard, latest.model)
    expect(md).toContain(`## Account ${missed}: level unassessed`)
    for (const reason of unknownReasons)
      expect(md, reason).toContain(`unknown (${unknownReasonLabel(reason)})`)
  })

  it('writes both headline levels and every category into the CSV', () => {
    const rows = parse(render('csv'), { columns: true }) as Array<Record<string, string>>
    expect(new Set(rows.map((r) => r.unknown_reason))).toEqual(new Set(['', ...unknownReasons]))
    expect(rows.some((r) => r.account_grade === 'unassessed' && r.account_level === 'unassessed')).toBe(true)
    expect(rows.some((r) => r.domain_evidence_level === 'no automated evidence')).toBe(true)
    expect(rows.some((r) => /^L\d$/.test(r.account_evidence_level ?? ''))).toBe(true)
    expect(rows.every((r) => r.status !== 'unverified' || r.unknown_reason !== '')).toBe(true)
  })

  it('keeps both headline levels and every category in the JSON, which imports again unchanged', () => {
    const parsed = parseSnapshotFile(render('json'), 'demo.json')
    expect(parsed).toEqual(latest)
    const cards = parsed.scorecard.accounts
    const reasons = new Set(
      cards.flatMap((a) => a.domains.flatMap((d) => d.controls.map((c) => c.unknownReason))),
    )
    for (const reason of unknownReasons) expect(reasons.has(reason), unknownReasonText[reason]).toBe(true)
    expect(cards.map((a) => a.grade)).toContain('unassessed')
    expect(cards.every((a) => a.evidenceLevel !== undefined)).toBe(true)
  })
})
