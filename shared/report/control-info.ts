import type { DomainId } from '../domain/types'
import type { MaturityModel } from '../model/schema'
import { controlSeverity } from './severity'
import type { ControlInfo, ControlInfoLookup } from './types'

/** Display names of the eight domains, used when the model does not name them. */
export const domainTitles: Record<DomainId, string> = {
  iam: 'Identity & access',
  'logging-detection': 'Logging & detection',
  network: 'Network',
  'data-protection': 'Data protection',
  workload: 'Workload & vulnerabilities',
  governance: 'Governance & organization',
  'incident-response': 'Incident response',
  resilience: 'Resilience',
}

/** Title, fix and severity for each control of a model, keyed by control id. */
export function controlInfoFromModel(model: MaturityModel): ControlInfoLookup {
  const controls = new Map<string, ControlInfo>()
  for (const domain of model.domains) {
    for (const level of domain.levels) {
      for (const control of level.controls) {
        controls.set(control.id, {
          title: control.title,
          fix: control.remediation.text,
          severity: controlSeverity(control, domain.id, level.level),
        })
      }
    }
  }
  return (controlId) => controls.get(controlId)
}
