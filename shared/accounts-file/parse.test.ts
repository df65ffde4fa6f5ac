import { describe, expect, it } from 'vitest'
import type { Account } from '../domain/types'
import { applyAccountDetails } from './apply'
import { AccountsFileError, parseAccountsFile } from './parse'

const csv = `Account_ID,Name,Owner,Environment,Tags,Targets
111111111111,payments-prod,Payments,production,team=payments;pci,iam=3;network=2
222222222222,sandbox,,sandbox,,
`

describe('parseAccountsFile', () => {
  it('reads CSV with any header case, lists in cells and empty cells left out', () => {
    expect(parseAccountsFile(csv, 'accounts.csv')).toEqual([
      {
        id: '111111111111',
        name: 'payments-prod',
        owner: 'Payments',
        environment: 'production',
        tags: ['team=payments', 'pci'],
        targets: { iam: 3, network: 2 },
      },
      { id: '222222222222', name: 'sandbox', environment: 'sandbox' },
    ])
  })

  it('reads JSON, as a list or under "accounts", with tags as a list or an object', () => {
    const list = [{ id: '111111111111', tags: { team: 'payments' } }]
    expect(parseAccountsFile(JSON.stringify(list), 'a.json')).toEqual([
      { id: '111111111111', tags: ['team=payments'] },
    ])
    expect(parseAccountsFile(JSON.stringify({ accounts: list }), 'a.json')).toHaveLength(1)
  })

  it('names the file, the row and the field of each problem', () => {
    const bad = `id,environment,targets\n111111111111,prod,iam=9\n12,production,\n`
    let error: AccountsFileError | undefined
    try {
      parseAccountsFile(bad, 'org.csv')
    } catch (e) {
      error = e as AccountsFileError
    }
    expect(error).toBeInstanceOf(AccountsFileError)
    expect(error?.message).toContain('org.csv is not a valid accounts file')
    expect(error?.issues).toEqual([
      expect.stringMatching(/^org\.csv: row 1, environment: /),
      expect.stringMatching(/^org\.csv: row 1, targets\.iam: /),
      expect.stringMatching(/^org\.csv: row 2, id: must be a 12-digit AWS account id/),
    ])
  })

  it('names the domains when a target names none', () => {
    expect(() => parseAccountsFile('id,targets\n111111111111,iam=3;nets=2\n', 'org.csv')).toThrow(
      /org\.csv: row 1, targets: "nets" is not a domain \(use iam, /,
    )
  })

  it('refuses an account listed twice', () => {
    const twice = 'id\n111111111111\n111111111111\n'
    expect(() => parseAccountsFile(twice, 'org.csv')).toThrow(
      /org\.csv: row 2, id: account 111111111111 is listed twice/,
    )
  })

  it('refuses an unknown column, and a file that is not CSV or JSON', () => {
    expect(() => parseAccountsFile('id,colour\n111111111111,blue\n', 'a.csv')).toThrow(
      /row 1: Unrecognized key: "colour"/,
    )
    expect(() => parseAccountsFile('id,name\n"111', 'a.csv')).toThrow(/a\.csv is not valid CSV/)
    expect(() => parseAccountsFile('{', 'a.json')).toThrow(/a\.json is not valid JSON/)
    expect(() => parseAccountsFile('{"x":1}', 'a.json')).toThrow(/a\.json: expected a list of accounts/)
  })
})

describe('applyAccountDetails', () => {
  const known: Account = {
    id: '111111111111',
    name: 'old',
    owner: 'Someone',
    environment: 'unknown',
    criticality: 'medium',
    tags: [],
    targets: {},
    origin: 'sso',
  }

  it('replaces the fields given, keeps the others, and adds unknown accounts as imported', () => {
    const merged = applyAccountDetails([known], parseAccountsFile(csv, 'accounts.csv'))
    expect(merged[0]).toMatchObject({
      name: 'payments-prod',
      owner: 'Payments',
      origin: 'sso',
      criticality: 'medium',
    })
    expect(merged[1]).toMatchObject({ id: '222222222222', name: 'sandbox', owner: '', origin: 'import' })
  })
})
