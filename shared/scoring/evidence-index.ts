import type {
  AccessAnalyzerRegion,
  CredentialUser,
  EvidenceBundle,
  Finding,
  TaCheck,
} from '../evidence/schema'
import type { ResourceRef, UnknownReason } from './types'

/**
 * Per-account views of an EvidenceBundle, built once per account and shared by every control, so rules
 * never re-parse timestamps or scan all findings: users carry parsed times, Trusted Advisor checks are keyed
 * by id, Access Analyzer findings are grouped by kind per Region.
 */

export const DAY_MS = 86_400_000

/** What a rule decides before waivers and attestations are applied. */
export interface RuleOutcome {
  status: 'pass' | 'fail' | 'unknown' | 'not-applicable'
  reason: string
  unknownReason?: UnknownReason
  resources: ResourceRef[]
}

/** Unknown, because the evidence lacks what the rule needs (a file, a column, a field): never pass or fail. */
export function notCollected(reason: string): RuleOutcome {
  return { status: 'unknown', unknownReason: 'not-collected', reason, resources: [] }
}

export interface IndexedKey {
  slot: 1 | 2
  isActive: boolean
  /** Parsed lastRotated, or the user's creation time, or NaN. */
  rotatedMs: number
  /** Parsed lastUsed, or NaN when never used. */
  usedMs: number
}

export interface IndexedUser {
  user: CredentialUser
  createdMs: number
  passwordLastUsedMs: number
  keys: IndexedKey[]
  hasActiveAccessKey: boolean
  hasActiveCertificate: boolean
}

export interface IndexedFinding {
  finding: Finding
  createdMs: number
}

export interface IndexedRegion {
  region: AccessAnalyzerRegion
  activeAnalyzerTypes: Set<string>
  findingsByKind: Record<Finding['kind'], IndexedFinding[]>
}

/** A finding another account's analyzer holds about this account's resource (an organization analyzer). */
export interface ForeignFinding {
  finding: Finding
  indexed: IndexedFinding
  region: string
  analyzerType: string | undefined
}

/** What scoring knows about the rest of the organization: its accounts, and findings about this one. */
export interface OrganizationView {
  /** The accounts in the store (the app) or in the run (a CLI run over several folders). */
  accountIds: ReadonlySet<string>
  /** Findings about this account's resources held in other accounts' bundles. */
  foreignFindings: ForeignFinding[]
}

/** Lazily built indexes over one bundle; each is computed at most once per account. */
export class EvidenceIndex {
  private usersCache: IndexedUser[] | undefined
  private taCache: Map<string, TaCheck> | undefined
  private regionsCache: IndexedRegion[] | undefined

  /** The accounts of the organization known to Ratchet, this one included. */
  readonly organizationAccounts: ReadonlySet<string>
  readonly foreignFindings: ForeignFinding[]

  constructor(
    readonly bundle: EvidenceBundle,
    readonly nowMs: number,
    org?: OrganizationView,
  ) {
    this.organizationAccounts = new Set([bundle.accountId, ...(org?.accountIds ?? [])])
    this.foreignFindings = org?.foreignFindings ?? []
  }

  /** Credential-report rows with parsed times (empty when the report has no records). */
  get users(): IndexedUser[] {
    if (this.usersCache) return this.usersCache
    const rows = this.bundle.credentialReport.records?.users ?? []
    this.usersCache = rows.map((user) => {
      const createdMs = parseTime(user.createdAt)
      const keys = user.accessKeys.map((k) => {
        const rotatedMs = parseTime(k.lastRotated)
        return {
          slot: k.slot,
          isActive: k.isActive,
          rotatedMs: Number.isNaN(rotatedMs) ? createdMs : rotatedMs,
          usedMs: parseTime(k.lastUsed),
        }
      })
      return {
        user,
        createdMs,
        passwordLastUsedMs: parseTime(user.passwordLastUsed),
        keys,
        hasActiveAccessKey: keys.some((k) => k.isActive),
        hasActiveCertificate: user.certificates.some((c) => c.isActive),
      }
    })
    return this.usersCache
  }

  /** Trusted Advisor checks by legacy check id. */
  get taChecks(): Map<string, TaCheck> {
    if (this.taCache) return this.taCache
    this.taCache = new Map((this.bundle.trustedAdvisor.records?.checks ?? []).map((c) => [c.checkId, c]))
    return this.taCache
  }

  /** Access Analyzer Regions with active analyzer types and ACTIVE findings grouped by kind. */
  get regions(): IndexedRegion[] {
    if (this.regionsCache) return this.regionsCache
    this.regionsCache = (this.bundle.accessAnalyzer.records?.regions ?? []).map((region) => {
      const findingsByKind: IndexedRegion['findingsByKind'] = { external: [], unused: [], internal: [] }
      for (const finding of region.findings) {
        if (finding.status !== 'ACTIVE') continue
        findingsByKind[finding.kind].push({ finding, createdMs: Date.parse(finding.createdAt) })
      }
      const activeAnalyzerTypes = new Set(
        region.analyzers.filter((a) => a.status === 'ACTIVE').map((a) => a.type),
      )
      return { region, activeAnalyzerTypes, findingsByKind }
    })
    return this.regionsCache
  }
}

/** Parses an ISO time, or NaN for null. */
export function parseTime(value: string | null): number {
  return value === null ? Number.NaN : Date.parse(value)
}

/** "3 users with …" / "1 user with …" */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`
}

/**
 * Findings in each bundle about resources of another account in the same set, by that owner's account id:
 * an organization analyzer in one account reports on every member's resources.
 */
export function findingsByOwner(bundles: ReadonlyArray<EvidenceBundle>): Map<string, ForeignFinding[]> {
  const ids = new Set(bundles.map((b) => b.accountId))
  const byOwner = new Map<string, ForeignFinding[]>()
  for (const bundle of bundles) {
    for (const region of bundle.accessAnalyzer.records?.regions ?? []) {
      const types = new Map(region.analyzers.map((a) => [a.arn, a.type]))
      for (const finding of region.findings) {
        const owner = finding.resourceOwnerAccount
        if (finding.status !== 'ACTIVE' || !owner || owner === bundle.accountId || !ids.has(owner)) continue
        const list = byOwner.get(owner) ?? []
        list.push({
          finding,
          indexed: { finding, createdMs: Date.parse(finding.createdAt) },
          region: region.region,
          analyzerType: types.get(finding.analyzerArn),
        })
        byOwner.set(owner, list)
      }
    }
  }
  return byOwner
}
