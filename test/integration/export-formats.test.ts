import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { defaultModel } from '../../shared/model/default-model'
import { buildReport } from '../../shared/report/build'
import { controlInfoFromModel } from '../../shared/report/control-info'
import { csvColumns, csvField } from '../../shared/report/csv'
import { renderExport } from '../../shared/report/render'
import type { ReportFormat } from '../../shared/report/types'
import { parseSnapshotFile, type Snapshot } from '../../shared/snapshot/schema'
import { buildFixtureSnapshots, FIXTURE_NOW } from '../fixtures/snapshots/build'
import { findLeaks, sensitiveValues } from '../fixtures/snapshots/sensitive'

let current: Snapshot
let previous: Snapshot
beforeAll(() => {
  ;({ current, previous } = buildFixtureSnapshots())
})

const textFormats: ReportFormat[] = ['html', 'csv', 'md', 'json']
const now = FIXTURE_NOW

describe('the report model', () => {
  it('gives each account its scorecard levels and the organization the means of them', () => {
    const report = buildReport(current, { scope: { kind: 'org' }, now, previous })
    expect(report.accounts.map((a) => a.accountId)).toEqual(
      current.scorecard.accounts.map((a) => a.accountId),
    )
    for (const card of current.scorecard.accounts) {
      const page = report.accounts.find((a) => a.accountId === card.accountId)
      expect(page?.level).toBe(card.level)
      expect(page?.grade).toBe(card.grade)
      for (const domain of card.domains) {
        expect(page?.domains.find((d) => d.domainId === domain.domainId)?.level).toBe(domain.level)
      }
      const fails = card.domains.flatMap((d) => d.controls).filter((c) => c.status === 'fail')
      const unknowns = card.domains.flatMap((d) => d.controls).filter((c) => c.status === 'unknown')
      expect(page?.failing.map((c) => c.controlId).sort()).toEqual(fails.map((c) => c.controlId).sort())
      expect(page?.unverified.map((c) => c.controlId).sort()).toEqual(unknowns.map((c) => c.controlId).sort())
    }
    for (const domain of report.executive.domains) {
      expect(domain.distribution).toEqual(current.scorecard.distribution[domain.domainId])
      const levels = current.scorecard.accounts.flatMap((a) =>
        a.domains.filter((d) => d.domainId === domain.domainId).map((d) => d.level),
      )
      expect(domain.averageLevel).toBeCloseTo(levels.reduce((s: number, l) => s + l, 0) / levels.length, 1)
    }
  })

  it('measures the trend against last quarter and lists the regressions it finds', () => {
    const report = buildReport(current, { scope: { kind: 'org' }, now, previous })
    expect(report.executive.trend).toEqual({
      label: previous.label,
      createdAt: previous.createdAt,
      isRescored: false,
    })
    for (const r of report.executive.regressions) {
      const before = previous.scorecard.accounts.find((a) => a.accountId === r.accountId)
      const after = current.scorecard.accounts.find((a) => a.accountId === r.accountId)
      expect(before?.domains.find((d) => d.domainId === r.domainId)?.level).toBe(r.from)
      expect(after?.domains.find((d) => d.domainId === r.domainId)?.level).toBe(r.to)
      expect(r.to < r.from || r.newlyFailing.length > 0).toBe(true)
    }
    // The demo has accounts that slipped between these quarters.
    expect(report.executive.regressions.length).toBeGreaterThan(0)
    const without = buildReport(current, { scope: { kind: 'org' }, now })
    expect(without.executive.trend).toBeUndefined()
    expect(without.executive.domains.every((d) => d.delta === undefined)).toBe(true)
  })

  it('re-scores last quarter under this snapshot’s model, so a model change is not reported as a trend', () => {
    const strict = structuredClone(defaultModel)
    const param = strict.params['access-key-max-age-days']
    if (!param) throw new Error('the default model has access-key-max-age-days')
    param.default = param.min
    const underOldModel = buildFixtureSnapshots(strict).previous
    expect(underOldModel.modelVersion).not.toBe(current.modelVersion)
    const rescored = buildReport(current, { scope: { kind: 'org' }, now, previous: underOldModel })
    const sameModel = buildReport(current, { scope: { kind: 'org' }, now, previous })
    expect(rescored.executive.trend?.isRescored).toBe(true)
    // Last quarter under this quarter's model gives the same trend as a snapshot taken under it.
    expect(rescored.executive.domains.map((d) => d.previousAverage)).toEqual(
      sameModel.executive.domains.map((d) => d.previousAverage),
    )
    expect(rescored.accounts.map((a) => a.domains.map((d) => d.previousLevel))).toEqual(
      sameModel.accounts.map((a) => a.domains.map((d) => d.previousLevel)),
    )
    expect(
      renderExport(current, {
        format: 'html',
        scope: { kind: 'org' },
        isRedacted: false,
        now,
        previous: underOldModel,
      }).text,
    ).toContain('re-scored under this snapshot')
  })

  it('lists the target breaches, the top risks and the gaps in collection', () => {
    const report = buildReport(current, { scope: { kind: 'org' }, now, previous })
    const expected = current.scorecard.accounts.filter((a) =>
      a.domains.some((d) => d.target !== undefined && d.level < d.target),
    )
    expect(report.executive.belowTarget.map((b) => b.accountId)).toEqual(expected.map((a) => a.accountId))
    // The top three risks are real findings (with resources), the most basic controls first.
    expect(report.executive.risks).toHaveLength(3)
    expect(report.executive.risks.every((r) => r.resourceCount > 0 && r.resources.length > 0)).toBe(true)
    const levels = report.executive.risks.map((r) => r.level)
    expect(levels).toEqual([...levels].sort((a, b) => a - b))
    expect(report.executive.breaches.length).toBe(
      report.executive.belowTarget.reduce((n, b) => n + b.domains.length, 0),
    )
    const failing = current.evidence.filter(
      (b) => b.credentialReport.status.state !== 'ok' || b.trustedAdvisor.status.state !== 'ok',
    )
    expect(report.appendix.gaps.length).toBeGreaterThanOrEqual(failing.length)
    expect(report.appendix.modelVersion).toBe(current.scorecard.modelVersion)
  })

  it('builds one account (an owner’s own scorecard) and rejects an account not in the snapshot', () => {
    const one = current.scorecard.accounts[2]?.accountId ?? ''
    const report = buildReport(current, { scope: { kind: 'accounts', accountIds: [one] }, now })
    expect(report.accounts.map((a) => a.accountId)).toEqual([one])
    expect(report.executive.accountCount).toBe(1)
    expect(() =>
      buildReport(current, { scope: { kind: 'accounts', accountIds: ['999999999999'] }, now }),
    ).toThrow('has no scorecard for 999999999999')
    expect(() => buildReport(current, { scope: { kind: 'accounts', accountIds: [] }, now })).toThrow(
      'The selection has no accounts.',
    )
  })
})

