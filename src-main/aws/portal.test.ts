import { describe, expect, it } from 'vitest'
import { defaultPortalQuota, portalQuotaFromEnv } from './portal'

describe('the portal quota setting', () => {
  it('defaults to 20 requests/s, burst 20, and takes RATCHET_SSO_PORTAL_RPS when it is a positive number', () => {
    expect(portalQuotaFromEnv({})).toEqual(defaultPortalQuota)
    expect(defaultPortalQuota).toEqual({ perSecond: 20, burst: 20 })
    expect(portalQuotaFromEnv({ RATCHET_SSO_PORTAL_RPS: '5' })).toEqual({ perSecond: 5, burst: 5 })
    expect(portalQuotaFromEnv({ RATCHET_SSO_PORTAL_RPS: '0.5' })).toEqual({ perSecond: 0.5, burst: 1 })
    for (const bad of ['0', '-3', 'fast', ''])
      expect(portalQuotaFromEnv({ RATCHET_SSO_PORTAL_RPS: bad })).toEqual(defaultPortalQuota)
  })
})
