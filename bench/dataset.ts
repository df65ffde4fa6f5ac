/**
 * The bench organization: 1,000 accounts × 8 quarterly states built from the demo generator (each account
 * follows one demo profile; its evidence is drawn per quarter), with an answer to every manual control.
 */

import { createHash } from 'node:crypto'
import { buildDemoBundle } from '../shared/demo/evidence'
import { DEMO_SEED, demoAccount, demoControlsFromModel } from '../shared/demo/organization'
import { demoProfiles } from '../shared/demo/profiles'
import type { Account, Attestation } from '../shared/domain/types'
import type { EvidenceBundle } from '../shared/evidence/schema'
import { defaultModel } from '../shared/model/default-model'
import { type QuarterState, snapshotsFromQuarters } from '../shared/snapshot/build'
import type { Snapshot } from '../shared/snapshot/schema'

const DAY = 86_400_000

export interface BenchOrganization {
  accounts: Account[]
  quarters: QuarterState[]
}

/**
 * An answer id shaped and as random as the app's (`crypto.randomUUID()`), but the same on every run: ids are
 * most of what a frozen quarter's answers weigh, and readable ids would compress far better than real ones.
 */
function answerId(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** A stable 12-digit id per bench account. */
export const benchAccountId = (i: number) => String(300_000_000_000 + i * 7_919)

/** Builds `accountCount` accounts with `quarterCount` quarters of evidence, oldest first. */
export function buildBenchOrganization(
  accountCount: number,
  quarterCount: number,
  now: Date,
): BenchOrganization {
  const accounts: Account[] = Array.from({ length: accountCount }, (_, i) => {
    const p = demoProfiles[i % demoProfiles.length] ?? demoProfiles[0]
    if (!p) throw new Error('the demo has no profiles')
    return demoAccount(p, benchAccountId(i), `${p.name}-${i}`)
  })
  const manual = demoControlsFromModel(defaultModel).filter((c) => c.isManual)
  const quarters: QuarterState[] = []
  for (let k = 0; k < quarterCount; k++) {
    const asOf = new Date(now.getTime() - (3 + (quarterCount - 1 - k) * 91) * DAY)
    const attestedAt = new Date(asOf.getTime() - 5 * DAY).toISOString()
    const expiresAt = new Date(asOf.getTime() + 175 * DAY).toISOString()
    const bundles: EvidenceBundle[] = []
    const attestations: Attestation[] = []
    accounts.forEach((account, i) => {
      const profile = demoProfiles[i % demoProfiles.length]
      if (!profile) return
      bundles.push(buildDemoBundle(DEMO_SEED + i, profile, account.id, k % 4, asOf))
      for (const control of manual) {
        attestations.push({
          id: answerId(`bench-${account.id}-${control.id}-${k}`),
          accountId: account.id,
          controlId: control.id,
          isMet: (i + control.level + k) % 3 !== 0,
          note: 'Bench answer.',
          attestedBy: account.owner ?? 'bench',
          attestedAt,
          expiresAt,
        })
      }
    })
    quarters.push({ label: `Q${k + 1}`, asOf: asOf.toISOString(), bundles, attestations, waivers: [] })
  }
  return { accounts, quarters }
}

/** One snapshot per quarter under the default model. */
export function benchSnapshots(org: BenchOrganization): Snapshot[] {
  return snapshotsFromQuarters({ accounts: org.accounts, quarters: org.quarters, model: defaultModel })
}
