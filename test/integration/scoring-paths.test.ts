import { cpSync, mkdtempSync, readdirSync, readFileSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Account } from '../../shared/domain/types'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import { parseAnswers } from '../../shared/model/answers'
import { defaultModel } from '../../shared/model/default-model'
import { renderExport } from '../../shared/report/render'
import { compileModel } from '../../shared/scoring/engine'
import type { StableScoreJson } from '../../shared/scoring/format'
import { scoreAccountsCached } from '../../shared/scoring/score-accounts'
import type { OrgScorecard } from '../../shared/scoring/types'
import { buildSnapshot } from '../../shared/snapshot/build'
import { parseSnapshotFile } from '../../shared/snapshot/schema'
import { runCliCaptured } from '../../src-main/cli/test-support'
import { readEvidenceFolder } from '../../src-main/collect/offline'

/**
 * One scoring path: `cli score`, the app's scoring (scoreDesk), a snapshot and a JSON export give the same
 * control results for the same evidence and answers. The answers hold an older "met" with a newer "not met",
 * a newest answer that has expired beside an older current one, two waivers for one control and an answer
 * recorded after the scoring time.
 */

const fixtureDir = resolve(import.meta.dirname, '../fixtures/evidence/valid')
const collectedAt = new Date('2026-11-27T00:00:00.000Z')
let evidenceDir: string
const answersFile = resolve(import.meta.dirname, '../fixtures/scoring/answers-paths.yaml')
const now = new Date('2026-11-28T00:00:00.000Z')

type Row = [string, string, string, string, string | undefined]

/** Every control result as [account, control, status, reason, unknownReason], in order. */
function rowsOf(accounts: StableScoreJson['accounts'] | OrgScorecard['accounts']): Row[] {
  return accounts.flatMap((a) =>
    a.domains.flatMap((d) =>
      (
        d.controls as Array<{
          id?: string
          controlId?: string
          status: string
          reason: string
          unknownReason?: string
        }>
      ).map((c): Row => [a.accountId, c.id ?? c.controlId ?? '', c.status, c.reason, c.unknownReason]),
    ),
  )
}

let bundles: EvidenceBundle[]
let accounts: Account[]
const answers = parseAnswers(readFileSync(answersFile, 'utf8'), answersFile)

beforeAll(async () => {
  // A copy whose files are dated the day before scoring: without ratchet-evidence.json, the collection time
  // is the files' modification time.
  evidenceDir = mkdtempSync(join(tmpdir(), 'ratchet-paths-'))
  cpSync(fixtureDir, evidenceDir, { recursive: true })
  for (const account of readdirSync(evidenceDir))
    for (const file of readdirSync(join(evidenceDir, account)))
      utimesSync(join(evidenceDir, account, file), collectedAt, collectedAt)
  bundles = await readEvidenceFolder(evidenceDir)
  accounts = bundles.map((b) => ({
    id: b.accountId,
    name: `account-${b.accountId}`,
    owner: '',
    environment: 'production',
    criticality: 'medium',
    tags: [],
    targets: {},
    origin: 'import',
  }))
})

async function cliRows(): Promise<Row[]> {
  const { code, out, err } = await runCliCaptured(
    ['score', '--evidence', evidenceDir, '--answers', answersFile, '--now', now.toISOString()],
    { cwd: process.cwd() },
  )
  expect(err).toBe('')
  expect(code).toBe(0)
  return rowsOf((JSON.parse(out) as StableScoreJson).accounts)
}

function snapshotNow() {
  return buildSnapshot({
    createdAt: now,
    model: defaultModel,
    accounts,
    evidence: bundles,
    attestations: answers.attestations,
    waivers: answers.waivers,
  })
}

describe('one scoring path', () => {
  it('gives identical control results in the CLI, the app, a snapshot and a JSON export', async () => {
    const cli = await cliRows()
    // The app's scoring: src-renderer/store/scorecards.ts (scoreDesk) delegates to scoreAccountsCached.
    const desk = scoreAccountsCached({
      model: compileModel(defaultModel),
      accounts,
      latestEvidence: Object.fromEntries(bundles.map((b) => [b.accountId, b])),
      attestations: answers.attestations,
      waivers: answers.waivers,
      now,
    })
    const app = rowsOf(accounts.map((a) => desk.get(a.id)).filter((c) => c !== undefined))
    const snapshot = snapshotNow()
    const exported = renderExport(snapshot, {
      format: 'json',
      scope: { kind: 'org' },
      isRedacted: false,
      now,
    })
    const reread = parseSnapshotFile(exported.text, 'export.json')

    expect(cli.length).toBeGreaterThan(100)
    expect(app).toEqual(cli)
    expect(rowsOf(snapshot.scorecard.accounts)).toEqual(cli)
    expect(rowsOf(reread.scorecard.accounts)).toEqual(cli)
  })

  it('selects the newest answer: a newer "not met" beats an older "met"; an expired newest one is unknown', async () => {
    const rows = await cliRows()
    const find = (account: string, control: string) => rows.find((r) => r[0] === account && r[1] === control)
    expect(find('111122223333', 'gov.owner-recorded')?.[2]).toBe('fail')
    expect(find('444455556666', 'gov.owner-recorded')?.slice(2)).toEqual([
      'unknown',
      'The answer by carol expired on 2026-11-15T00:00:00.000Z',
      'answer-expired',
    ])
    expect(find('444455556666', 'gov.security-contact')?.[2]).toBe('attested')
    // Recorded after the scoring time: not answered yet.
    expect(find('111122223333', 'gov.security-contact')?.slice(2)).toEqual([
      'unknown',
      'Not answered yet',
      'not-answered',
    ])
    expect(find('111122223333', 'iam.access-key-rotation')?.[3]).toContain('Waived by frank')
  })

  it('keeps in a snapshot only the answers that decide a control', () => {
    const snapshot = snapshotNow()
    expect(snapshot.attestations.map((a) => a.id).sort()).toEqual([
      'a-new-not-met',
      'b-new-expired',
      'b-policy',
    ])
    expect(snapshot.waivers.map((w) => w.id)).toEqual(['w-new'])
  })
})
