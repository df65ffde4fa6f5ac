import type { Account, Attestation, DomainId, Waiver } from '../domain/types'
import type { EvidenceBundle } from '../evidence/schema'
import type { MaturityModel } from '../model/schema'
import { buildDemoBundle } from './evidence'
import { type DemoProfile, demoAccountId, demoProfiles, targetsFor } from './profiles'
import { latent } from './random'

const DAY = 86_400_000

/** The part of a maturity model the demo needs: which controls exist, and which are manual questions. */
export interface DemoControl {
  id: string
  domainId: DomainId
  level: number
  isManual: boolean
}

/**
 * The controls of a model as the demo needs them. Only purely manual controls (a question and no rule) are
 * answered by the demo; "either" controls are left to their evidence, so Basic-support unknowns stay visible.
 */
export function demoControlsFromModel(model: MaturityModel): DemoControl[] {
  return model.domains.flatMap((d) =>
    d.levels.flatMap((l) =>
      l.controls.map((c) => ({
        id: c.id,
        domainId: d.id,
        level: l.level,
        isManual: c.question !== undefined && c.rule === undefined,
      })),
    ),
  )
}

export interface DemoOptions {
  /** The demo is dated relative to now: the latest quarter was collected 3 days ago. */
  now: Date
  seed?: number
  /** The model's controls; answers and waivers are drawn from them. */
  controls: DemoControl[]
}

/** The organization's state as it stood at the end of one quarter, for freezing snapshots. */
export interface DemoQuarter {
  /** e.g. "2026-Q3". */
  label: string
  /** When that quarter's evidence was collected. */
  asOf: string
  bundles: EvidenceBundle[]
  /** Every answer recorded up to asOf (expired ones included: the scorecard says they expired). */
  attestations: Attestation[]
  waivers: Waiver[]
}

export interface DemoOrganization {
  accounts: Account[]
  /** Oldest first. */
  quarters: DemoQuarter[]
  /** Everything the database holds for the demo: all quarters' bundles and answers. */
  bundles: EvidenceBundle[]
  attestations: Attestation[]
  waivers: Waiver[]
}

export const DEMO_SEED = 20261128
const ANSWER_DAYS = 180

function quarterLabel(at: Date): string {
  return `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`
}

/** The dates of the four quarterly collections, oldest first. */
export function demoQuarterDates(now: Date): Date[] {
  return [3, 2, 1, 0].map((k) => new Date(now.getTime() - (3 + k * 91) * DAY))
}

/** A demo account from its profile (business context and targets), without evidence. */
export function demoAccount(p: DemoProfile, id: string, name = p.name): Account {
  const { owner, environment, criticality, tags } = p
  return {
    id,
    name,
    owner,
    environment,
    criticality,
    tags,
    targets: targetsFor(p.criticality),
    origin: 'demo',
  }
}

/** The demo accounts (business context and targets), without evidence. */
export function demoAccounts(): Account[] {
  return demoProfiles.map((p, i) => demoAccount(p, demoAccountId(i)))
}

function answersFor(seed: number, dates: Date[], controls: DemoControl[]): Attestation[] {
  const manual = controls.filter((c) => c.isManual)
  const result: Attestation[] = []
  demoProfiles.forEach((profile, i) => {
    const accountId = demoAccountId(i)
    for (const control of manual) {
      let validUntil = 0
      dates.forEach((asOf, k) => {
        const q = profile.quality[k] ?? 0.5
        // Lower-level questions are answered more often; weak accounts answer fewer and let more lapse.
        const threshold = q + 0.2 - (control.level - 1) * 0.14
        const shouldAnswer = latent(seed, accountId, 'answer', control.id) < threshold
        if (!shouldAnswer || validUntil > asOf.getTime() + 45 * DAY) return
        const attestedAt = new Date(asOf.getTime() - 5 * DAY)
        const expiresAt = new Date(attestedAt.getTime() + ANSWER_DAYS * DAY)
        validUntil = expiresAt.getTime()
        result.push({
          id: `demo-att-${accountId}-${control.id}-${k}`,
          accountId,
          controlId: control.id,
          // Weaker accounts sometimes answer "no" above level 1; the ones in good shape rarely do.
          isMet: control.level === 1 || latent(seed, accountId, 'met', control.id) > (1 - q) * 0.3,
          note:
            k === 0
              ? 'Confirmed in the quarterly review with the account owner.'
              : 'Re-confirmed this quarter.',
          evidenceUrl: `https://wiki.example.com/security/${profile.name}/${control.id}`,
          attestedBy: profile.owner,
          attestedAt: attestedAt.toISOString(),
          expiresAt: expiresAt.toISOString(),
        })
      })
    }
  })
  return result
}

