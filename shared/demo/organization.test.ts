import { describe, expect, it } from 'vitest'
import { accountSchema, attestationSchema, waiverSchema } from '../domain/types'
import { evidenceBundleSchema } from '../evidence/schema'
import { buildDemoOrganization, type DemoControl, demoQuarters } from './organization'

const now = new Date('2026-11-28T12:00:00.000Z')
const controls: DemoControl[] = [
  { id: 'iam-1-root-mfa', domainId: 'iam', level: 1, isManual: false },
  { id: 'net-2-open-ports', domainId: 'network', level: 2, isManual: false },
  { id: 'gov-1-owner', domainId: 'governance', level: 1, isManual: true },
  { id: 'ir-2-playbooks', domainId: 'incident-response', level: 2, isManual: true },
  { id: 'log-4-org-trail', domainId: 'logging-detection', level: 4, isManual: true },
]

describe('the demo organization', () => {
  const demo = buildDemoOrganization({ now, controls })

  it('validates against the shared schemas', () => {
    expect(demo.accounts).toHaveLength(12)
    for (const account of demo.accounts) expect(accountSchema.parse(account)).toEqual(account)
    expect(demo.bundles).toHaveLength(48)
    for (const bundle of demo.bundles) {
      const result = evidenceBundleSchema.safeParse(bundle)
      expect(result.error?.issues ?? []).toEqual([])
    }
    for (const a of demo.attestations) attestationSchema.parse(a)
    for (const w of demo.waivers) waiverSchema.parse(w)
    expect(new Set(demo.accounts.map((a) => a.id)).size).toBe(12)
  })

  it('is deterministic for a seed and changes with the seed', () => {
    expect(buildDemoOrganization({ now, controls })).toEqual(demo)
    expect(buildDemoOrganization({ now, controls, seed: 7 }).bundles).not.toEqual(demo.bundles)
  })

  it('is varied: Trusted Advisor unknowns, findings, MFA gaps, collection errors, expired answers', () => {
    const latest = demo.quarters[3]?.bundles ?? []
    const taUnavailable = latest.filter((b) => b.trustedAdvisor.status.state === 'unavailable')
    expect(taUnavailable.length).toBeGreaterThanOrEqual(3)
    expect(latest.length - taUnavailable.length).toBeGreaterThanOrEqual(6)
    const mfaGaps = latest.filter((b) =>
      b.credentialReport.records?.users.some((u) => u.hasPassword === true && !u.isMfaActive),
    )
    expect(mfaGaps.length).toBeGreaterThan(0)
    const findings = latest.flatMap((b) => b.accessAnalyzer.records?.regions.flatMap((r) => r.findings) ?? [])
    expect(findings.some((f) => f.isPublic)).toBe(true)
    const errors = demo.bundles.filter(
      (b) => b.credentialReport.status.state === 'error' || b.accessAnalyzer.status.state === 'error',
    )
    expect(errors).toHaveLength(3)
    // The latest quarter shows a failed collection and a Region the audit role was denied.
    expect(latest.some((b) => b.credentialReport.status.state === 'error')).toBe(true)
    expect(
      latest.some((b) =>
        b.accessAnalyzer.records?.regions.some(
          (r) => r.status.state === 'unavailable' && r.status.reason === 'access-denied',
        ),
      ),
    ).toBe(true)
    expect(demo.attestations.some((a) => Date.parse(a.expiresAt) < now.getTime())).toBe(true)
    expect(demo.waivers.some((w) => Date.parse(w.expiresAt) < now.getTime())).toBe(true)
    expect(demo.waivers.some((w) => Date.parse(w.expiresAt) > now.getTime())).toBe(true)
  })

  it('gives improving accounts fewer flagged resources over time and regressing ones more', () => {
    const flagged = (name: string, k: number) => {
      const id = demo.accounts.find((a) => a.name === name)?.id
      const bundle = demo.quarters[k]?.bundles.find((b) => b.accountId === id)
      return bundle?.trustedAdvisor.records?.checks.reduce((n, c) => n + c.resources.length, 0) ?? -1
    }
    expect(flagged('mobile-api-prod', 3)).toBeLessThan(flagged('mobile-api-prod', 0))
    expect(flagged('data-lake-prod', 3)).toBeGreaterThan(flagged('data-lake-prod', 0))
  })

  it('returns four dated quarters, oldest first, each holding only answers recorded by then', () => {
    const quarters = demoQuarters({ now, controls })
    expect(quarters.map((q) => q.label)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'])
    for (const q of quarters) {
      // Every bundle is from the quarter's run, except the one that run missed (older, so stale).
      const early = q.bundles.filter((b) => b.collectedAt !== q.asOf)
      expect(early.map((b) => b.collectedAt)).toEqual(
        q === quarters[3] ? [new Date(Date.parse(q.asOf) - 40 * 86_400_000).toISOString()] : [],
      )
      expect(q.attestations.every((a) => a.attestedAt <= q.asOf)).toBe(true)
    }
    expect(quarters[3]?.attestations.length).toBeGreaterThan(quarters[0]?.attestations.length ?? 0)
  })
})
