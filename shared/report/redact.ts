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
])

const ARN_PATTERN = /arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:[^\s:"'<>,;()[\]]*:[^\s"'<>,;()[\]]+/g
const ACCOUNT_ID_PATTERN = /(?<![A-Za-z0-9])\d{12}(?![A-Za-z0-9])/g
const NAME_CHARS = 'A-Za-z0-9_+=,.@-'

type Kind = 'account' | 'user' | 'person' | 'principal' | 'resource'

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** One regex for every known value, longest first, matched only as a whole name (not inside a longer one). */
function buildTokenPattern(values: string[]): RegExp | null {
  const tokens = values
    .filter((k) => !k.startsWith('arn:') && k.length >= 2)
    .sort((a, b) => b.length - a.length)
  if (tokens.length === 0) return null
  // A trailing "." or "," ends a sentence, not the name: "approved by alice@corp.example." still masks it.
  const after = `(?![A-Za-z0-9_+=@-]|[.,][${NAME_CHARS}])`
  return new RegExp(`(?<![${NAME_CHARS}])(${tokens.map(escapeRegExp).join('|')})${after}`, 'g')
}

/** Consistent masks: the same value always becomes the same placeholder ("account-1", "user-2", …). */
function createMasker() {
  const masks = new Map<string, string>()
  const counters: Record<Kind, number> = { account: 0, user: 0, person: 0, principal: 0, resource: 0 }
  let tokenPattern: RegExp | null | undefined

  const mask = (value: string, kind: Kind): string => {
    const existing = masks.get(value)
    if (existing) return existing
    counters[kind] += 1
    const placeholder = `${kind}-${counters[kind]}`
    masks.set(value, placeholder)
    tokenPattern = undefined
    return placeholder
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
    const maskedName =
      name === 'root' ? 'root' : (masks.get(lastSegment) ?? masks.get(name) ?? mask(name, 'resource'))
    const maskedAccount = account === '' || account === 'aws' ? account : mask(account, 'account')
    const masked = `arn:${partition}:${service}:${region}:${maskedAccount}:${type}${maskedName}`
    masks.set(arn, masked)
    return masked
  }

  const text = (value: string): string => {
    if (vocabulary.has(value) || /^(account|user|person|principal|resource)-\d+$/.test(value)) return value
    let result = value.replace(ARN_PATTERN, (arn) => maskArn(arn))
    tokenPattern ??= buildTokenPattern([...masks.keys()])
    if (tokenPattern) result = result.replace(tokenPattern, (token) => masks.get(token) ?? token)
    return result.replace(ACCOUNT_ID_PATTERN, (id) => mask(id, 'account'))
  }

  return { mask, text }
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
        // The model's content hash is hex: never mistake a run of its digits for an account id.
        k === 'modelVersion' ? v : walk(v, masker),
      ]),
    )
  }
  return value
}

/** Registers the identifying values a snapshot holds, in a stable order, before any text is masked. */
function register(snapshot: ReportSnapshot, masker: Masker): void {
  for (const card of snapshot.scorecard.accounts) masker.mask(card.accountId, 'account')
  for (const account of snapshot.accounts) {
    masker.mask(account.id, 'account')
    if (account.owner) masker.mask(account.owner, 'person')
    if (account.email) masker.mask(account.email, 'person')
  }
  for (const bundle of snapshot.evidence) {
    masker.mask(bundle.accountId, 'account')
    const identity = bundle.identity.records
    if (identity) masker.mask(identity.userId, 'principal')
    for (const user of bundle.credentialReport.records?.users ?? []) {
      if (!user.isRoot) masker.mask(user.user, 'user')
    }
    for (const check of bundle.trustedAdvisor.records?.checks ?? []) {
      for (const resource of check.resources) masker.mask(resource.awsResourceId, 'resource')
    }
  }
  for (const attestation of snapshot.attestations) masker.mask(attestation.attestedBy, 'person')
  for (const waiver of snapshot.waivers) masker.mask(waiver.approver, 'person')
  for (const card of snapshot.scorecard.accounts) {
    for (const domain of card.domains) {
      for (const control of domain.controls) {
        for (const resource of control.resources) {
          if (resource.type.toLowerCase().includes('user') && !resource.id.startsWith('arn:')) {
            masker.mask(resource.id, 'user')
          }
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
  const m = (value: string, kind: Parameters<Masker['mask']>[1]) => masker.mask(value, kind)
  return {
    ...snapshot,
    accounts: snapshot.accounts.map((a) => ({
      ...a,
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
          records: identity ? { ...identity, userId: m(identity.userId, 'principal') } : null,
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
 * Masks account ids, ARNs and user names (IAM users, principals, the people who attested, approved or own an
 * account) consistently across a snapshot and its previous snapshot: "123456789012" is "account-1" in both,
 * and in every format made from them. Raw AWS payloads are removed.
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
