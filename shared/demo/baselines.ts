import { reviseBaseline } from '../baseline/revise'
import type { Baseline } from '../baseline/types'
import { demoQuarterDates } from './organization'

const DAY = 86_400_000

/**
 * The demo organization's baselines: production (production and shared platform accounts) and
 * non-production (staging, development, sandbox), set before the first quarter; production is raised once,
 * between the second and third quarters, so Compare has a raise to show and the overview has breaches.
 * Ids start with `demo-` so removing the demo removes them. Pure: dates come from `now`.
 */
export function demoBaselines(now: Date): Baseline[] {
  const [q1, q2, q3] = demoQuarterDates(now)
  const start = new Date((q1?.getTime() ?? now.getTime()) - 30 * DAY).toISOString()
  const raisedAt = new Date(((q2?.getTime() ?? 0) + (q3?.getTime() ?? 0)) / 2).toISOString()
  const lead = 'security-lead@example.com'
  const production = reviseBaseline(
    undefined,
    {
      id: 'demo-production',
      name: 'Production',
      scope: { kind: 'environment', environments: ['production', 'shared'] },
      minimums: { iam: 1, 'logging-detection': 1, governance: 1 },
      invariants: ['iam.root-mfa', 'iam.root-no-access-keys'],
    },
    {
      by: lead,
      at: start,
      reason: 'The first bar for production: protect the root user and know who owns what.',
    },
  )
  const raised = reviseBaseline(
    production,
    {
      ...production,
      minimums: { iam: 2, 'logging-detection': 1, governance: 2, 'data-protection': 1 },
      invariants: [...production.invariants, 'data.no-public-snapshots'],
    },
    {
      by: lead,
      at: raisedAt,
      reason: 'Most production accounts met the first bar: raise IAM and governance to 2.',
    },
  )
  const nonProduction = reviseBaseline(
    undefined,
    {
      id: 'demo-non-production',
      name: 'Non-production',
      scope: { kind: 'environment', environments: ['staging', 'development', 'sandbox'] },
      minimums: { iam: 1 },
      invariants: ['iam.root-mfa'],
    },
    { by: lead, at: start, reason: 'Even a sandbox protects its root user.' },
  )
  return [production, raised, nonProduction]
}
