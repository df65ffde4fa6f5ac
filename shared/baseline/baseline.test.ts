import { describe, expect, it } from 'vitest'
import { computeBreaches, evaluateBaselines, worstState } from './breaches'
import { account, baseline, scorecard } from './fixtures.test-support'
import { baselinesFromTargets, parseBaselinesFile, serializeBaselines } from './io'
import { BaselineRuleError, classifyChange, previewRevision, reviseBaseline } from './revise'
import { latestVersions, resolveBaseline } from './scope'

const prod = baseline({
  id: 'prod',
  scope: { kind: 'environment', environments: ['production'] },
  minimums: { iam: 2 },
})
const payments = baseline({
  id: 'payments',
  scope: { kind: 'owner', owner: 'Payments' },
  minimums: { iam: 3 },
})
const pci = baseline({ id: 'pci', scope: { kind: 'tag', tag: 'pci' }, minimums: { iam: 4 } })
const one = baseline({
  id: 'one',
  scope: { kind: 'accounts', accountIds: ['111111111111'] },
  minimums: { iam: 1 },
})

describe('scope resolution: the most specific scope wins', () => {
  const acct = account('111111111111', { environment: 'production', owner: 'payments', tags: ['pci'] })

  it('prefers explicit accounts, then tag, then owner, then environment', () => {
    expect(resolveBaseline(acct, [prod, payments, pci, one])?.baseline.id).toBe('one')
    expect(resolveBaseline(acct, [prod, payments, pci])?.baseline.id).toBe('pci')
    expect(resolveBaseline(acct, [prod, payments])?.baseline.id).toBe('payments')
    expect(resolveBaseline(acct, [prod])?.matchedBy).toBe('environment')
  })

  it('lists the shadowed baselines and breaks ties by id, whatever the input order', () => {
    const pci2 = baseline({ id: 'a-pci', scope: { kind: 'tag', tag: 'pci' } })
    const match = resolveBaseline(acct, [prod, pci, pci2, payments])
    expect(match?.baseline.id).toBe('a-pci')
    expect(match?.shadowed).toEqual(['pci', 'payments', 'prod'])
    expect(resolveBaseline(acct, [pci2, pci].reverse())?.baseline.id).toBe('a-pci')
  })

  it('holds no account outside every scope', () => {
    expect(resolveBaseline(account('222222222222', { environment: 'sandbox' }), [prod, pci])).toBeUndefined()
  })

  it('uses only the latest version of each baseline', () => {
    const v2 = { ...prod, version: 2, minimums: { iam: 3 as const } }
    expect(latestVersions([v2, prod, pci]).map((b) => `${b.id}@${b.version}`)).toEqual(['pci@1', 'prod@2'])
  })
})

