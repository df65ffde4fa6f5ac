import type { DomainId } from '../../../shared/domain/types'

/**
 * Short column headers for narrow windows (1024 px wide): the full title shows on hover and is the button's
 * accessible name, so nothing is lost; only the visible text is shortened, never broken mid-word.
 */
export const domainAbbreviations: Record<DomainId, string> = {
  iam: 'IAM',
  'logging-detection': 'Logging',
  network: 'Network',
  'data-protection': 'Data',
  workload: 'Work.',
  governance: 'Govern.',
  'incident-response': 'Incident',
  resilience: 'Resil.',
}
