import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  formatCliTime,
  pythonJsonDumps,
  readRegistration,
  readToken,
  registrationCachePath,
  ssoCacheDir,
  tokenCachePath,
  tokenStateOf,
  writeRegistration,
  writeToken,
} from './token-cache'

// The expected hashes were computed with CPython: hashlib.sha1(json.dumps(args, sort_keys=True).encode()).
describe('the AWS CLI v2 SSO cache layout', () => {
  it('names token files by the sha1 of the session name, or of the start URL for legacy profiles', () => {
    expect(tokenCachePath('/h', 'corp')).toBe(
      '/h/.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json',
    )
  })

  it('names registration files exactly as the CLI does', () => {
    expect(
      registrationCachePath('/h', {
        startUrl: 'https://corp.awsapps.com/start',
        region: 'us-east-1',
        scopes: ['sso:account:access'],
        sessionName: 'corp',
      }),
    ).toBe('/h/.aws/sso/cache/1b56c55d6e723362537167a7f43960b8185b5a80.json')
    expect(
      registrationCachePath('/h', {
        startUrl: 'https://old.awsapps.com/start',
        region: 'eu-west-1',
        scopes: undefined,
        sessionName: undefined,
      }),
    ).toBe('/h/.aws/sso/cache/f78f680c02ee4d990a163eb8554088756dd9dce7.json')
  })

  it("matches Python's json.dumps(sort_keys=True), non-ASCII escapes included", () => {
    const args = {
      tool: 'botocore',
      startUrl: 'https://x.awsapps.com/start',
      region: 'eu-west-1',
      scopes: null,
      session_name: 'équipe',
    }
    expect(pythonJsonDumps(args)).toBe(
      '{"region": "eu-west-1", "scopes": null, "session_name": "\\u00e9quipe", "startUrl": "https://x.awsapps.com/start", "tool": "botocore"}',
    )
    expect(
      registrationCachePath('/h', {
        startUrl: 'https://x.awsapps.com/start',
        region: 'eu-west-1',
        scopes: undefined,
        sessionName: 'équipe',
      }),
    ).toBe('/h/.aws/sso/cache/a7cf5c45560c6f3b309ff07316cd97d4677ab2d8.json')
  })

  it('writes the CLI timestamp format', () => {
    expect(formatCliTime(new Date('2026-11-28T12:34:56.789Z'))).toBe('2026-11-28T12:34:56Z')
  })
})

describe('reading and writing the cache', () => {
  it('round-trips a token and a registration, private to the user, leaving no temp files', async () => {
    const home = await mkdtemp(join(tmpdir(), 'ratchet-cache-'))
    const token = {
      accessToken: 'tok',
      expiresAt: '2026-11-28T20:00:00Z',
      startUrl: 'https://s',
      region: 'us-east-1',
    }
    await writeToken(home, 'corp', token)
    await expect(readToken(home, 'corp')).resolves.toEqual(token)
    const key = { startUrl: 'https://s', region: 'us-east-1', scopes: undefined, sessionName: 'corp' }
    await writeRegistration(home, key, {
      clientId: 'c',
      clientSecret: 's',
      expiresAt: '2027-01-01T00:00:00Z',
    })
    await expect(readRegistration(home, key)).resolves.toMatchObject({ clientId: 'c' })
    expect((await stat(tokenCachePath(home, 'corp'))).mode & 0o777).toBe(0o600)
    expect((await readdir(ssoCacheDir(home))).filter((f) => f.endsWith('.tmp'))).toEqual([])
    expect(JSON.parse(await readFile(tokenCachePath(home, 'corp'), 'utf8'))).toEqual(token)
  })

  it('reads a malformed token as absent', async () => {
    const home = await mkdtemp(join(tmpdir(), 'ratchet-cache-'))
    await writeToken(home, 'corp', { accessToken: 'tok', expiresAt: 'whenever' })
    expect(tokenStateOf(await readToken(home, 'corp'), new Date())).toEqual({ state: 'missing' })
    await expect(readToken(home, 'other')).resolves.toBeUndefined()
  })

  it('says valid until, or expired', () => {
    const now = new Date('2026-11-28T12:00:00Z')
    expect(tokenStateOf({ accessToken: 'a', expiresAt: '2026-11-28T12:00:01Z' }, now)).toEqual({
      state: 'valid',
      expiresAt: '2026-11-28T12:00:01.000Z',
    })
    expect(tokenStateOf({ accessToken: 'a', expiresAt: '2026-11-28T12:00:00Z' }, now)).toEqual({
      state: 'expired',
      expiresAt: '2026-11-28T12:00:00.000Z',
    })
  })
})