describe('breaches', () => {
  it('flags a level under the minimum as failing when a control at or below it fails', () => {
    const card = scorecard('111111111111', { 'iam.l2': 'fail' })
    const [breach, ...rest] = computeBreaches(card, prod)
    expect(rest).toEqual([])
    expect(breach).toMatchObject({ kind: 'level', state: 'failing', domainId: 'iam', required: 2, actual: 1 })
    expect(breach?.reason).toContain('iam.l2')
    expect(breach?.resources).toEqual([{ id: 'arn:aws:iam::iam.l2', type: 'test' }])
  })

  it('flags a level held back only by unverified controls as unknown, not failing', () => {
    const card = scorecard('111111111111', { 'iam.l1': ['unknown', 'not-subscribed'], 'iam.l3': 'fail' })
    expect(computeBreaches(card, prod)).toMatchObject([{ kind: 'level', state: 'unknown', actual: 0 }])
  })

  it('meets the minimum at or above it', () => {
    expect(computeBreaches(scorecard('111111111111', { 'iam.l3': 'fail' }), prod)).toEqual([])
  })

  it('judges invariants on evidence: fail, unknown, attested, waived, missing from the model', () => {
    const inv = baseline({
      id: 'inv',
      scope: { kind: 'environment', environments: ['production'] },
      invariants: ['iam.l1', 'iam.l2', 'iam.l3', 'iam.l4', 'iam.l5', 'nope.control', 'network.l1'],
    })
    const card = scorecard('111111111111', {
      'iam.l1': 'fail',
      'iam.l2': ['unknown', 'not-collected'],
      'iam.l3': 'attested',
      'iam.l4': 'exempt',
      'iam.l5': 'not-applicable',
    })
    const states = Object.fromEntries(computeBreaches(card, inv).map((b) => [b.controlId, b.state]))
    expect(states).toEqual({
      'iam.l1': 'failing',
      'iam.l2': 'unknown',
      'iam.l3': 'unknown',
      'iam.l4': 'waived',
      'nope.control': 'unknown',
    })
    const attested = computeBreaches(card, inv).find((b) => b.controlId === 'iam.l3')
    expect(attested?.reason).toContain('needs evidence')
  })

  it('an invariant breaches even when the level is far above the minimum', () => {
    const inv = baseline({
      id: 'i',
      scope: { kind: 'tag', tag: 'x' },
      minimums: { iam: 1 },
      invariants: ['iam.l5'],
    })
    expect(computeBreaches(scorecard('111111111111', { 'iam.l5': 'fail' }), inv)).toHaveLength(1)
  })

  it('evaluates each account against the baseline that holds it', () => {
    const accounts = [
      account('111111111111', { environment: 'production' }),
      account('222222222222', { environment: 'production', tags: ['pci'] }),
      account('333333333333', { environment: 'sandbox' }),
    ]
    const cards = accounts.map((a) => scorecard(a.id, { 'iam.l3': 'fail' }))
    const results = evaluateBaselines(accounts, cards, [prod, pci])
    expect(results.map((r) => [r.accountId, r.baselineId, r.breaches.length])).toEqual([
      ['111111111111', 'prod', 0],
      ['222222222222', 'pci', 1],
      ['333333333333', undefined, 0],
    ])
  })

  it('ranks the worst state: failing > unknown > waived > none', () => {
    const card = scorecard('111111111111', { 'iam.l1': 'exempt', 'iam.l2': 'unknown' })
    const inv = baseline({ id: 'i', scope: { kind: 'tag', tag: 'x' }, invariants: ['iam.l1'] })
    expect(worstState(computeBreaches(card, inv))).toBe('waived')
    expect(worstState(computeBreaches(card, { ...inv, invariants: ['iam.l1', 'iam.l2'] }))).toBe('unknown')
    expect(worstState([])).toBe('none')
  })
})

describe('revising a baseline', () => {
  const author = { by: 'lead@example.com', at: '2026-12-01T00:00:00.000Z', reason: 'Q1 bar' }

  it('raises at any time and numbers versions', () => {
    const next = reviseBaseline(prod, { ...prod, minimums: { iam: 3 } }, author)
    expect(next).toMatchObject({ version: 2, change: 'raised', setBy: author.by, reason: 'Q1 bar' })
    expect(reviseBaseline(next, { ...next, invariants: ['iam.root-mfa'] }, author).change).toBe('raised')
  })

  it('refuses a lowering without an approver, and records it with one', () => {
    const lower = { ...prod, minimums: { iam: 1 as const } }
    expect(() => reviseBaseline(prod, lower, author)).toThrow(BaselineRuleError)
    expect(() => reviseBaseline(prod, lower, author)).toThrow(/approver/)
    const saved = reviseBaseline(prod, lower, { ...author, approver: 'ciso@example.com' })
    expect(saved).toMatchObject({ change: 'lowered', approver: 'ciso@example.com', version: 2 })
  })

  it('treats a removed invariant, a dropped minimum or a new scope as a lowering', () => {
    const withInv = { ...prod, invariants: ['a'] }
    expect(classifyChange(withInv, { ...withInv, invariants: [] })).toBe('lowered')
    expect(classifyChange(prod, { ...prod, minimums: {} })).toBe('lowered')
    expect(classifyChange(prod, { ...prod, scope: { kind: 'tag', tag: 'prod' } })).toBe('lowered')
    expect(classifyChange(prod, { ...prod, name: 'Production' })).toBe('unchanged')
  })

  it('refuses a revision without a reason', () => {
    expect(() => reviseBaseline(prod, prod, { ...author, reason: ' ' })).toThrow(/why/)
  })

  it('refuses a revision that changes the baseline id', () => {
    expect(() => reviseBaseline(prod, { ...prod, id: 'production' }, author)).toThrow(
      /revision of "prod" cannot change its id to "production"/,
    )
  })

  it('previews which accounts a raise would breach, and why', () => {
    const accounts = [
      account('111111111111', { environment: 'production' }),
      account('222222222222', { environment: 'production' }),
    ]
    const cards = [
      scorecard('111111111111', { 'iam.l3': 'fail' }),
      scorecard('222222222222', { 'iam.l4': 'fail' }),
    ]
    const raised = reviseBaseline(prod, { ...prod, minimums: { iam: 3 } }, author)
    const preview = previewRevision(accounts, cards, [prod], raised)
    expect(preview.change).toBe('raised')
    expect(preview.newlyBreaching).toEqual(['111111111111'])
    expect(preview.added).toMatchObject([
      { accountId: '111111111111', domainId: 'iam', required: 3, actual: 2 },
    ])
    expect(preview.removed).toEqual([])
  })
})

