import type { Account, DomainId, Level } from '../domain/types'
import { domainIds } from '../domain/types'

/** How a demo account behaves over the four quarters. */
export interface DemoProfile {
  name: string
  owner: string
  environment: Account['environment']
  criticality: Account['criticality']
  tags: string[]
  /** Business support gets Trusted Advisor through the API; basic support leaves its controls unknown. */
  supportPlan: 'business' | 'basic'
  /** Hygiene per quarter, 0..1, oldest first: higher means fewer findings and more answered questions. */
  quality: [number, number, number, number]
  /** Regions in scope; the last one is left without an analyzer on weaker accounts. */
  regions: string[]
  /** A source that failed to collect in one quarter (index), to show collection errors honestly. */
  failedCollection?: { quarter: number; source: 'credentialReport' | 'accessAnalyzer' }
  /** A quarter in which the audit role was denied Access Analyzer in the last Region (access denied). */
  accessDeniedQuarter?: number
  /**
   * A quarter whose collection run missed the account: its newest evidence is from a run `daysEarlier` days
   * before the quarter's, older than the maximum evidence age, so every automated control is stale and the
   * account is unassessed (never F).
   */
  missedCollection?: { quarter: number; daysEarlier: number }
  /**
   * A quarter imported from an offline folder whose password-policy file was empty (the AWS CLI leaves a
   * 0-byte file when the call fails): the policy is not collected, never "no policy".
   */
  passwordPolicyNotCollectedQuarter?: number
}

export const demoProfiles: DemoProfile[] = [
  {
    name: 'payments-prod',
    owner: 'Priya Raman',
    environment: 'production',
    criticality: 'crown-jewel',
    tags: ['payments', 'pci'],
    supportPlan: 'business',
    quality: [0.5, 0.62, 0.74, 0.86],
    regions: ['eu-west-1', 'us-east-1'],
  },
  {
    name: 'payments-staging',
    owner: 'Priya Raman',
    environment: 'staging',
    criticality: 'medium',
    tags: ['payments'],
    supportPlan: 'basic',
    quality: [0.4, 0.45, 0.5, 0.55],
    regions: ['eu-west-1'],
    passwordPolicyNotCollectedQuarter: 3,
  },
  {
    name: 'identity-prod',
    owner: 'Marco Rossi',
    environment: 'production',
    criticality: 'crown-jewel',
    tags: ['identity', 'pci'],
    supportPlan: 'business',
    quality: [0.84, 0.88, 0.9, 0.93],
    regions: ['eu-west-1', 'us-east-1'],
  },
  {
    name: 'data-lake-prod',
    owner: 'Aiko Tanaka',
    environment: 'production',
    criticality: 'high',
    tags: ['data', 'analytics'],
    supportPlan: 'business',
    quality: [0.78, 0.66, 0.54, 0.42],
    regions: ['eu-west-1', 'us-east-1', 'ap-southeast-2'],
  },
  {
    name: 'marketing-web',
    owner: 'Lena Fischer',
    environment: 'production',
    criticality: 'medium',
    tags: ['web'],
    supportPlan: 'basic',
    quality: [0.3, 0.32, 0.36, 0.4],
    regions: ['us-east-1'],
  },
  {
    name: 'sandbox-dev-team',
    owner: 'Tom Becker',
    environment: 'sandbox',
    criticality: 'low',
    tags: ['sandbox'],
    supportPlan: 'basic',
    quality: [0.22, 0.16, 0.2, 0.14],
    regions: ['eu-west-1'],
  },
  {
    name: 'shared-network',
    owner: 'Network Platform',
    environment: 'shared',
    criticality: 'high',
    tags: ['platform', 'network'],
    supportPlan: 'business',
    quality: [0.6, 0.68, 0.7, 0.8],
    regions: ['eu-west-1', 'us-east-1'],
    failedCollection: { quarter: 3, source: 'credentialReport' },
  },
  {
    name: 'log-archive',
    owner: 'Security Engineering',
    environment: 'shared',
    criticality: 'high',
    tags: ['platform', 'security'],
    supportPlan: 'business',
    quality: [0.8, 0.85, 0.9, 0.9],
    regions: ['eu-west-1'],
  },
  {
    name: 'ml-research',
    owner: 'Aiko Tanaka',
    environment: 'development',
    criticality: 'medium',
    tags: ['data', 'ml'],
    supportPlan: 'business',
    quality: [0.55, 0.44, 0.46, 0.34],
    regions: ['us-east-1', 'us-west-2'],
    failedCollection: { quarter: 2, source: 'accessAnalyzer' },
  },
  {
    name: 'legacy-erp',
    owner: 'Omar Haddad',
    environment: 'production',
    criticality: 'high',
    tags: ['erp', 'legacy'],
    supportPlan: 'basic',
    quality: [0.26, 0.3, 0.3, 0.3],
    regions: ['eu-central-1'],
    failedCollection: { quarter: 1, source: 'credentialReport' },
    missedCollection: { quarter: 3, daysEarlier: 40 },
  },
  {
    name: 'security-tooling',
    owner: 'Security Engineering',
    environment: 'shared',
    criticality: 'high',
    tags: ['platform', 'security'],
    supportPlan: 'business',
    quality: [0.74, 0.8, 0.85, 0.9],
    regions: ['eu-west-1', 'us-east-1'],
    accessDeniedQuarter: 3,
  },
  {
    name: 'mobile-api-prod',
    owner: 'Lena Fischer',
    environment: 'production',
    criticality: 'high',
    tags: ['mobile', 'web'],
    supportPlan: 'business',
    quality: [0.34, 0.5, 0.64, 0.76],
    regions: ['eu-west-1', 'us-east-1'],
  },
]

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
