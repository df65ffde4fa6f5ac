import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { credentialUserSchema } from '../../shared/evidence/schema'
import {
  CredentialReportParseError,
  parseCredentialReport,
  parseCredentialReportCsv,
} from './credential-report-csv'

const examples = join(import.meta.dirname, '../../test/fixtures/evidence/reference')
const header22 = readFileSync(`${examples}/credential-report-header-current.txt`, 'utf8').trim()

describe('parseCredentialReportCsv', () => {
  it('parses the AWS-documented 16-column sample, root row included', () => {
    const { users, columns } = parseCredentialReportCsv(
      readFileSync(`${examples}/credential-report-sample.csv`, 'utf8'),
    )
    // The 2015 layout: 16 columns, none of the later last-used ones.
    expect(columns).toHaveLength(16)
    expect(columns).not.toContain('access_key_1_last_used_date')
    expect(users.map((u) => u.user)).toEqual(['<root_account>', 'Administrator', 'Bill'])
    for (const user of users) credentialUserSchema.parse(user)
    const [root, admin, bill] = users
    expect(root).toMatchObject({
      isRoot: true,
      hasPassword: null,
      passwordLastChanged: null,
      passwordLastUsed: '2015-04-20T17:41:10.000Z',
      isMfaActive: true,
      accessKeys: [],
    })
    expect(admin?.accessKeys).toEqual([
      {
        slot: 1,
        isActive: true,
        lastRotated: '2014-12-03T18:53:41.000Z',
        lastUsed: null,
        lastUsedRegion: null,
        lastUsedService: null,
      },
      {
        slot: 2,
        isActive: true,
        lastRotated: '2015-03-25T20:38:14.000Z',
        lastUsed: null,
        lastUsedRegion: null,
        lastUsedService: null,
      },
    ])
    expect(bill).toMatchObject({ isRoot: false, hasPassword: false, passwordLastUsed: null })
    expect(bill?.certificates).toEqual([
      { slot: 1, isActive: false, lastRotated: '2015-04-20T20:00:12.000Z' },
    ])
  })

  it('parses the 22-column layout with upper-case booleans, CRLF and quoted fields', () => {
    const rows = [
      header22,
      '<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,no_information,not_supported,not_supported,FALSE,TRUE,2021-01-01T00:00:00+00:00,2024-05-01T10:00:00+00:00,us-east-1,iam,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
      '"alice, the admin",arn:aws:iam::111122223333:user/alice,2021-02-03T04:05:06+00:00,True,2024-06-01T00:00:00+00:00,2024-01-01T00:00:00+00:00,N/A,tRuE,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
    ]
    const { users, columns } = parseCredentialReportCsv(`${rows.join('\r\n')}\r\n`)
    expect(columns).toEqual(header22.split(',').map((c) => c.toLowerCase()))
    expect(users).toHaveLength(2)
    expect(users[0]).toMatchObject({ isRoot: true, isMfaActive: false, passwordLastUsed: null })
    expect(users[0]?.accessKeys).toEqual([
      {
        slot: 1,
        isActive: true,
        lastRotated: '2021-01-01T00:00:00.000Z',
        lastUsed: '2024-05-01T10:00:00.000Z',
        lastUsedRegion: 'us-east-1',
        lastUsedService: 'iam',
      },
    ])
    expect(users[1]).toMatchObject({ user: 'alice, the admin', hasPassword: true, isMfaActive: true })
  })

  it('keeps doubled quotes and newlines inside quoted fields, and counts lines across them', () => {
    const quoted = `${header22}\n"bob ""the builder""\nsecond line",arn:aws:iam::1:user/bob,2021-02-03T04:05:06+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\nx,notanarn,N/A,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n`
    expect(() => parseCredentialReportCsv(quoted)).toThrow('line 4, field arn: "notanarn" is not an ARN')
    const [bob] = parseCredentialReportCsv(quoted.split('\nx,')[0] ?? '').users
    expect(bob?.user).toBe('bob "the builder"\nsecond line')
  })

  it('names the line and field of a bad boolean', () => {
    const bad = `${header22}\nbob,arn:aws:iam::111122223333:user/bob,2021-02-03T04:05:06+00:00,yes,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n`
    expect(() => parseCredentialReportCsv(bad)).toThrow(
      'line 2, field password_enabled: "yes" is not true or false',
    )
  })

  it('names the line and field of a bad time', () => {
    const bad = `${header22}\nbob,arn:aws:iam::111122223333:user/bob,yesterday,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n`
    expect(() => parseCredentialReportCsv(bad)).toThrow(
      'line 2, field user_creation_time: "yesterday" is not an ISO-8601 time',
    )
  })

  it('rejects a short row, a missing column, an unclosed quote and an empty report', () => {
    expect(() => parseCredentialReportCsv(`${header22}\nbob,arn:aws:iam::1:user/bob\n`)).toThrow(
      'line 2: expected 22 fields as in the header, found 2',
    )
    expect(() => parseCredentialReportCsv('user,arn\nx,arn:aws:iam::1:user/x\n')).toThrow(
      'line 1, field user_creation_time: the header has no "user_creation_time" column',
    )
    expect(() => parseCredentialReportCsv(`${header22}\n"bob,arn\n`)).toThrow(CredentialReportParseError)
    expect(() => parseCredentialReportCsv('')).toThrow('line 1: the report is empty')
  })
})

describe('parseCredentialReport (streaming)', () => {
  const sample = () => readFileSync(`${examples}/credential-report-sample.csv`, 'utf8')
  /** The text in small chunks, as a file or a network body arrives. */
  const chunks = (text: string, size = 7) =>
    Readable.from(
      Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size)),
    )

  it('gives the same users as parsing the whole text', async () => {
    expect(await parseCredentialReport(chunks(sample()))).toEqual(parseCredentialReportCsv(sample()))
  })

  it('names the file and the line of a bad row', async () => {
    const bad = `${header22}\nbob,arn:aws:iam::1:user/bob\n`
    await expect(parseCredentialReport(chunks(bad), { fileName: 'credential-report.csv' })).rejects.toThrow(
      'line 2: expected 22 fields as in the header, found 2',
    )
    await expect(parseCredentialReport(chunks(`${header22}\n"bob,arn\n`))).rejects.toThrow(
      CredentialReportParseError,
    )
  })

  it('refuses a report over the size cap, naming the file, without reading the rest', async () => {
    let read = 0
    // One quoted field that never ends: no record is ever complete, only the cap stops it.
    async function* endless() {
      yield '"'
      for (;;) {
        read++
        yield 'x'.repeat(1024)
      }
    }
    await expect(
      parseCredentialReport(endless(), { fileName: 'acme/credential-report.csv', maxBytes: 64 * 1024 }),
    ).rejects.toThrow('acme/credential-report.csv is larger than 0 MB')
    expect(read).toBeLessThan(80)
    expect(() => parseCredentialReportCsv(sample(), { fileName: 'small.csv', maxBytes: 10 })).toThrow(
      'small.csv is larger than',
    )
  })
})
