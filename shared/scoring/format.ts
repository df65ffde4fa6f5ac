import type { MaturityModel } from '../model/schema'
import type { ControlStatus, OrgScorecard, ResourceRef, UnknownReason } from './types'
import {
  evidenceLevelText,
  headlineLevelText,
  unknownCounts,
  unknownCountsText,
  unknownMarkedWords,
} from './unknown-reasons'

/**
 * The documented, stable JSON shape of `score` (see docs/maturity-model.md). Fields are only ever added,
 * never renamed or removed, within one major version of Ratchet.
 */
export interface StableScoreJson {
  modelId: string
  modelVersion: string
  scoredAt: string
  accounts: Array<{
    accountId: string
    /** The assessed level (evidence plus current answers): the headline. */
    level: number
    /** Counting only automated controls; null: no automated evidence. Added 2026-11-29. */
    evidenceLevel: number | null
    /** A–F, or "unassessed" when nothing could be read for the account. */
    grade: string
    belowTarget: string[]
    /** Unknown controls per category (not answered, answer expired, …). Added 2026-11-29. */
    unknown: Partial<Record<UnknownReason, number>>
    domains: Array<{
      id: string
      level: number
      evidenceLevel: number | null
      progress: number
      controls: Array<{
        id: string
        level: number
        status: ControlStatus
        reason: string
        unknownReason?: UnknownReason
        expired?: { kind: 'attestation' | 'waiver'; expiredAt: string }
        resources: ResourceRef[]
      }>
    }>
  }>
}

/** Projects an organization scorecard onto the stable JSON shape (no attestation/waiver bodies, no evidence). */
export function toStableJson(org: OrgScorecard): StableScoreJson {
  return {
    modelId: org.modelId,
    modelVersion: org.modelVersion,
    scoredAt: org.scoredAt,
    accounts: org.accounts.map((a) => ({
      accountId: a.accountId,
      level: a.level,
      evidenceLevel: a.evidenceLevel ?? null,
      grade: a.grade,
      belowTarget: a.belowTarget,
      unknown: unknownCounts(a.domains.flatMap((d) => d.controls)),
      domains: a.domains.map((d) => ({
        id: d.domainId,
        level: d.level,
        evidenceLevel: d.evidenceLevel ?? null,
        progress: Math.round(d.progress * 1000) / 1000,
        controls: d.controls.map((c) => ({
          id: c.controlId,
          level: c.level,
          status: c.status,
          reason: c.reason,
          ...(c.unknownReason ? { unknownReason: c.unknownReason } : {}),
          ...(c.expired ? { expired: c.expired } : {}),
          resources: c.resources,
        })),
      })),
    })),
  }
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** A Markdown report: per account, the domain levels and every control that is not met, with resources. */
export function toMarkdown(org: OrgScorecard, model: MaturityModel): string {
  const titles = new Map(
    model.domains.flatMap((d) => d.levels.flatMap((l) => l.controls.map((c) => [c.id, c.title]))),
  )
  const domainNames = new Map(model.domains.map((d) => [d.id, d.name]))
  const lines = [
    `# Ratchet scorecard`,
    '',
    `Model ${org.modelId} (version ${org.modelVersion}), scored ${org.scoredAt}.`,
    '',
  ]
  for (const a of org.accounts) {
    const unknown = unknownCountsText(unknownCounts(a.domains.flatMap((d) => d.controls)), true)
    lines.push(
      `## Account ${a.accountId}: level ${headlineLevelText(a.level, a.grade)} (evidence-verified: ${evidenceLevelText(a.evidenceLevel)}), grade ${a.grade}`,
      '',
    )
    if (unknown) lines.push(`Unknown: ${unknown}.`, '')
    lines.push('| Domain | Level | Evidence-verified | Target | Progress to next |', '|---|---|---|---|---|')
    for (const d of a.domains) {
      lines.push(
        `| ${domainNames.get(d.domainId) ?? d.domainId} | ${d.level} | ${evidenceLevelText(d.evidenceLevel)} | ${d.target ?? '–'} | ${Math.round(d.progress * 100)}% |`,
      )
    }
    const open = a.domains.flatMap((d) =>
      d.controls.filter((c) => c.status === 'fail' || c.status === 'unknown'),
    )
    if (open.length > 0) {
      lines.push('', '| Control | Level | Status | Reason | Resources |', '|---|---|---|---|---|')
      for (const c of open) {
        const status = c.status === 'unknown' ? `unknown (${unknownMarkedWords(c.unknownReason)})` : c.status
        const resources =
          c.resources
            .slice(0, 5)
            .map((r) => `\`${r.id}\``)
            .join(', ') + (c.resources.length > 5 ? ` … +${c.resources.length - 5}` : '')
        lines.push(
          `| ${escapeCell(titles.get(c.controlId) ?? c.controlId)} (\`${c.controlId}\`) | ${c.level} | ${status} | ${escapeCell(c.reason)} | ${resources} |`,
        )
      }
    }
    lines.push('')
  }
  return `${lines.join('\n')}\n`
}

/**
 * A fixed-width text table: one row per account with its assessed level (– when unassessed: no usable
 * evidence), its evidence-verified level (– for no automated evidence), grade and the level of each domain.
 */
export function toTable(org: OrgScorecard): string {
  const domainIds = org.accounts[0]?.domains.map((d) => d.domainId) ?? []
  const header = ['account', 'level', 'evidence', 'grade', ...domainIds]
  const rows = org.accounts.map((a) => [
    a.accountId,
    a.grade === 'unassessed' ? '–' : String(a.level),
    a.evidenceLevel === null || a.evidenceLevel === undefined ? '–' : String(a.evidenceLevel),
    a.grade,
    ...a.domains.map((d) => String(d.level)),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const format = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return `${[format(header), format(widths.map((w) => '-'.repeat(w))), ...rows.map(format)].join('\n')}\n`
}
