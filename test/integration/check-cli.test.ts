import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { stringify as toYaml } from 'yaml'
import type { AccountBaselineResult } from '../../shared/baseline/breaches'
import type { BaselineInput } from '../../shared/baseline/types'
import { runCliCaptured, runCliInShell } from '../../src-main/cli/test-support'

/**
 * `cli check` against the evidence folders in test/fixtures/evidence/valid: 111122223333 and 444455556666 both
 * pass iam.root-mfa; 444455556666 fails iam.console-users-mfa; both are unverified on Trusted Advisor checks
 * (data.no-public-snapshots) and on unanswered governance questions.
 */
const repoRoot = resolve(import.meta.dirname, '../..')
const evidence = resolve(repoRoot, 'test/fixtures/evidence/valid')
const dir = mkdtempSync(join(tmpdir(), 'ratchet-check-'))
const now = '2026-11-28T00:00:00.000Z'
const A = '111122223333'
const B = '444455556666'
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function baseline(input: Partial<BaselineInput>): BaselineInput {
  return {
    id: 'prod',
    name: 'Production',
    version: 1,
    scope: { kind: 'environment', environments: ['production'] },
    setBy: 'lead@example.com',
    setAt: '2026-11-01T00:00:00.000Z',
    reason: 'the production bar',
    ...input,
  }
}

const accountsCsv = `id,name,environment,owner\n${A},payments,production,Payments\n${B},data,production,Data\n`
writeFileSync(join(dir, 'accounts.csv'), accountsCsv)

function check(baselines: BaselineInput[], ...more: string[]) {
  writeFileSync(join(dir, 'baselines.yaml'), toYaml({ baselines }))
  return runCliCaptured(
    [
      'check',
      '--evidence',
      evidence,
      '--baselines',
      'baselines.yaml',
      '--accounts',
      'accounts.csv',
      '--now',
      now,
      '--max-age-days',
      '100000',
      ...more,
    ],
    { cwd: dir },
  )
}

