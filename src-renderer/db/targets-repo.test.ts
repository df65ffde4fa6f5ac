import { describe, expect, it } from 'vitest'
import type { Target } from '../../shared/ipc/domains/aws'
import {
  applyRolePreference,
  createTargetsRepo,
  emptyTargetsSetting,
  mergeDiscovered,
  targetsSettingKey,
} from './targets-repo'
import { testDatabases } from './test-db.test-support'

const { open: openDb } = testDatabases('targets')

const sso = (accountId: string, roles: string[], name = `acct-${accountId.slice(-2)}`): Target => ({
  id: `sso:corp:${accountId}`,
  kind: 'sso',
  accountId,
  accountName: name,
  ssoSession: 'corp',
  availableRoles: roles,
  ...(roles[0] ? { roleName: roles[0] } : {}),
})

describe('merging a discovery into the stored targets', () => {
  it('keeps include choices and hand-picked roles, includes new accounts, drops unreachable ones', () => {
    const first = mergeDiscovered(emptyTargetsSetting(), 'corp', [
      sso('111111111111', ['AdministratorAccess', 'SecurityAudit']),
      sso('222222222222', ['ReadOnlyAccess', 'Billing']),
      sso('333333333333', ['ViewOnlyAccess']),
    ])
    expect(first.targets.map((t) => [t.accountId, t.roleName, t.isIncluded])).toEqual([
      ['111111111111', 'SecurityAudit', true],
      ['222222222222', 'ReadOnlyAccess', true],
      ['333333333333', 'ViewOnlyAccess', true],
    ])
    const edited = {
      ...first,
      targets: first.targets.map((t) =>
        t.accountId === '222222222222'
          ? { ...t, roleName: 'Billing', isRoleChosen: true, isIncluded: false }
          : t,
      ),
    }
    const second = mergeDiscovered(edited, 'corp', [
      sso('222222222222', ['ReadOnlyAccess', 'Billing']),
      sso('444444444444', ['SecurityAudit']),
    ])
    expect(second.targets.map((t) => [t.accountId, t.roleName, t.isIncluded, t.isRoleChosen])).toEqual([
      ['222222222222', 'Billing', false, true],
      ['444444444444', 'SecurityAudit', true, false],
    ])
  })

  it('re-picks roles from a new preference, except those chosen by hand', () => {
    const merged = mergeDiscovered(emptyTargetsSetting(), 'corp', [
      sso('111111111111', ['AuditRole', 'SecurityAudit']),
      sso('222222222222', ['AuditRole', 'ReadOnlyAccess']),
    ])
    const chosen = {
      ...merged,
      targets: merged.targets.map((t) =>
        t.accountId === '222222222222' ? { ...t, roleName: 'ReadOnlyAccess', isRoleChosen: true } : t,
      ),
    }
    const next = applyRolePreference(chosen, ['AuditRole'])
    expect(next.targets.map((t) => t.roleName)).toEqual(['AuditRole', 'ReadOnlyAccess'])
    expect(next.rolePreference).toEqual(['AuditRole'])
  })
})

describe('the targets repository', () => {
  it('persists targets and choices in the settings table', async () => {
    const db = openDb()
    const repo = createTargetsRepo(db)
    const value = mergeDiscovered(emptyTargetsSetting(), 'corp', [sso('111111111111', ['SecurityAudit'])])
    await repo.save(value)
    await expect(createTargetsRepo(db).load()).resolves.toEqual(value)
  })

  it('refuses an invalid value and leaves the stored one intact', async () => {
    const db = openDb()
    const repo = createTargetsRepo(db)
    const good = mergeDiscovered(emptyTargetsSetting(), 'corp', [sso('111111111111', ['SecurityAudit'])])
    await repo.save(good)
    const bad = { ...good, targets: [{ ...good.targets[0], accountId: '12' }] } as unknown as typeof good
    await expect(repo.save(bad)).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('targets.0.accountId: a 12-digit AWS account id'),
    })
    await expect(repo.update(() => bad)).rejects.toMatchObject({ code: 'invalid-input' })
    await expect(repo.load()).resolves.toEqual(good)
  })

  it('reads a corrupt row as the empty default rather than passing a bad type on', async () => {
    const db = openDb()
    await db.settings.put({ key: targetsSettingKey, value: { targets: 'nope' } })
    await expect(createTargetsRepo(db).load()).resolves.toEqual(emptyTargetsSetting())
  })
})
