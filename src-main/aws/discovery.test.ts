import { describe, expect, it } from 'vitest'
import { defaultRolePreference, pickRole } from '../../shared/ipc/domains/aws'
import { mapBounded } from './discovery'

describe('role preference', () => {
  it('picks SecurityAudit, then ReadOnlyAccess, then ViewOnlyAccess by default', () => {
    expect(pickRole(['AdministratorAccess', 'ReadOnlyAccess', 'SecurityAudit'], defaultRolePreference)).toBe(
      'SecurityAudit',
    )
    expect(pickRole(['AdministratorAccess', 'ViewOnlyAccess', 'ReadOnlyAccess'], defaultRolePreference)).toBe(
      'ReadOnlyAccess',
    )
    expect(pickRole(['ViewOnlyAccess', 'Billing'], defaultRolePreference)).toBe('ViewOnlyAccess')
  })

  it('follows the user order first, ignoring case', () => {
    expect(pickRole(['SecurityAudit', 'AuditorRole'], ['auditorrole', ...defaultRolePreference])).toBe(
      'AuditorRole',
    )
  })

  it('falls back to the first role alphabetically, and to nothing when there is none', () => {
    expect(pickRole(['Zeta', 'Alpha'], defaultRolePreference)).toBe('Alpha')
    expect(pickRole([], defaultRolePreference)).toBeUndefined()
  })
})

describe('bounded concurrency', () => {
  it('never runs more than the limit at once and keeps the order', async () => {
    let running = 0
    let peak = 0
    const result = await mapBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++
      peak = Math.max(peak, running)
      await new Promise((resolve) => setImmediate(resolve))
      running--
      return n * 10
    })
    expect(result).toEqual([10, 20, 30, 40, 50, 60, 70])
    expect(peak).toBe(3)
  })
})
