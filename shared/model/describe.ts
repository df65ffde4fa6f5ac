import type { CredentialPredicate, ParamRef, Rule } from './rules'
import type { ModelControl } from './schema'

/** Human wording of a model's rules, for the Model area and the docs. Pure. */

const sourceNames = {
  'credential-report': 'IAM credential report',
  'password-policy': 'IAM account password policy',
  'account-summary': 'IAM account summary',
  'trusted-advisor-check': 'Trusted Advisor',
  'access-analyzer': 'IAM Access Analyzer',
} as const satisfies Record<Rule['kind'], string>

function value(ref: ParamRef, params: Readonly<Record<string, number>>): string {
  return typeof ref === 'number' ? String(ref) : `${params[ref.param] ?? '?'} (${ref.param})`
}

const fieldWords = {
  isRoot: 'is the root user',
  hasPassword: 'has a console password',
  isMfaActive: 'has MFA',
  hasActiveAccessKey: 'has an active access key',
  hasActiveCertificate: 'has an active signing certificate',
} as const
const negativeFieldWords = {
  isRoot: 'is not the root user',
  hasPassword: 'has no console password',
  isMfaActive: 'has no MFA',
  hasActiveAccessKey: 'has no active access key',
  hasActiveCertificate: 'has no active signing certificate',
} as const

/** "has a console password and has no MFA" style wording of a credential-report predicate. */
export function describePredicate(p: CredentialPredicate, params: Readonly<Record<string, number>>): string {
  if ('field' in p) return p.equals ? fieldWords[p.field] : negativeFieldWords[p.field]
  if ('all' in p) return p.all.map((q) => describePredicate(q, params)).join(' and ')
  if ('any' in p) return `(${p.any.map((q) => describePredicate(q, params)).join(' or ')})`
  if ('not' in p) return `not (${describePredicate(p.not, params)})`
  if ('activeKeyOlderThanDays' in p)
    return `has an active key rotated more than ${value(p.activeKeyOlderThanDays, params)} days ago`
  if ('activeKeyUnusedForDays' in p)
    return `has an active key unused for ${value(p.activeKeyUnusedForDays, params)} days`
  if ('passwordUnusedForDays' in p)
    return `has a console password unused for ${value(p.passwordUnusedForDays, params)} days`
  if ('activeKeysAtLeast' in p) return `has at least ${p.activeKeysAtLeast} active access keys`
  if ('keyCreatedAtUserSetup' in p) return 'has an active key created with the user and never used'
  return `signed in with a password within ${value(p.passwordUsedWithinDays, params)} days`
}

/** One sentence saying what a rule checks and when it fails. */
export function describeRule(rule: Rule, params: Readonly<Record<string, number>>): string {
  switch (rule.kind) {
    case 'credential-report':
      return `Fails when more than ${value(rule.maxViolations, params)} credential-report rows: ${describePredicate(rule.violation, params)}.`
    case 'password-policy': {
      const parts = [
        rule.minimumLength !== undefined ? `minimum length ≥ ${value(rule.minimumLength, params)}` : '',
        rule.requireSymbols ? 'symbols' : '',
        rule.requireNumbers ? 'numbers' : '',
        rule.requireUppercase ? 'uppercase' : '',
        rule.requireLowercase ? 'lowercase' : '',
        rule.minimumReusePrevention !== undefined
          ? `remembers ≥ ${value(rule.minimumReusePrevention, params)} passwords`
          : '',
      ].filter(Boolean)
      return `The password policy exists and requires: ${parts.join(', ')}.`
    }
    case 'account-summary':
      return `${rule.key} ${rule.op === 'eq' ? '=' : rule.op === 'lte' ? '≤' : '≥'} ${value(rule.value, params)}.`
    case 'trusted-advisor-check':
      return `Trusted Advisor check ${rule.checkIds.join(', ')} has at most ${value(rule.maxFlagged, params)} ${rule.flagged.join('/')} resources (unknown if Trusted Advisor is unavailable).`
    case 'access-analyzer':
      return rule.check === 'analyzer-present'
        ? `Every Region in scope has an active ${rule.analyzerTypes.join(' or ')} analyzer.`
        : `No ACTIVE ${(rule.access ?? (rule.isPublic ? 'public' : undefined)) ? `${rule.access ?? 'public'} ` : ''}${rule.findingKind} findings${rule.findingTypes ? ` of type ${rule.findingTypes.join(', ')}` : ''}${rule.olderThanDays !== undefined ? ` older than ${value(rule.olderThanDays, params)} days` : ''} (${rule.requireAnalyzer ? 'fails' : 'unknown'} without an ${rule.analyzerTypes.join(' or ')} analyzer).`
  }
}

/** How a control is decided: automated, manual, or either. */
export function controlMode(control: ModelControl): 'automated' | 'manual' | 'either' {
  if (control.rule && control.question) return 'either'
  return control.rule ? 'automated' : 'manual'
}

/** The evidence a control reads, e.g. "Trusted Advisor (vjafUGJ9H0)" or "Manual attestation". */
export function controlEvidence(control: ModelControl): string[] {
  const sources: string[] = []
  if (control.rule) {
    const name = sourceNames[control.rule.kind]
    sources.push(
      control.rule.kind === 'trusted-advisor-check' ? `${name} (${control.rule.checkIds.join(', ')})` : name,
    )
  }
  if (control.question) sources.push(`Manual attestation (valid ${control.question.validityDays} days)`)
  return sources
}

/**
 * Every Trusted Advisor check id the model's rules read, sorted. Collectors keep security-pillar checks
 * anyway; pass these so the non-security checks a model needs (e.g. fault tolerance) are kept too.
 */
export function trustedAdvisorCheckIds(model: {
  domains: Array<{ levels: Array<{ controls: ModelControl[] }> }>
}): string[] {
  const ids = new Set<string>()
  for (const d of model.domains) {
    for (const l of d.levels) {
      for (const c of l.controls)
        if (c.rule?.kind === 'trusted-advisor-check') for (const id of c.rule.checkIds) ids.add(id)
        else if (c.rule?.kind === 'credential-report' && c.rule.fallback)
          for (const id of c.rule.fallback.checkIds) ids.add(id)
    }
  }
  return [...ids].sort()
}
