import type { DomainId } from '../../domain/types'
import { domainIds } from '../../domain/types'
import { type MaturityModel, type MaturityModelInput, validateModel } from '../../model/schema'

type ControlInput = MaturityModelInput['domains'][number]['levels'][number]['controls'] extends
  | (infer C)[]
  | undefined
  ? C
  : never

/** A valid model with the given controls per domain and level; every other level is empty. Tests only. */
export function testModel(
  controls: Partial<Record<DomainId, Partial<Record<1 | 2 | 3 | 4 | 5, ControlInput[]>>>>,
  params: MaturityModelInput['params'] = {},
): MaturityModel {
  return validateModel(
    {
      schemaVersion: 1,
      id: 'test-model',
      name: 'Test model',
      params,
      domains: domainIds.map((id) => ({
        id,
        name: id,
        levels: ([1, 2, 3, 4, 5] as const).map((level) => ({
          level,
          name: `L${level}`,
          meaning: `Level ${level}`,
          controls: controls[id]?.[level] ?? [],
        })),
      })),
    },
    'test-model',
  )
}

/** A manual control with a question. */
export function manualControl(id: string): ControlInput {
  return {
    id,
    title: id,
    rationale: 'because',
    remediation: { text: 'do it' },
    question: { prompt: `${id}?`, validityDays: 180 },
  }
}

/** The credential-report predicate "the root user, without MFA", in its two parts. */
const isRoot = { field: 'isRoot', equals: true } as const
const noMfa = { field: 'isMfaActive', equals: false } as const

/** An automated control: root user without MFA fails it. */
export function rootMfaControl(id: string, withQuestion = false): ControlInput {
  return {
    id,
    title: id,
    rationale: 'because',
    remediation: { text: 'do it' },
    rule: {
      kind: 'credential-report',
      violation: { all: [isRoot, noMfa] },
      describe: 'root user without MFA',
    },
    ...(withQuestion ? { question: { prompt: `${id}?` } } : {}),
  }
}

/** An automated Trusted Advisor control over one check, with an optional question ("either"). */
export function taControl(id: string, checkId: string, withQuestion = true): ControlInput {
  return {
    id,
    title: id,
    rationale: 'because',
    remediation: { text: 'do it' },
    rule: { kind: 'trusted-advisor-check', checkIds: [checkId], flagged: ['error'] },
    ...(withQuestion ? { question: { prompt: `${id}?` } } : {}),
  }
}