describe('the formats', () => {
  it('calls unknown controls unverified, never failed, in the HTML and the Markdown', () => {
    for (const format of ['html', 'md'] as const) {
      const { text, report } = renderExport(current, {
        format,
        scope: { kind: 'org' },
        isRedacted: false,
        now,
        detail: 'everything',
      })
      const unverified = report.accounts.flatMap((a) => a.unverified)
      expect(unverified.length).toBeGreaterThan(0)
      for (const account of report.accounts) {
        if (account.unverified.length === 0) continue
        const n = account.unverified.length
        const heading = format === 'html' ? `data-account-id="${account.accountId}"` : `## ${account.name} (`
        const marker = format === 'html' ? `${n} unverified control` : `### Unverified controls (${n})`
        const start = text.indexOf(marker, text.indexOf(heading))
        expect(start, account.name).toBeGreaterThan(0)
        const section = text.slice(start, text.indexOf(format === 'html' ? '</table>' : '\n###', start))
        expect(section.toLowerCase()).not.toMatch(/\bfail(ed|s|ing)?\b/)
        for (const c of account.unverified)
          expect(section).toContain(c.title.replace(/&/g, format === 'html' ? '&amp;' : '&'))
      }
    }
  })

  it('writes CSV that a parser reads back: one row per account × control, quoting intact', () => {
    const { text } = renderExport(current, { format: 'csv', scope: { kind: 'org' }, isRedacted: false, now })
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>
    const controls = current.scorecard.accounts.flatMap((a) =>
      a.domains.flatMap((d) => d.controls.map((c) => ({ a, d, c }))),
    )
    expect(rows).toHaveLength(controls.length)
    expect(Object.keys(rows[0] ?? {})).toEqual([...csvColumns])
    const info = controlInfoFromModel(current.model)
    for (const { a, d, c } of controls) {
      const row = rows.find((r) => r.account_id === a.accountId && r.control_id === c.controlId)
      expect(row?.domain_level).toBe(String(d.level))
      expect(row?.status).toBe(
        c.status === 'unknown' ? 'unverified' : c.status === 'exempt' ? 'waived' : c.status.replace('-', ' '),
      )
      expect(row?.reason).toBe(c.reason)
      expect(row?.control_title).toBe(info(c.controlId)?.title)
      expect(row?.snapshot).toBe(current.label)
    }
    expect(text.endsWith('\r\n')).toBe(true)
    // Written again from the parsed rows, it is the same text, byte for byte.
    const again = [csvColumns.join(','), ...rows.map((r) => csvColumns.map((c) => csvField(r[c])).join(','))]
    expect(`${again.join('\r\n')}\r\n`).toBe(text)
    expect(rows.some((r) => /[",\n]/.test(r.reason ?? '') || /[",]/.test(r.snapshot ?? ''))).toBe(true)
  })

  it('writes JSON that imports again as the same snapshot, within the scope', () => {
    const { text } = renderExport(current, { format: 'json', scope: { kind: 'org' }, isRedacted: false, now })
    expect(parseSnapshotFile(text, 'export.json')).toEqual(current)
    const ids = current.scorecard.accounts.slice(0, 2).map((a) => a.accountId)
    const scoped = parseSnapshotFile(
      renderExport(current, {
        format: 'json',
        scope: { kind: 'accounts', accountIds: ids },
        isRedacted: false,
        now,
      }).text,
      'scoped.json',
    )
    expect(scoped.scorecard.accounts.map((a) => a.accountId)).toEqual(ids)
    expect(scoped.evidence.every((b) => ids.includes(b.accountId))).toBe(true)
    expect(scoped.accounts.map((a) => a.id)).toEqual(ids)
  })

  it('names files from the pattern with the label and the date', () => {
    const base = { scope: { kind: 'org' as const }, isRedacted: false, now }
    expect(renderExport(current, { ...base, format: 'csv' }).fileName).toBe(
      `ratchet-${current.label.toLowerCase()}-${current.createdAt.slice(0, 10)}.csv`,
    )
    const one = current.accounts[0]
    const named = renderExport(current, {
      ...base,
      format: 'md',
      scope: { kind: 'accounts', accountIds: [one?.id ?? ''] },
      fileNamePattern: '{scope}/{label} {today}',
    })
    expect(named.fileName).toBe(`${one?.name}-${current.label.toLowerCase()} 2026-11-28.md`)
  })
})

