import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderExport } from '../../shared/report/render'
import { type ReportFormat, reportFormats } from '../../shared/report/types'
import { buildSnapshot } from '../../shared/snapshot/build'
import type { Snapshot } from '../../shared/snapshot/schema'
import { createChromiumPdfPrinter } from '../../src-main/export/chromium-pdf'
import { exportSnapshot } from '../../src-main/export/write'
import { buildFixtureSnapshots, FIXTURE_NOW } from '../fixtures/snapshots/build'
import { decodeEntities, escapeRegExp, sensitiveValues } from '../fixtures/snapshots/sensitive'

const run = promisify(execFile)
const now = FIXTURE_NOW
let folder: string
let hard: Snapshot
let previous: Snapshot

/** Identifiers no redacted output may hold; each is also planted in the data below. */
const planted = {
  formulaName: '=HYPERLINK("http://evil.example","pay")',
  alias: 'acme-payments-live',
  email: "zoë.o'brien@corp.example",
  owner: "Zoë D'Souza-Ærø",
  approver: 'Jürgen Müller (CISO)',
  bucket: 'acme-customer-exports-eu',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  kmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  oddUser: 'ops+déploiement',
}

/**
 * The demo fixture with the hard cases planted in its source data and scored again by the real builder: an
 * account named like a formula with an alias of its own, an e-mail and an owner with characters IAM does
 * not allow, a public bucket, an access key id and a KMS key in Trusted Advisor and Access Analyzer evidence.
 */
function plantHardCases(base: Snapshot): Snapshot {
  const copy = structuredClone(base)
  const [first, second] = copy.accounts
  const bundle = copy.evidence.find((b) => b.accountId === first?.id)
  if (!first || !second || !bundle?.identity.records || !bundle.credentialReport.records) {
    throw new Error('the fixture lacks an account with identity and credential report evidence')
  }
  first.name = planted.formulaName
  first.email = planted.email
  first.owner = planted.owner
  second.owner = '+cmd|calc'
  bundle.identity.records.aliases = [planted.alias]
  const user = bundle.credentialReport.records.users.find((u) => !u.isRoot)
  if (user) bundle.credentialReport.records.users.push({ ...user, user: planted.oddUser, isMfaActive: false })
  const check = bundle.trustedAdvisor.records?.checks[0]
  const region = bundle.accessAnalyzer.records?.regions[0]
  if (!check || !region)
    throw new Error('the fixture account lacks Trusted Advisor or Access Analyzer records')
  check.status = 'warning'
  check.counts.warning += 1
  check.resources.push({
    arn: `arn:aws:s3:::${planted.bucket}`,
    awsResourceId: planted.bucket,
    regionCode: 'global',
    status: 'warning',
    metadata: { Region: 'eu-west-1', 'Bucket Name': planted.bucket, 'Access Key ID': planted.accessKeyId },
    isExcluded: false,
  })
  const finding = {
    analyzerArn: `arn:aws:access-analyzer:${region.region}:${bundle.accountId}:analyzer/external`,
    kind: 'external' as const,
    findingType: 'ExternalAccess',
    resourceOwnerAccount: bundle.accountId,
    status: 'ACTIVE' as const,
    isPublic: true,
    createdAt: copy.createdAt,
    updatedAt: copy.createdAt,
  }
  region.findings.push(
    {
      ...finding,
      id: 'f-bucket',
      resource: `arn:aws:s3:::${planted.bucket}`,
      resourceType: 'AWS::S3::Bucket',
    },
    {
      ...finding,
      id: 'f-key',
      resource: `arn:aws:kms:${region.region}:${bundle.accountId}:key/${planted.kmsKeyId}`,
      resourceType: 'AWS::KMS::Key',
    },
  )
  const waiver = copy.waivers[0]
  if (waiver) {
    waiver.approver = planted.approver
    waiver.reason = `@risk accepted by ${planted.email} for ${planted.bucket} (${planted.accessKeyId}).`
  }
  return buildSnapshot({
    label: '+cmd Q4',
    notes: copy.notes,
    createdAt: new Date(copy.createdAt),
    model: copy.model,
    accounts: copy.accounts,
    evidence: copy.evidence,
    attestations: copy.attestations,
    waivers: copy.waivers,
  })
}

