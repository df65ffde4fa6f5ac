import { type DemoControl, demoControlsFromModel } from '../../shared/demo/organization'
import type { DomainId } from '../../shared/domain/types'
import type { MaturityModel } from '../../shared/model/schema'
import { type CompiledModel, compileModel } from '../../shared/scoring/engine'

/** What the desk shows about a control, read from the model. */
export interface ControlMeta {
  id: string
  domainId: DomainId
  level: number
  title: string
  /** True when the control asks a question (manual, or "either" automation or an answer). */
  isManual: boolean
  hasRule: boolean
  /** The question a manual control asks. */
  question?: string
  validityDays?: number
  rationale: string
  remediation: string
  links: Array<{ title: string; url: string }>
}

export interface DeskModel {
  /** The model compiled once for the engine. */
  compiled: CompiledModel
  controls: ReadonlyMap<string, ControlMeta>
  domainTitles: Record<DomainId, string>
  /** Level names per domain, index 0 = level 1. */
  levelNames: Partial<Record<DomainId, string[]>>
  demoControls: DemoControl[]
}

export const fallbackDomainTitles: Record<DomainId, string> = {
  iam: 'Identity & access',
  'logging-detection': 'Logging & detection',
  network: 'Network',
  'data-protection': 'Data protection',
  workload: 'Workload',
  governance: 'Governance',
  'incident-response': 'Incident response',
  resilience: 'Resilience',
}

/** Reads a model into the lookups the desk needs (titles, questions, remediation, the demo's controls). */
export function buildDeskModel(model: MaturityModel): DeskModel {
  const controls = new Map<string, ControlMeta>()
  const domainTitles = { ...fallbackDomainTitles }
  const levelNames: Partial<Record<DomainId, string[]>> = {}
  for (const domain of model.domains) {
    domainTitles[domain.id] = domain.name
    levelNames[domain.id] = domain.levels.map((l) => l.name)
    for (const level of domain.levels) {
      for (const c of level.controls) {
        controls.set(c.id, {
          id: c.id,
          domainId: domain.id,
          level: level.level,
          title: c.title,
          isManual: c.question !== undefined,
          hasRule: c.rule !== undefined,
          ...(c.question ? { question: c.question.prompt, validityDays: c.question.validityDays } : {}),
          rationale: c.rationale,
          remediation: c.remediation.text,
          links: c.remediation.links,
        })
      }
    }
  }
  return {
    compiled: compileModel(model),
    controls,
    domainTitles,
    levelNames,
    demoControls: demoControlsFromModel(model),
  }
}
