import type { Account, DomainId, Level } from '../domain/types'
import { domainIds } from '../domain/types'
import { domainResult } from '../scoring/engine'
import type { AccountScorecard, ControlResult, ControlStatus, UnknownReason } from '../scoring/types'
import { type Baseline, type BaselineInput, baselineSchema } from './types'

/** A control in a test scorecard: `<domain>.l<level>.<n>` with a status. */
export interface TestControl {
  domainId: DomainId
  level: Exclude<Level, 0>
  id: string
  status: ControlStatus
  unknownReason?: UnknownReason
}

/** Builds a control result as the engine would, with evidence collected at a fixed time. */
export function controlResult(c: TestControl): ControlResult {
  return {
    controlId: c.id,
    domainId: c.domainId,
    level: c.level,
    status: c.status,
    reason: `${c.id} is ${c.status}`,
    ...(c.unknownReason ? { unknownReason: c.unknownReason } : {}),
    resources: c.status === 'fail' ? [{ id: `arn:aws:iam::${c.id}`, type: 'test' }] : [],
    evidence: [{ source: 'credentialReport', collectedAt: '2026-11-01T00:00:00.000Z' }],
    ...(c.status === 'exempt'
      ? {
          waiver: {
            id: 'w',
            accountId: '111111111111',
            controlId: c.id,
            reason: 'accepted',
            approver: 'ciso@example.com',
            createdAt: '2026-10-01T00:00:00.000Z',
            expiresAt: '2027-01-01T00:00:00.000Z',
          },
        }
      : {}),
  }
}

/**
 * A scorecard where every domain has one control per level, `pass` unless `statuses` says otherwise
 * (keyed by control id, e.g. `iam.l2`).
 */
export function scorecard(
  accountId: string,
  statuses: Record<string, ControlStatus | [ControlStatus, UnknownReason]> = {},
): AccountScorecard {
  const domains = domainIds.map((domainId) =>
    domainResult(
      domainId,
      ([1, 2, 3, 4, 5] as const).map((level) => {
        const id = `${domainId}.l${level}`
        const given = statuses[id] ?? 'pass'
        const [status, unknownReason] = Array.isArray(given) ? given : [given, undefined]
        return controlResult({ domainId, level, id, status, ...(unknownReason ? { unknownReason } : {}) })
      }),
      undefined,
    ),
  )
  const levels = domains.map((d) => d.level)
  return { accountId, level: Math.min(...levels) as Level, grade: 'C', domains, belowTarget: [] }
}

/** A baseline version with defaults for the bookkeeping fields. */
export function baseline(input: Partial<BaselineInput> & Pick<BaselineInput, 'id' | 'scope'>): Baseline {
  return baselineSchema.parse({
    name: input.id,
    version: 1,
    setBy: 'lead@example.com',
    setAt: '2026-11-01T00:00:00.000Z',
    reason: 'initial bar',
    ...input,
  })
}

/** An account as scopes read it. */
export function account(
  id: string,
  more: { owner?: string; environment?: Account['environment']; tags?: string[] } = {},
) {
  return {
    id,
    owner: more.owner ?? '',
    environment: more.environment ?? 'unknown',
    tags: more.tags ?? [],
  }
}
