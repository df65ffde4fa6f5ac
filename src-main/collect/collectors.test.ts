import { describe, expect, it } from 'vitest'
import type { AccessAnalyzerRegion } from '../../shared/evidence/schema'
import { combineRegionStatuses } from '../../shared/evidence/select'
import { findingKindOf, toFinding } from './access-analyzer'
import { statusFromError, toJsonValue } from './context'
import { findJsonError, parseJsonDocuments } from './offline-files'
import { isSupportLevelDenial, resourceStatusesToList } from './trusted-advisor'

const named = (name: string, message: string) => Object.assign(new Error(message), { name })

describe('Trusted Advisor helpers', () => {
  it('lists resources with the fewest pages', () => {
    expect(resourceStatusesToList({ ok: 50, warning: 0, error: 0 })).toEqual([])
    expect(resourceStatusesToList({ ok: 50, warning: 3, error: 0 })).toEqual(['warning'])
    expect(resourceStatusesToList({ ok: 50, warning: 0, error: 3 })).toEqual(['error'])
    // 2 filtered pages (1 + 1) against 1 unfiltered page: unfiltered wins.
    expect(resourceStatusesToList({ ok: 5, warning: 3, error: 3 })).toEqual([undefined])
    // 2 filtered pages against 6 unfiltered pages: filtered wins.
    expect(resourceStatusesToList({ ok: 1000, warning: 3, error: 3 })).toEqual(['warning', 'error'])
  })

  it('tells a support-level denial from any other denial', () => {
    expect(isSupportLevelDenial(named('AccessDeniedException', 'Access denied due to support level'))).toBe(
      true,
    )
    expect(isSupportLevelDenial(named('AccessDeniedException', 'User is not authorized'))).toBe(false)
    expect(isSupportLevelDenial(named('ThrottlingException', 'support level'))).toBe(false)
  })
})

describe('source statuses', () => {
  it('makes access denied unavailable and anything else an error with its code', () => {
    expect(statusFromError(named('AccessDenied', 'no'))).toEqual({
      state: 'unavailable',
      reason: 'access-denied',
      message: 'no',
    })
    expect(statusFromError(named('ServiceFailureException', 'boom'))).toEqual({
      state: 'error',
      code: 'ServiceFailureException',
      message: 'boom',
    })
  })

  const region = (name: string, status: AccessAnalyzerRegion['status']): AccessAnalyzerRegion => ({
    region: name,
    status,
    collectedAt: '2026-11-28T00:00:00.000Z',
    analyzers: [],
    findings: [],
  })

  it('combines Region statuses: gaps are evidence, errors name their Regions', () => {
    const noAnalyzer = { state: 'unavailable', reason: 'no-analyzer', message: 'none' } as const
    const denied = { state: 'unavailable', reason: 'access-denied', message: 'denied' } as const
    expect(combineRegionStatuses([region('a', { state: 'ok' }), region('b', noAnalyzer)])).toEqual({
      state: 'ok',
    })
    expect(combineRegionStatuses([region('a', denied), region('b', denied)])).toEqual(denied)
    expect(
      combineRegionStatuses([
        region('a', { state: 'ok' }),
        region('b', { state: 'error', code: 'InternalServerException', message: 'boom' }),
      ]),
    ).toEqual({ state: 'error', code: 'InternalServerException', message: '1 of 2 Regions failed (b: boom)' })
  })
})

describe('Access Analyzer findings', () => {
  it('keeps isPublic only for external access', () => {
    const base = {
      id: 'f',
      resourceType: 'AWS::S3::Bucket',
      resourceOwnerAccount: '111122223333',
      status: 'ACTIVE',
      isPublic: true,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      updatedAt: '2026-01-02T00:00:00+00:00',
    }
    expect(toFinding(base, 'arn', findingKindOf('ACCOUNT'))).toMatchObject({
      kind: 'external',
      findingType: 'ExternalAccess',
      isPublic: true,
      resource: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
    })
    expect(
      toFinding({ ...base, findingType: 'UnusedIAMRole' }, 'arn', findingKindOf('ACCOUNT_UNUSED_ACCESS')),
    ).toMatchObject({
      kind: 'unused',
      isPublic: null,
    })
  })
})

describe('offline JSON', () => {
  it('reads concatenated documents, as shell loops append them', () => {
    expect(parseJsonDocuments('{"a": [1]}\n{"a": [2]}\n', 'f.json')).toEqual([{ a: [1] }, { a: [2] }])
    expect(parseJsonDocuments('  \n', 'f.json')).toEqual([])
  })

  it('names the line of the first syntax error', () => {
    expect(() => parseJsonDocuments('{"a": 1}\n{\n  "b": tru\n}\n', 'x/f.json')).toThrow(
      'x/f.json: line 3: not valid JSON (unexpected t)',
    )
    expect(findJsonError('{"a": [1, 2,]}')).toEqual({ position: 12, reason: 'unexpected ]' })
    expect(findJsonError('{"a": "open')).toEqual({ position: 11, reason: 'unterminated string' })
  })

  it('turns SDK output into plain JSON: dates as ISO text, bytes as UTF-8, no $metadata', () => {
    expect(
      toJsonValue({
        $metadata: { httpStatusCode: 200 },
        GeneratedTime: new Date('2026-11-28T10:00:00Z'),
        Content: new TextEncoder().encode('user,arn\n'),
        skipped: undefined,
        list: [{ at: new Date(0) }],
      }),
    ).toEqual({
      GeneratedTime: '2026-11-28T10:00:00.000Z',
      Content: 'user,arn\n',
      list: [{ at: '1970-01-01T00:00:00.000Z' }],
    })
  })
})
