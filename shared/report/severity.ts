import type { DomainId } from '../domain/types'
import type { ModelControl, Severity } from '../model/schema'

/** Domains where a basic failure exposes the account directly: credentials, data and the audit trail. */
const exposingDomains = new Set<DomainId>(['iam', 'data-protection', 'logging-detection'])
const order: Severity[] = ['critical', 'high', 'medium', 'low']

/**
 * A control's severity: the model's own when it sets one, otherwise derived from where the control sits.
 * Level 1 and 2 controls are the basics an attacker tries first (high, medium), higher levels are maturity
 * (low); a basic control in identity, data protection or logging is one step worse, since failing it exposes
 * credentials or data, or hides what happened. See docs/exports.md.
 */
export function controlSeverity(
  control: Pick<ModelControl, 'severity'> | undefined,
  domainId: DomainId,
  level: number,
): Severity {
  if (control?.severity) return control.severity
  const base = level <= 1 ? 1 : level === 2 ? 2 : 3
  const step = exposingDomains.has(domainId) && level <= 2 ? 1 : 0
  return order[base - step] ?? 'low'
}

/** Sort weight: critical first. */
export const severityRank = (severity: Severity): number => order.indexOf(severity)