function waiversFor(dates: Date[], controls: DemoControl[]): Waiver[] {
  const automated = controls
    .filter((c) => !c.isManual)
    .sort((a, b) => a.level - b.level || a.id.localeCompare(b.id))
  const pick = (domainId: DomainId, level: number) =>
    automated.find((c) => c.domainId === domainId && c.level === level) ??
    automated.find((c) => c.level === level) ??
    automated[0]
  const plan: Array<{
    account: number
    domainId: DomainId
    level: number
    quarter: number
    days: number
    reason: string
  }> = [
    {
      account: 1,
      domainId: 'network',
      level: 2,
      quarter: 1,
      days: 365,
      reason: 'Staging load balancer must accept partner test traffic until the migration ends.',
    },
    {
      account: 9,
      domainId: 'iam',
      level: 2,
      quarter: 0,
      days: 120,
      reason: 'ERP vendor integration needs a long-lived key until the Q3 upgrade.',
    },
    {
      account: 3,
      domainId: 'data-protection',
      level: 2,
      quarter: 3,
      days: 90,
      reason: 'Public dataset bucket, approved by the data governance board.',
    },
  ]
  const result: Waiver[] = []
  for (const w of plan) {
    const control = pick(w.domainId, w.level)
    const at = dates[w.quarter]
    if (!control || !at) continue
    const createdAt = new Date(at.getTime() - 2 * DAY)
    result.push({
      id: `demo-waiver-${w.account}-${control.id}`,
      accountId: demoAccountId(w.account),
      controlId: control.id,
      reason: w.reason,
      approver: 'Dana Whitfield (CISO)',
      createdAt: createdAt.toISOString(),
      expiresAt: new Date(createdAt.getTime() + w.days * DAY).toISOString(),
    })
  }
  return result
}

/** When the quarter's run collected the account: at the quarter's date, unless that run missed it. */
function collectedAt(profile: DemoProfile, quarter: number, asOf: Date): Date {
  const missed = profile.missedCollection
  return missed?.quarter === quarter ? new Date(asOf.getTime() - missed.daysEarlier * DAY) : asOf
}

/**
 * The embedded demo organization: about a dozen accounts with four quarters of varied, realistic evidence
 * (mixed support plans, findings, MFA gaps, improving and regressing accounts), answers and waivers.
 * Pure and seeded: the same options always give the same organization.
 */
export function buildDemoOrganization(options: DemoOptions): DemoOrganization {
  const seed = options.seed ?? DEMO_SEED
  const dates = demoQuarterDates(options.now)
  const accounts = demoAccounts()
  const attestations = answersFor(seed, dates, options.controls)
  const waivers = waiversFor(dates, options.controls)
  const quarters: DemoQuarter[] = dates.map((asOf, k) => ({
    label: quarterLabel(asOf),
    asOf: asOf.toISOString(),
    bundles: demoProfiles.map((p, i) =>
      buildDemoBundle(seed, p, demoAccountId(i), k, collectedAt(p, k, asOf)),
    ),
    attestations: attestations.filter((a) => Date.parse(a.attestedAt) <= asOf.getTime()),
    waivers: waivers.filter((w) => Date.parse(w.createdAt) <= asOf.getTime()),
  }))
  return { accounts, quarters, bundles: quarters.flatMap((q) => q.bundles), attestations, waivers }
}

/** The four quarterly states of the demo (evidence and answers per quarter, with their dates), oldest first. */
export function demoQuarters(options: DemoOptions): DemoQuarter[] {
  return buildDemoOrganization(options).quarters
}
