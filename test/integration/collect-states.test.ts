import { readdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sourceIds } from '../../shared/evidence/schema'
import type { BundleState } from '../../shared/evidence/select'
import { CREDENTIAL_REPORT_HEADER } from '../../src-main/collect/credential-report-csv'
import { readEvidenceFolder } from '../../src-main/collect/offline'
import { attemptFile, mergeIntoEvidenceFolder } from '../../src-main/collect/offline-merge'
import { EvidenceRenderError, writeEvidenceFolder } from '../../src-main/collect/offline-write'
import { type FakeAws, generateOrganization, type Scenario, startFakeAws } from '../fake-aws/index'
import { fakeOptions, run, snapshotFiles, tempDirs } from './collect-support'

/**
 * An account's bundle state is decided by one rule (bundleState): the live run's summary and the attempt the
 * offline merge records must say the same for the same per-source outcomes. Plus the offline merge's and
 * the folder writer's errors, which must name the folder or file and say what to do.
 */
const REGIONS = ['us-east-1', 'eu-west-1']
const fixture = resolve(import.meta.dirname, '../fixtures/evidence/valid/111122223333')

type Account = Scenario['accounts'][number]
type Faults = Scenario['faults']
const fail = (api: string, accountId: string) => ({ api, accountId, count: 100_000, status: 500 as const })
/** Every call but Trusted Advisor's (so its own answer, e.g. not subscribed, is the one source read). */
const allButTa = ['GetCallerIdentity', 'GenerateCredentialReport', 'GetCredentialReport', 'ListAnalyzers']

/** Per case: how its account is set up, and the state both paths must give. */
const cases: Array<{ name: string; expected: BundleState; adjust(a: Account, f: Faults): void }> = [
  { name: 'every source ok', expected: 'ok', adjust: () => {} },
  {
    name: 'Trusted Advisor access denied',
    expected: 'partial',
    adjust: (a, f) => f.accessDenied.push({ api: 'ListRecommendations', accountId: a.id }),
  },
  {
    name: 'the credential report errors',
    expected: 'partial',
    adjust: (a, f) => f.errorBursts.push(fail('GetCredentialReport', a.id)),
  },
  {
    // Offline said partial here before: Access Analyzer's failed Regions are records, but none was read.
    name: 'every source errors',
    expected: 'failed',
    adjust: (a, f) => f.errorBursts.push({ accountId: a.id, count: 100_000, status: 500 }),
  },
  {
    name: 'Trusted Advisor not subscribed',
    expected: 'ok',
    adjust: (a) => {
      a.supportPlan = 'basic'
    },
  },
  {
    name: 'no analyzer in any Region',
    expected: 'ok',
    adjust: (a) => {
      a.accessAnalyzer = {}
    },
  },
  {
    // Not subscribed is an answer, so something was read.
    name: 'Trusted Advisor not subscribed, every other source errors',
    expected: 'partial',
    adjust: (a, f) => {
      a.supportPlan = 'basic'
      f.errorBursts.push(...allButTa.map((api) => fail(api, a.id)))
    },
  },
  {
    // The live run said failed here before (every source status an error); one Region was read.
    name: 'Access Analyzer read in one Region only, every other source errors',
    expected: 'partial',
    adjust: (a, f) => {
      a.accessAnalyzer = {}
      f.errorBursts.push(
        ...allButTa.slice(0, 3).map((api) => fail(api, a.id)),
        fail('ListRecommendations', a.id),
        { api: 'ListAnalyzers', accountId: a.id, region: 'us-east-1', count: 100_000, status: 500 },
      )
    },
  },
]

let fake: FakeAws
const temps = tempDirs('ratchet-states-')
const tempDir = temps.make

beforeAll(async () => {
  const scenario = generateOrganization({ seed: 4242, accounts: cases.length })
  scenario.accounts.forEach((account, i) => {
    account.supportPlan = 'business'
    account.credentialReport.initialState = 'ready'
    account.disabledRegions = []
    cases[i]?.adjust(account, scenario.faults)
  })
  fake = await startFakeAws({ scenario })
})
afterAll(async () => {
  await fake?.close()
  await temps.removeAll()
})

