import { criticalitySchema, domainIds, environmentSchema } from '../domain/types'
import { type EvidenceBundle, sourceIds, unavailableReasons } from '../evidence/schema'
import { controlStatuses } from '../scoring/types'
import type { ReportSnapshot } from './types'

/** Words the data model uses as values; a user who happens to be called "network" does not turn them into masks. */
const vocabulary = new Set<string>([
  ...domainIds,
  ...sourceIds,
  ...controlStatuses,
  ...unavailableReasons,
  ...criticalitySchema.options,
  ...environmentSchema.options,
  'ok',
  'warning',
  'error',
  'account',
  'organization',
  'sso',
  'profile',
  'import',
  'demo',
  'global',
  'root',
  '<root_account>',
])

/** Identifiers found by their shape anywhere in free text, even when no record names them. */
const ARN_PATTERN = /arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:[^\s:"'<>,;()[\]]*:[^\s"'<>,;()[\]]+/g
const ACCOUNT_ID_PATTERN = /(?<![A-Za-z0-9])\d{12}(?![A-Za-z0-9])/g
const EMAIL_PATTERN = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu
/** IAM access key ids and unique ids (AKIA…, ASIA…, AIDA…, AROA…), and KMS key ids (UUIDs). */
const KEY_ID_PATTERN =
  /(?<![A-Za-z0-9])(?:(?:AKIA|ASIA|AIDA|AROA|AIPA|ANPA|ANVA|AGPA|APKA|ABIA|ACCA)[A-Z0-9]{12,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9])/g
const REGION_PATTERN =
  /^(us|eu|ap|sa|ca|me|af|il|mx|cn)(-gov|-iso[a-z]?)?-(east|west|north|south|central|northeast|southeast|northwest|southwest)-\d$/
const PLACEHOLDER = /^(account|user|person|principal|resource|key)-\d+$/
/** Characters that continue a name: letters and digits in any script, and the ones IAM names allow. */
const NAME_CHAR = `[\\p{L}\\p{N}_+=@'-]`

type Kind = 'account' | 'user' | 'person' | 'principal' | 'resource' | 'key'

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** One regex for every known value, longest first, matched only as a whole name (not inside a longer one). */
function buildTokenPattern(values: string[]): RegExp | null {
  const tokens = values.filter((k) => k.length >= 2).sort((a, b) => b.length - a.length)
  if (tokens.length === 0) return null
  // A trailing "." or "," ends a sentence, not the name: "approved by alice@corp.example." still masks it.
  const after = `(?!${NAME_CHAR}|[.,]${NAME_CHAR})`
  return new RegExp(`(?<!${NAME_CHAR}|[.,])(${tokens.map(escapeRegExp).join('|')})${after}`, 'gu')
}

/** Consistent masks: the same value always becomes the same placeholder ("account-1", "user-2", …). */
function createMasker() {
  const masks = new Map<string, string>()
  const counters: Record<Kind, number> = { account: 0, user: 0, person: 0, principal: 0, resource: 0, key: 0 }
  let tokenPattern: RegExp | null | undefined

  const isKept = (value: string) =>
    value.trim().length < 2 || vocabulary.has(value) || PLACEHOLDER.test(value) || REGION_PATTERN.test(value)

  /** `isName`: the value sits in a field that names someone, so even a word like "network" is masked. */
  const mask = (value: string, kind: Kind, isName = false): string => {
    const existing = masks.get(value)
    if (existing) return existing
    if (isName ? value.trim().length === 0 || PLACEHOLDER.test(value) : isKept(value)) return value
    counters[kind] += 1
    const placeholder = `${kind}-${counters[kind]}`
    masks.set(value, placeholder)
    tokenPattern = undefined
    return placeholder
  }

  /** Another name for a value already masked (an account's name and aliases read as its id's mask). */
  const same = (value: string, as: string): void => {
    if (isKept(value) || masks.has(value)) return
    masks.set(value, mask(as, 'account'))
    tokenPattern = undefined
  }

  const maskArn = (arn: string): string => {
    const existing = masks.get(arn)
    if (existing) return existing
    const [, partition = 'aws', service = '', region = '', account = '', ...rest] = arn.split(':')
    const resource = rest.join(':')
    const cut = resource.search(/[/:]/)
    const type = cut === -1 ? '' : resource.slice(0, cut + 1)
    const name = cut === -1 ? resource : resource.slice(cut + 1)
    const lastSegment = name.slice(name.lastIndexOf('/') + 1)
    // A Trusted Advisor check is the same for everyone, and an analyzer's name ("external", "unused") is a
    // word that must not be masked everywhere else: only its place in this ARN is masked.
    if (service === 'trustedadvisor' && type === 'check/') return arn
    const maskedName =
      name === 'root'
        ? 'root'
        : (masks.get(lastSegment) ??
          masks.get(name) ??
          (service === 'access-analyzer' ? 'analyzer' : mask(name, 'resource')))
    const maskedAccount = account === '' || account === 'aws' ? account : mask(account, 'account')
    const masked = `arn:${partition}:${service}:${region}:${maskedAccount}:${type}${maskedName}`
    masks.set(arn, masked)
    tokenPattern = undefined
    return masked
  }

  const text = (value: string): string => {
    if (isKept(value)) return value
    const exact = masks.get(value)
    if (exact) return exact
    // Known values first (whole ARNs included), so a name with characters the shape patterns stop at is
    // masked whole, never leaving its tail behind.
    tokenPattern ??= buildTokenPattern([...masks.keys()])
    let result = tokenPattern ? value.replace(tokenPattern, (token) => masks.get(token) ?? token) : value
    result = result.replace(ARN_PATTERN, (arn) => maskArn(arn))
    result = result.replace(EMAIL_PATTERN, (email) => mask(email, 'person'))
    result = result.replace(KEY_ID_PATTERN, (id) => mask(id, 'key'))
    return result.replace(ACCOUNT_ID_PATTERN, (id) => mask(id, 'account'))
  }

  return { mask, same, maskArn, text }
}

type Masker = ReturnType<typeof createMasker>

/** Deep copy with every string (and every object key) passed through the masker. */
function walk(value: unknown, masker: Masker): unknown {
  if (typeof value === 'string') return masker.text(value)
  if (Array.isArray(value)) return value.map((item) => walk(item, masker))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        masker.text(k),
        // The model's content hash is hex: never mistake a run of its digits for an account id. The model is
        // public text that holds no identifier; walking it would mask its words when a user shares them.
        k === 'modelVersion' || k === 'model' ? v : walk(v, masker),
      ]),
    )
  }
  return value
}

