import type { MaturityModel } from '../model/schema'
import type { ControlStatus, OrgScorecard, ResourceRef, UnknownReason } from './types'

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
    level: number
    grade: string
    belowTarget: string[]
    domains: Array<{
      id: string
      level: number
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
      grade: a.grade,
      belowTarget: a.belowTarget,
      domains: a.domains.map((d) => ({
        id: d.domainId,
        level: d.level,
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
    lines.push(`## Account ${a.accountId}: level ${a.level}, grade ${a.grade}`, '')
    lines.push('| Domain | Level | Target | Progress to next |', '|---|---|---|---|')
    for (const d of a.domains) {
      lines.push(
        `| ${domainNames.get(d.domainId) ?? d.domainId} | ${d.level} | ${d.target ?? '–'} | ${Math.round(d.progress * 100)}% |`,
      )
    }
    const open = a.domains.flatMap((d) =>
      d.controls.filter((c) => c.status === 'fail' || c.status === 'unknown'),
    )
    if (open.length > 0) {
      lines.push('', '| Control | Level | Status | Reason | Resources |', '|---|---|---|---|---|')
      for (const c of open) {
        const status = c.status === 'unknown' ? `unknown (${c.unknownReason ?? '?'})` : c.status
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

/** A fixed-width text table: one row per account with its level, grade and the level of each domain. */
export function toTable(org: OrgScorecard): string {
  const domainIds = org.accounts[0]?.domains.map((d) => d.domainId) ?? []
  const header = ['account', 'level', 'grade', ...domainIds]
  const rows = org.accounts.map((a) => [
    a.accountId,
    String(a.level),
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