describe('npm run cli -- check', () => {
  it('exits 0 when every account meets its baseline', async () => {
    const { code, out, err } = await check([
      baseline({ invariants: ['iam.root-mfa', 'iam.root-no-access-keys'] }),
    ])
    expect(err).toBe('')
    expect(out).toContain(`${A} (payments): prod v1 (by environment), meets it`)
    expect(out).toContain('0 failing, 0 unknown, 0 waived breach(es) in 2 account(s)')
    expect(code).toBe(0)
  })

  it('exits 1 on a failing invariant, naming the account, the control, its resources and evidence time', async () => {
    const { code, out } = await check([baseline({ invariants: ['iam.console-users-mfa'] })])
    expect(code).toBe(1)
    expect(out).toMatch(new RegExp(`${B} \\(data\\): prod v1 \\(by environment\\), 1 breach`))
    expect(out).toMatch(
      / {2}FAILING invariant: iam\.console-users-mfa fails: .*Administrator.*\[evidence: credentialReport /,
    )
  })

  it('exits 3 when the only breaches are unknown: nothing hidden, no failure', async () => {
    const { code, out } = await check([baseline({ invariants: ['data.no-public-snapshots'] })])
    expect(code).toBe(3)
    expect(out.match(/UNKNOWN invariant: data\.no-public-snapshots is unverified/g)).toHaveLength(2)
  })

  it('a level under the minimum fails when a control fails, and is unknown when only unverified', async () => {
    expect((await check([baseline({ minimums: { iam: 2 } })])).code).toBe(1)
    const governance = await check([baseline({ minimums: { governance: 1 } })])
    expect(governance.code).toBe(3)
    expect(governance.out).toContain(
      'UNKNOWN level: governance is at level 0, under the minimum 1: unverified',
    )
  })

  it('shows a waiver as a waived breach that does not fail, and never lets an attestation satisfy an invariant', async () => {
    const answers = {
      waivers: [
        {
          id: 'w1',
          accountId: B,
          controlId: 'iam.console-users-mfa',
          reason: 'break-glass user, MFA in the safe',
          approver: 'ciso@example.com',
          createdAt: '2026-11-01T00:00:00.000Z',
          expiresAt: '2027-02-01T00:00:00.000Z',
        },
      ],
      attestations: [A, B].map((accountId) => ({
        id: `a-${accountId}`,
        accountId,
        controlId: 'gov.owner-recorded',
        isMet: true,
        attestedBy: 'lead@example.com',
        attestedAt: '2026-11-01T00:00:00.000Z',
        expiresAt: '2027-05-01T00:00:00.000Z',
      })),
    }
    writeFileSync(join(dir, 'answers.json'), JSON.stringify(answers))
    const waived = await check(
      [baseline({ invariants: ['iam.console-users-mfa'] })],
      '--answers',
      'answers.json',
    )
    expect(waived.out).toContain('WAIVED invariant: iam.console-users-mfa is waived by ciso@example.com')
    expect(waived.code).toBe(0)
    const attested = await check(
      [baseline({ invariants: ['gov.owner-recorded'] })],
      '--answers',
      'answers.json',
    )
    expect(attested.out).toContain(
      'UNKNOWN invariant: gov.owner-recorded is attested by lead@example.com, but an invariant needs evidence',
    )
    expect(attested.code).toBe(3)
  })

  it('lets the most specific scope win, including targets from the accounts file', async () => {
    const byOwner = baseline({
      id: 'payments',
      scope: { kind: 'owner', owner: 'payments' },
      invariants: ['iam.root-mfa'],
    })
    const strict = baseline({ minimums: { iam: 2 } })
    const { out } = await check([strict, byOwner], '--format', 'json')
    const results = JSON.parse(out).results as AccountBaselineResult[]
    expect(results.map((r) => [r.accountId, r.baselineId, r.breaches.length])).toEqual([
      [A, 'payments', 0],
      [B, 'prod', 1],
    ])
    writeFileSync(join(dir, 'accounts.csv'), `id,environment,targets\n${A},production,iam=3\n`)
    const targeted = JSON.parse((await check([strict], '--format', 'json')).out)
      .results as AccountBaselineResult[]
    expect(targeted.find((r) => r.accountId === A)).toMatchObject({
      baselineId: `account-${A}`,
      matchedBy: 'accounts',
    })
    writeFileSync(join(dir, 'accounts.csv'), accountsCsv)
  })

  it('judges an account listed in the accounts file without evidence as unknown, never as passing', async () => {
    writeFileSync(join(dir, 'accounts.csv'), `${accountsCsv}999988887777,new,production,\n`)
    const { code, out } = await check([baseline({ invariants: ['iam.root-mfa'] })])
    expect(out).toContain('999988887777 (new): prod v1 (by environment), 1 breach')
    expect(out).toContain('UNKNOWN invariant: iam.root-mfa is unverified')
    expect(code).toBe(3)
    writeFileSync(join(dir, 'accounts.csv'), accountsCsv)
  })

  it('exits 2 on usage errors and on invalid files, naming the file and the field', async () => {
    const usage = await runCliCaptured(['check', '--evidence', evidence], { cwd: dir })
    expect(usage.code).toBe(2)
    const bad = await check([baseline({ minimums: { iam: 7 as 5 } })])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('baselines.yaml is not a valid baselines file')
    expect(bad.err).toContain('baselines[0].minimums.iam')
    writeFileSync(join(dir, 'accounts.csv'), `id,environment\n${A},prod\n`)
    const badAccounts = await check([baseline({})])
    expect(badAccounts.code).toBe(2)
    expect(badAccounts.err).toContain('accounts.csv: row 1, environment')
    writeFileSync(join(dir, 'accounts.csv'), accountsCsv)
  })

  it('returns its exit code to the shell', async () => {
    writeFileSync(
      join(dir, 'baselines.json'),
      JSON.stringify([baseline({ invariants: ['iam.console-users-mfa'] })]),
    )
    const run = runCliInShell([
      'check',
      '--evidence',
      evidence,
      '--baselines',
      join(dir, 'baselines.json'),
      '--accounts',
      join(dir, 'accounts.csv'),
      '--now',
      now,
      '--max-age-days',
      '100000',
    ])
    await expect(run).rejects.toMatchObject({ code: 1 })
  }, 60_000)
})
