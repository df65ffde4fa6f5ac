import { z } from 'zod'
import {
  type Account,
  criticalitySchema,
  type DomainId,
  domainIds,
  environmentSchema,
  type Level,
} from '../domain/types'
import profiles from './profiles.json'

/** How a demo account behaves over the four quarters. */
const demoProfileSchema = z.strictObject({
  name: z.string(),
  owner: z.string(),
  environment: environmentSchema,
  criticality: criticalitySchema,
  tags: z.array(z.string()),
  /** Business support gets Trusted Advisor through the API; basic support leaves its controls unknown. */
  supportPlan: z.enum(['business', 'basic']),
  /** Hygiene per quarter, 0..1, oldest first: higher means fewer findings and more answered questions. */
  quality: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  /** Regions in scope; the last one is left without an analyzer on weaker accounts. */
  regions: z.array(z.string()),
  /** A source that failed to collect in one quarter (index), to show collection errors honestly. */
  failedCollection: z
    .object({ quarter: z.number(), source: z.enum(['credentialReport', 'accessAnalyzer']) })
    .optional(),
  /** A quarter in which the audit role was denied Access Analyzer in the last Region (access denied). */
  accessDeniedQuarter: z.number().optional(),
  /**
   * A quarter whose collection run missed the account: its newest evidence is from a run `daysEarlier` days
   * before the quarter's, older than the maximum evidence age, so every automated control is stale and the
   * account is unassessed (never F).
   */
  missedCollection: z.object({ quarter: z.number(), daysEarlier: z.number() }).optional(),
  /**
   * A quarter imported from an offline folder whose password-policy file was empty (the AWS CLI leaves a
   * 0-byte file when the call fails): the policy is not collected, never "no policy".
   */
  passwordPolicyNotCollectedQuarter: z.number().optional(),
})
export type DemoProfile = z.infer<typeof demoProfileSchema>

/** The demo accounts, a table in profiles.json, checked when this module loads. */
export const demoProfiles: DemoProfile[] = z.array(demoProfileSchema).parse(profiles)

/** Targets follow criticality, as CSMM suggests ("how mature do we want to be"). */
export function targetsFor(criticality: Account['criticality']): Partial<Record<DomainId, Level>> {
  const level: Level =
    criticality === 'crown-jewel' ? 4 : criticality === 'high' ? 3 : criticality === 'medium' ? 2 : 1
  return Object.fromEntries(domainIds.map((d) => [d, level]))
}

/** A stable, valid 12-digit account id for demo account `index`. */
export function demoAccountId(index: number): string {
  return String(210_000_000_000 + index * 37_117_031)
}
