import type { z } from 'zod'
import type { modelDomainSchema } from '../schema'

/** A domain as written in the default model (defaults not yet applied). */
export type DomainInput = z.input<typeof modelDomainSchema>

/** A link to the AWS documentation; `path` is relative to https://docs.aws.amazon.com/. */
export function awsDocs(title: string, path: string): { title: string; url: string } {
  return { title, url: `https://docs.aws.amazon.com/${path}` }
}

/** Trusted Advisor's check reference, linked from every TA-based control. */
export const taSecurityChecks = awsDocs(
  'Trusted Advisor security checks',
  'awssupport/latest/user/security-checks.html',
)
export const taFaultToleranceChecks = awsDocs(
  'Trusted Advisor fault tolerance checks',
  'awssupport/latest/user/fault-tolerance-checks.html',
)

/** Default validity of a manual answer, in days. */
export const HALF_YEAR = 180
export const ONE_YEAR = 365

/** A manual control in one line; governance and response are processes, so most controls are questions. */
export function manual(
  id: string,
  title: string,
  rationale: string,
  text: string,
  link: { title: string; url: string },
  prompt: string,
  validityDays = HALF_YEAR,
) {
  return { id, title, rationale, remediation: { text, links: [link] }, question: { prompt, validityDays } }
}