describe('redaction', () => {
  it('leaves no account id, ARN or user name in any format, and masks them consistently', () => {
    const values = sensitiveValues(current)
    const all = Object.values(values).flat()
    expect(values.accountIds.length).toBeGreaterThanOrEqual(current.accounts.length)
    expect(values.arns.length).toBeGreaterThan(10)
    expect(values.userNames).toEqual(expect.arrayContaining(['alice', 'Priya Raman']))
    for (const format of textFormats) {
      const render = (isRedacted: boolean) =>
        renderExport(current, { format, scope: { kind: 'org' }, isRedacted, now, previous })
      // The scan finds them when they are there…
      expect(findLeaks(render(false).text, values.accountIds).length, format).toBeGreaterThan(0)
      const redacted = render(true)
      // …and none is left after redaction.
      expect(findLeaks(redacted.text, all), format).toEqual([])
      expect(redacted.text).toContain('account-1')
    }
    const md = renderExport(current, { format: 'md', scope: { kind: 'org' }, isRedacted: true, now }).text
    const html = renderExport(current, { format: 'html', scope: { kind: 'org' }, isRedacted: true, now }).text
    // The same account has the same mask in every format, and its name reads as that mask.
    expect(md).toContain('## account-1')
    expect(html).toMatch(/<h1[^>]*>account-1/)
  })

  it('keeps the redacted JSON a valid snapshot without raw payloads', () => {
    const { text } = renderExport(current, { format: 'json', scope: { kind: 'org' }, isRedacted: true, now })
    const data = JSON.parse(text) as Snapshot
    expect(
      data.evidence.every((b) => b.credentialReport.raw.length === 0 && b.trustedAdvisor.raw.length === 0),
    ).toBe(true)
    expect(data.scorecard.accounts.map((a) => a.level)).toEqual(
      current.scorecard.accounts.map((a) => a.level),
    )
    expect(data.modelVersion).toBe(current.modelVersion)
  })
})
