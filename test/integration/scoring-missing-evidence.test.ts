import { cpSync, mkdtempSync, readdirSync, rmSync, truncateSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import type { Attestation } from '../../shared/domain/types'
import { defaultModel } from '../../shared/model/default-model'
import { compileModel, scoreOrganization } from '../../shared/scoring/engine'
import type { OrgScorecard } from '../../shared/scoring/types'
import { readEvidenceFolder } from '../../src-main/collect/offline'

/**
 * Missing is never pass or fail. Removing any evidence file, or truncating it to 0 bytes (what the AWS CLI
 * leaves when a call fails), never makes a control pass, attested or fail that was not already so, and never
 * raises an assessed or evidence-verified level — with no answers, or with every question answered "met".
 * Evidence: test/fixtures/evidence/valid (AWS documentation samples, see its sources) and
 * test/fixtures/scoring/evidence (Prowler's and AWS's public samples, see its SOURCES.md).
 */

const compiled = compileModel(defaultModel)
const now = new Date('2026-11-28T00:00:00.000Z')
const collectedAt = new Date('2026-11-27T00:00:00.000Z')
const sources = [
  resolve(import.meta.dirname, '../fixtures/evidence/valid'),
  resolve(import.meta.dirname, '../fixtures/scoring/evidence'),
]
const temps: string[] = []
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

/** A copy of the fixture folders, dated the day before scoring. */
function copyFixtures(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ratchet-missing-'))
  for (const source of sources) cpSync(source, dir, { recursive: true })
  for (const account of readdirSync(dir))
    for (const file of readdirSync(join(dir, account)))
      utimesSync(join(dir, account, file), collectedAt, collectedAt)
  return dir
}

const baseDir = copyFixtures()
temps.push(baseDir)
const files = readdirSync(baseDir).flatMap((account) =>
  readdirSync(join(baseDir, account)).map((file) => `${account}/${file}`),
)

/** Every question answered "met" by a current answer, for every account: the most answers can raise. */
function allMet(accountIds: string[]): Attestation[] {
  return accountIds.flatMap((accountId) =>
    compiled.controls
      .filter((c) => c.control.question)
      .map((c, i) => ({
        id: `${accountId}-${i}`,
        accountId,
        controlId: c.control.id,
        isMet: true,
        note: 'checked',
        attestedBy: 'lead',
        attestedAt: '2026-11-01T00:00:00.000Z',
        expiresAt: '2027-11-01T00:00:00.000Z',
      })),
  )
}

async function score(dir: string, withAnswers: boolean): Promise<OrgScorecard | undefined> {
  let bundles: Awaited<ReturnType<typeof readEvidenceFolder>>
  try {
    bundles = await readEvidenceFolder(dir)
  } catch {
    return undefined // nothing readable is left in a folder: nothing is scored, which raises nothing
  }
  const attestations = withAnswers ? allMet(bundles.map((b) => b.accountId)) : []
  return scoreOrganization({
    model: compiled,
    now,
    accounts: bundles.map((bundle) => ({ accountId: bundle.accountId, bundle, attestations, waivers: [] })),
  })
}

const decided = new Set(['pass', 'attested', 'fail'])

/** Compares a scorecard after a removal with the one before, control by control and level by level. */
function expectNoGain(before: OrgScorecard, after: OrgScorecard, label: string): void {
  for (const card of after.accounts) {
    const prior = before.accounts.find((a) => a.accountId === card.accountId)
    if (!prior) throw new Error(`${label}: ${card.accountId} appeared`)
    for (const [d, domain] of card.domains.entries()) {
      const was = prior.domains[d]
      expect(domain.level, `${label} ${card.accountId} ${domain.domainId}`).toBeLessThanOrEqual(
        was?.level ?? 0,
      )
      const evidence = domain.evidenceLevel ?? -1
      expect(evidence, `${label} ${domain.domainId} evidence level`).toBeLessThanOrEqual(
        was?.evidenceLevel ?? -1,
      )
      for (const [c, control] of domain.controls.entries()) {
        if (!decided.has(control.status)) continue
        expect(`${control.controlId} ${control.status}`, `${label} ${card.accountId}`).toBe(
          `${control.controlId} ${was?.controls[c]?.status}`,
        )
      }
    }
  }
}

type Mode = 'remove' | 'truncate'

/** Scores a mutated copy, then removes the copy. */
async function scoreMutated(mutations: Array<[string, Mode]>, withAnswers: boolean) {
  const dir = mutate(mutations)
  try {
    return await score(dir, withAnswers)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function mutate(mutations: Array<[string, Mode]>): string {
  const dir = copyFixtures()
  for (const [file, mode] of mutations) {
    if (mode === 'remove') rmSync(join(dir, file), { force: true })
    else truncateSync(join(dir, file), 0)
    const [account] = file.split('/')
    // Keep the other files' dates: the collection time comes from them.
    for (const other of readdirSync(join(dir, account ?? '')))
      utimesSync(join(dir, account ?? '', other), collectedAt, collectedAt)
  }
  return dir
}

describe('missing evidence never decides a control', () => {
  for (const withAnswers of [false, true]) {
    it(`removing or emptying any one file gains nothing (${withAnswers ? 'every question answered' : 'no answers'})`, async () => {
      const before = await score(baseDir, withAnswers)
      if (!before) throw new Error('the fixtures are readable')
      expect(files.length).toBeGreaterThan(15)
      for (const file of files) {
        for (const mode of ['remove', 'truncate'] as const) {
          const after = await scoreMutated([[file, mode]], withAnswers)
          if (after) expectNoGain(before, after, `${mode} ${file}`)
        }
      }
    }, 60_000)
  }

  // Several files of one account at once (another account's evidence still shows which Regions exist).
  it("removing or emptying any set of one account's files gains nothing", async () => {
    const before = { no: await score(baseDir, false), yes: await score(baseDir, true) }
    const accounts = readdirSync(baseDir)
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...accounts)
          .chain((account) =>
            fc.uniqueArray(
              fc.tuple(
                fc.constantFrom(...files.filter((f) => f.startsWith(`${account}/`))),
                fc.constantFrom<Mode>('remove', 'truncate'),
              ),
              { minLength: 1, maxLength: 6, selector: ([file]) => file },
            ),
          ),
        fc.boolean(),
        async (mutations, withAnswers) => {
          const base = withAnswers ? before.yes : before.no
          const after = await scoreMutated(mutations, withAnswers)
          if (base && after) expectNoGain(base, after, mutations.map((m) => m.join(' ')).join(', '))
        },
      ),
      { numRuns: 25 },
    )
  }, 60_000)
})