describe('baselines files', () => {
  it('round-trips JSON and YAML', () => {
    for (const format of ['json', 'yaml'] as const) {
      const text = serializeBaselines([pci, prod], format)
      expect(parseBaselinesFile(text, `b.${format}`)).toEqual([pci, prod])
    }
  })

  it('accepts a bare list of versions', () => {
    expect(parseBaselinesFile(JSON.stringify([prod]), 'b.json')).toEqual([prod])
  })

  it('names the file and the field of every problem', () => {
    const bad = {
      baselines: [
        { ...prod, minimums: { iam: 9 } },
        { ...prod, scope: { kind: 'planet' } },
      ],
    }
    expect(() => parseBaselinesFile(JSON.stringify(bad), 'team.json')).toThrow(
      /team\.json is not a valid baselines file/,
    )
    try {
      parseBaselinesFile(JSON.stringify(bad), 'team.json')
    } catch (error) {
      const issues = (error as { issues: string[] }).issues
      expect(issues.some((i) => i.startsWith('team.json: baselines[0].minimums.iam'))).toBe(true)
      expect(issues.some((i) => i.startsWith('team.json: baselines[1].scope.kind'))).toBe(true)
    }
  })

  it('refuses a lowering without an approver and a version listed twice', () => {
    const lowered = { ...prod, version: 2, change: 'lowered' }
    expect(() => parseBaselinesFile(JSON.stringify([lowered]), 'b.json')).toThrow(/approver/)
    expect(() => parseBaselinesFile(JSON.stringify([prod, prod]), 'b.json')).toThrow(/listed twice/)
  })

  it('reports YAML syntax errors with the file name', () => {
    expect(() => parseBaselinesFile('baselines: [', 'b.yaml')).toThrow(/b\.yaml is not valid YAML/)
  })
})

describe('per-account targets', () => {
  it('become single-account baselines, the most specific scope', () => {
    const migrated = baselinesFromTargets(
      [
        { id: '111111111111', name: 'web', targets: { iam: 3 } },
        { id: '222222222222', name: 'data', targets: {} },
      ],
      { by: 'migration', at: '2026-11-29T00:00:00.000Z', reason: 'migrated from targets' },
    )
    expect(migrated).toMatchObject([
      {
        id: 'account-111111111111',
        scope: { kind: 'accounts', accountIds: ['111111111111'] },
        minimums: { iam: 3 },
      },
    ])
    const acct = account('111111111111', { environment: 'production' })
    expect(resolveBaseline(acct, [prod, ...migrated])?.baseline.id).toBe('account-111111111111')
  })
})