/** A resource id as a mask: an ARN keeps its shape, a user is user-N, anything else (a bucket, a key) resource-N. */
function registerResource(masker: Masker, id: string, type: string): void {
  if (id.startsWith('arn:')) masker.maskArn(id)
  else masker.mask(id, /user/i.test(type) ? 'user' : 'resource')
}

function registerEvidence(bundle: EvidenceBundle, masker: Masker): void {
  masker.mask(bundle.accountId, 'account')
  const identity = bundle.identity.records
  if (identity) {
    masker.mask(identity.userId, 'principal')
    masker.maskArn(identity.arn)
    for (const alias of identity.aliases) masker.same(alias, bundle.accountId)
  }
  for (const user of bundle.credentialReport.records?.users ?? []) {
    if (user.isRoot) continue
    masker.mask(user.user, 'user', true)
    masker.maskArn(user.arn)
  }
  for (const check of bundle.trustedAdvisor.records?.checks ?? []) {
    for (const resource of check.resources) {
      masker.mask(resource.awsResourceId, 'resource')
      if (resource.arn) masker.maskArn(resource.arn)
      // Metadata columns hold bucket names, key ids and user names in any column: mask every value but
      // Regions and plain words of the data model.
      for (const value of Object.values(resource.metadata)) {
        if (!/^[\d.,:\sTZ-]*$/.test(value)) masker.mask(value, 'resource')
      }
    }
  }
  for (const region of bundle.accessAnalyzer.records?.regions ?? []) {
    for (const analyzer of region.analyzers) masker.maskArn(analyzer.arn)
    for (const finding of region.findings) {
      masker.mask(finding.resourceOwnerAccount, 'account')
      if (finding.resource) registerResource(masker, finding.resource, finding.resourceType)
    }
  }
}

