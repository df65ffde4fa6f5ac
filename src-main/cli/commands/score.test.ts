import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { stringify as toYaml } from 'yaml'
import { defaultModelInput } from '../../../shared/model/default-model'
import type { StableScoreJson } from '../../../shared/scoring/format'
import { runCli } from '../main'
import { bufferedIo } from '../test-support'

const evidenceDir = resolve(import.meta.dirname, '../../../test/fixtures/evidence/valid')
const dir = mkdtempSync(join(tmpdir(), 'ratchet-score-'))
const now = '2026-11-28T00:00:00.000Z'

const io = () => bufferedIo(dir)

async function score(...args: string[]) {
  const buffers = io()
  const code = await runCli(
    ['score', '--evidence', evidenceDir, '--now', now, '--max-age-days', '100000', ...args],
    buffers.io,
  )
  return { code, out: buffers.out.join(''), err: buffers.err.join('') }
}

function control(json: StableScoreJson, accountId: string, controlId: string) {
  return json.accounts
    .find((a) => a.accountId === accountId)
    ?.domains.flatMap((d) => d.controls)
    .find((c) => c.id === controlId)
}

const ownerAnswer = {
  id: 'a1',
  accountId: '444455556666',
  controlId: 'gov.owner-recorded',
  isMet: true,
  attestedBy: 'lead@example.com',
  attestedAt: '2026-11-01T00:00:00.000Z',
  expiresAt: '2027-05-01T00:00:00.000Z',
}

describe('score', () => {
  it('writes the stable JSON shape for a folder of account folders', async () => {
    const { code, out, err } = await score()
    expect(err).toBe('')
    expect(code).toBe(0)
    const json = JSON.parse(out) as StableScoreJson
    expect(json.modelId).toBe('ratchet-default')
    expect(json.modelVersion).toMatch(/^[0-9a-f]{16}$/)
    expect(json.accounts.map((a) => a.accountId)).toEqual(['111122223333', '444455556666'])
    const first = json.accounts[0]
    expect(first?.domains.map((d) => d.id)).toContain('resilience')
    // Both headline numbers and the unknown categories.
    expect(first?.evidenceLevel === null || typeof first?.evidenceLevel === 'number').toBe(true)
    expect(first?.domains.find((d) => d.id === 'governance')?.evidenceLevel).toBeNull()
    expect(first?.unknown['not-answered']).toBeGreaterThan(0)
    expect(Object.keys(first?.domains[0]?.controls[0] ?? {})).toEqual(
      expect.arrayContaining(['id', 'level', 'status', 'reason', 'resources']),
    )
  })

  it('applies attestations from an answers file (YAML)', async () => {
    const answers = {
      attestations: [ownerAnswer],
    }
    writeFileSync(join(dir, 'answers.yaml'), toYaml(answers))
    const before = JSON.parse((await score()).out) as StableScoreJson
    const after = JSON.parse((await score('--answers', 'answers.yaml')).out) as StableScoreJson
    expect(control(before, '444455556666', 'gov.owner-recorded')?.status).toBe('unknown')
    expect(control(after, '444455556666', 'gov.owner-recorded')?.status).toBe('attested')
    expect(control(after, '111122223333', 'gov.owner-recorded')?.status).toBe('unknown')
  })

  it('refuses an answers file naming an unknown control or account, naming them, and prints nothing', async () => {
    const row = ownerAnswer
    const waiverRow = {
      id: 'w1',
      accountId: '999999999999',
      controlId: 'iam.root-mfa',
      reason: 'r',
      approver: 'a',
      createdAt: '2026-11-01T00:00:00.000Z',
      expiresAt: '2027-05-01T00:00:00.000Z',
    }
    writeFileSync(
      join(dir, 'stray.yaml'),
      toYaml({
        attestations: [row, { ...row, id: 'a2', controlId: 'gov.no-such-control' }],
        waivers: [waiverRow],
      }),
    )
    const { code, out, err } = await score('--answers', 'stray.yaml')
    expect(code).toBe(1)
    expect(out).toBe('')
    expect(err).toContain('stray.yaml names controls or accounts that are not being scored')
    expect(err).toContain('attestations[1].controlId: unknown control "gov.no-such-control"')
    expect(err).toContain('waivers[0].accountId: unknown account "999999999999"')
    expect(err).not.toContain('attestations[0]')
  })

  it('scores with a custom model and records its version', async () => {
    const custom = { ...defaultModelInput, id: 'custom', name: 'Custom' }
    writeFileSync(join(dir, 'custom.json'), JSON.stringify(custom))
    const json = JSON.parse((await score('--model', 'custom.json')).out) as StableScoreJson
    expect(json.modelId).toBe('custom')
  })

  it('renders Markdown and a table', async () => {
    const md = await score('--format', 'md')
    expect(md.out).toContain('# Ratchet scorecard')
    expect(md.out).toContain('## Account 111122223333: level')
    const table = await score('--format', 'table')
    expect(table.out.split('\n')[0]).toMatch(/^account\s+level\s+evidence\s+grade\s+iam/)
    expect(table.out).toContain('444455556666')
  })

  it('rejects a broken model file with an error naming the path, and prints nothing to stdout', async () => {
    writeFileSync(
      join(dir, 'broken.yaml'),
      'schemaVersion: 1\nid: x\nname: y\ndomains:\n  - id: iam\n    name: IAM\n    levels: []\n',
    )
    const { code, out, err } = await score('--model', 'broken.yaml')
    expect(code).toBe(1)
    expect(out).toBe('')
    expect(err).toContain('broken.yaml is not a valid Ratchet model:')
    expect(err).toContain('domains[0].levels: a domain has exactly five levels')
  })

  it('rejects invalid answers and out-of-range params', async () => {
    writeFileSync(join(dir, 'bad-answers.json'), JSON.stringify({ attestations: [{ id: 'x' }] }))
    const bad = await score('--answers', 'bad-answers.json')
    expect(bad.code).toBe(1)
    expect(bad.err).toContain('bad-answers.json is not a valid answers file:')
    expect(bad.err).toContain('attestations[0].accountId')
    writeFileSync(join(dir, 'params.json'), JSON.stringify({ params: { 'access-key-max-age-days': 5 } }))
    const params = await score('--answers', 'params.json')
    expect(params.code).toBe(1)
    expect(params.err).toContain('"access-key-max-age-days" must be between 30 and 365 (got 5)')
    expect(params.out).toBe('')
  })

  it('reports a missing evidence folder and usage errors', async () => {
    const missing = io()
    expect(await runCli(['score', '--evidence', 'nope'], missing.io)).toBe(1)
    expect(missing.err.join('')).toContain('Nothing was imported')
    const usage = io()
    expect(await runCli(['score'], usage.io)).toBe(2)
    expect(usage.err.join('')).toContain('score needs --evidence <dir>.')
    const format = io()
    expect(await runCli(['score', '--evidence', evidenceDir, '--format', 'xml'], format.io)).toBe(2)
    expect(format.err.join('')).toContain('--format must be json, md or table, not "xml".')
  })
})