beforeAll(async () => {
  const built = buildFixtureSnapshots()
  previous = built.previous
  hard = plantHardCases(built.current)
  folder = await mkdtemp(join(tmpdir(), 'ratchet-safety-'))
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

/** Writes one export and returns its raw bytes (as latin1, so any byte sequence is searchable) and its text. */
async function exportBoth(format: ReportFormat, isRedacted: boolean): Promise<{ raw: string; text: string }> {
  const path = join(folder, `${isRedacted ? 'redacted' : 'plain'}.${format}`)
  await exportSnapshot(hard, { format, scope: { kind: 'org' }, isRedacted, now, previous }, path, () =>
    createChromiumPdfPrinter(process.env),
  )
  const bytes = await readFile(path)
  const raw = bytes.toString('latin1')
  if (format === 'pdf') {
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', path, '-'], { maxBuffer: 64 << 20 })
    const { stdout: info } = await run('pdfinfo', ['-enc', 'UTF-8', path])
    return { raw, text: `${stdout}\n${info}` }
  }
  const utf8 = bytes.toString('utf8')
  if (format === 'json') return { raw: `${raw}\n${utf8}`, text: stringsOf(JSON.parse(utf8)).join('\n') }
  // The HTML's text as a reader sees it, and every attribute (anchors, ids) as written.
  const text =
    format === 'html'
      ? `${utf8.replace(/<[^>]*>/g, ' ')}\n${[...utf8.matchAll(/\s[a-z-]+="([^"]*)"/g)].map((m) => m[1]).join('\n')}`
      : utf8
  return { raw: `${raw}\n${utf8}`, text }
}

/** Every string in a JSON value, keys included, as a reader of the data would see them. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(stringsOf)
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [k, ...stringsOf(v)])
  return []
}

/**
 * The identifiers found in an output: as whole names in the raw bytes and in the text, and in the text with
 * every whitespace removed (a value broken across PDF lines), where values of 8 characters or more are
 * searched anywhere and shorter ones as whole names.
 */
function leaks(output: { raw: string; text: string }, values: string[]): string[] {
  const texts = [output.raw, decodeEntities(output.raw), output.text, decodeEntities(output.text)]
  const stripped = decodeEntities(output.text).replace(/\s+/g, '')
  return values.filter((value) => {
    const compact = value.replace(/\s+/g, '')
    const whole = new RegExp(`(?<![\\p{L}\\p{N}_+=@-])${escapeRegExp(value)}(?![\\p{L}\\p{N}_+=@-])`, 'u')
    const wholeCompact = new RegExp(
      `(?<![\\p{L}\\p{N}_+=@-])${escapeRegExp(compact)}(?![\\p{L}\\p{N}_+=@-])`,
      'u',
    )
    return (
      texts.some((t) => whole.test(t)) ||
      (compact.length >= 8 ? stripped.includes(compact) : wholeCompact.test(stripped))
    )
  })
}

describe('CSV injection', () => {
  it('writes no cell that a spreadsheet would run as a formula', () => {
    const { text } = renderExport(hard, { format: 'csv', scope: { kind: 'org' }, isRedacted: false, now })
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>
    const cells = rows.flatMap((r) => Object.values(r))
    expect(cells).toContain(`'${planted.formulaName}`)
    expect(cells).toContain(`'+cmd Q4`)
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([])
  })
})

describe('redaction in every format', () => {
  const values = () => {
    const found = sensitiveValues(hard)
    return [...new Set([...Object.values(found).flat(), ...Object.values(planted), '+cmd|calc'])]
  }

  it('finds the planted identifiers in the plain outputs, so the search can fail', async () => {
    const json = await exportBoth('json', false)
    expect(leaks(json, Object.values(planted))).toEqual(Object.values(planted))
    const html = await exportBoth('html', false)
    expect(leaks(html, [planted.bucket, planted.owner, planted.formulaName])).toHaveLength(3)
  })

  for (const format of reportFormats) {
    it(`leaves no identifier of the source data in a redacted ${format}`, { timeout: 60_000 }, async () => {
      const output = await exportBoth(format, true)
      expect(leaks(output, values()), format).toEqual([])
      expect(output.text).toContain('account-1')
    })
  }
})