/** Registers the identifying values a snapshot holds, in a stable order, before any text is masked. */
function register(snapshot: ReportSnapshot, masker: Masker): void {
  for (const card of snapshot.scorecard.accounts) masker.mask(card.accountId, 'account')
  for (const account of snapshot.accounts) {
    masker.mask(account.id, 'account')
    masker.same(account.name, account.id)
    if (account.owner) masker.mask(account.owner, 'person')
    if (account.email) masker.mask(account.email, 'person')
  }
  for (const bundle of snapshot.evidence) registerEvidence(bundle, masker)
  for (const attestation of snapshot.attestations) masker.mask(attestation.attestedBy, 'person')
  for (const waiver of snapshot.waivers) masker.mask(waiver.approver, 'person')
  for (const card of snapshot.scorecard.accounts) {
    for (const domain of card.domains) {
      for (const control of domain.controls) {
        for (const resource of control.resources) {
          if (resource.type !== 'region') registerResource(masker, resource.id, resource.type)
        }
      }
    }
  }
}

/**
 * Replaces the fields that hold names with their masks before the text walk, so a user who happens to be
 * called like a value of the data model ("network") is masked in the fields that name them.
 */
function maskNameFields<S extends ReportSnapshot>(snapshot: S, masker: Masker): S {
  const m = (value: string, kind: Kind) => masker.mask(value, kind, true)
  return {
    ...snapshot,
    accounts: snapshot.accounts.map((a) => ({
      ...a,
      name: m(a.id, 'account'),
      ...(a.owner ? { owner: m(a.owner, 'person') } : {}),
      ...(a.email ? { email: m(a.email, 'person') } : {}),
    })),
    attestations: snapshot.attestations.map((a) => ({ ...a, attestedBy: m(a.attestedBy, 'person') })),
    waivers: snapshot.waivers.map((w) => ({ ...w, approver: m(w.approver, 'person') })),
    evidence: snapshot.evidence.map((b) => {
      const identity = b.identity.records
      const report = b.credentialReport.records
      return {
        ...b,
        identity: {
          ...b.identity,
          records: identity
            ? {
                ...identity,
                userId: m(identity.userId, 'principal'),
                aliases: identity.aliases.map(() => m(b.accountId, 'account')),
              }
            : null,
        },
        credentialReport: {
          ...b.credentialReport,
          records: report
            ? {
                ...report,
                users: report.users.map((u) => (u.isRoot ? u : { ...u, user: m(u.user, 'user') })),
              }
            : null,
        },
      }
    }),
  }
}

/** Raw AWS payloads are dropped: they can hold identifiers in any shape (even base64), so they are not forwarded. */
function withoutRawPayloads<S extends ReportSnapshot>(snapshot: S): S {
  const strip = (bundle: EvidenceBundle) => ({
    ...bundle,
    identity: { ...bundle.identity, raw: [] },
    credentialReport: { ...bundle.credentialReport, raw: [] },
    trustedAdvisor: { ...bundle.trustedAdvisor, raw: [] },
    accessAnalyzer: { ...bundle.accessAnalyzer, raw: [] },
  })
  return { ...snapshot, evidence: snapshot.evidence.map(strip) }
}

/**
 * Masks account ids, account names and aliases (`account-N`), ARNs (their account and name), IAM user names
 * (`user-N`), principals, e-mail addresses and the people who own accounts, attest or approve (`person-N`),
 * bucket names and other resource ids (`resource-N`), and access key and KMS key ids (`key-N`),
 * consistently across a snapshot and its previous snapshot: "123456789012" is "account-1" in both, and in
 * every format made from them. Raw AWS payloads are removed.
 */
export function redactSnapshots<S extends ReportSnapshot>(
  snapshot: S,
  previous?: S,
): { snapshot: S; previous?: S } {
  const masker = createMasker()
  register(snapshot, masker)
  if (previous) register(previous, masker)
  // The walk returns the same shape with masked strings.
  const redact = (s: S) => walk(maskNameFields(withoutRawPayloads(s), masker), masker) as S
  const redacted = redact(snapshot)
  return previous ? { snapshot: redacted, previous: redact(previous) } : { snapshot: redacted }
}