describe('an account bundle state', () => {
  it('is the same in the live run and in the offline merge, for the same per-source outcomes', async () => {
    const options = fakeOptions(fake, {
      regions: REGIONS,
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    })
    const { summary, bundles } = await run(options)
    const dir = await tempDir()
    const seen: Array<{ name: string; live?: string; offline?: string }> = []
    for (const [i, account] of fake.scenario.accounts.entries()) {
      const outcome = summary.accounts.find((a) => a.accountId === account.id)
      const bundle = bundles.get(account.id)
      const attempt = bundle ? await mergeIntoEvidenceFolder(dir, bundle) : undefined
      seen.push({ name: cases[i]?.name ?? '', live: outcome?.state, offline: attempt?.state })
    }
    expect(seen).toEqual(cases.map((c) => ({ name: c.name, live: c.expected, offline: c.expected })))
    // The credential report's columns come from the one parse of its header.
    const first = bundles.get(fake.scenario.accounts[0]?.id ?? '')
    expect(first?.credentialReport.records?.columns).toEqual([...CREDENTIAL_REPORT_HEADER])
    // An error is never ok: every case with a failed or denied source is below ok on both paths.
    for (const bundle of bundles.values()) {
      const hasFailure = sourceIds.some((s) => bundle[s].status.state === 'error')
      const outcome = summary.accounts.find((a) => a.accountId === bundle.accountId)
      if (hasFailure) expect(outcome?.state).not.toBe('ok')
    }
  })
})

describe('offline folder errors', () => {
  it('leaves an account folder it cannot read as it is, and names the folder, the file and what to do', async () => {
    const [bundle] = await readEvidenceFolder(fixture)
    if (!bundle) throw new Error('the fixture holds no account')
    const dir = await tempDir()
    const folder = join(dir, bundle.accountId)
    await writeEvidenceFolder(dir, [bundle])
    await writeFile(join(folder, 'sts-get-caller-identity.json'), '{ "Account": ')
    const before = await snapshotFiles(folder)

    const attempt = await mergeIntoEvidenceFolder(dir, { ...bundle, collectedAt: '2026-11-30T10:00:00.000Z' })

    expect(attempt.keptFromEarlier).toEqual([...sourceIds])
    expect(attempt.detail).toContain(`${folder} was left as it is, because it cannot be read`)
    expect(attempt.detail).toContain('sts-get-caller-identity.json')
    expect(attempt.detail).toContain('repair or move that folder, then collect again')
    // Every file is byte for byte as it was; only the attempt was added beside them.
    const after = await snapshotFiles(folder)
    expect(after.has(attemptFile)).toBe(true)
    after.delete(attemptFile)
    expect(after).toEqual(before)
  })

  it('refuses evidence it cannot render as files, naming the account, file and field, and writes nothing', async () => {
    const [bundle] = await readEvidenceFolder(fixture)
    if (!bundle) throw new Error('the fixture holds no account')
    const raw = bundle.credentialReport.raw.map((p) =>
      p.operation === 'GetCredentialReport' ? { ...p, payload: { Content: 42 } } : p,
    )
    const broken = { ...bundle, credentialReport: { ...bundle.credentialReport, raw } }
    const root = await tempDir()
    const dir = join(root, 'out')
    const attempt = writeEvidenceFolder(dir, [broken])
    await expect(attempt).rejects.toThrow(EvidenceRenderError)
    await expect(attempt).rejects.toThrow(
      `account ${bundle.accountId}: credential-report.csv: field credentialReport.raw.GetCredentialReport.Content: is not text. Nothing was written; collect the account again to replace this evidence.`,
    )
    expect(await readdir(root)).toEqual([])

    // Merged into an existing folder: the same error, and the folder is untouched.
    await writeEvidenceFolder(dir, [bundle])
    const before = await snapshotFiles(dir)
    await expect(
      mergeIntoEvidenceFolder(dir, { ...broken, collectedAt: '2026-11-30T10:00:00.000Z' }),
    ).rejects.toThrow(EvidenceRenderError)
    expect(await snapshotFiles(dir)).toEqual(before)
  })
})
