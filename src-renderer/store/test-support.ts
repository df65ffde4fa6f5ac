import { onTestFinished } from 'vitest'
import { domainIds } from '../../shared/domain/types'
import { createBridgeApi, createRendererApi, type RendererApi } from '../../shared/ipc/api'
import { type MaturityModel, validateModel } from '../../shared/model/schema'
import { RatchetDb } from '../db/db'
import { createRepos } from '../db/repos'
import { createAppStore } from './app-store'

const remediation = { text: 'Fix it.', links: [{ title: 'Docs', url: 'https://docs.aws.amazon.com/iam/' }] }

/**
 * A small model for store and component tests: IAM level 1 is root MFA (automated), governance level 1 is
 * a manual question, governance level 2 an automated Trusted Advisor check. Other levels have no controls.
 */
export function testModel(): MaturityModel {
  return validateModel(
    {
      schemaVersion: 1,
      id: 'test',
      name: 'Test model',
      domains: domainIds.map((id) => ({
        id,
        name: `Domain ${id}`,
        levels: [1, 2, 3, 4, 5].map((level) => ({
          level,
          name: `L${level}`,
          meaning: 'meaning',
          controls:
            id === 'iam' && level === 1
              ? [
                  {
                    id: 'iam.root-mfa',
                    title: 'Root user has MFA',
                    rationale: 'Root can do anything.',
                    remediation,
                    rule: {
                      kind: 'credential-report',
                      violation: {
                        all: [
                          { field: 'isRoot', equals: true },
                          { field: 'isMfaActive', equals: false },
                        ],
                      },
                      describe: 'root users without MFA',
                    },
                  },
                ]
              : id === 'governance' && level === 1
                ? [
                    {
                      id: 'gov.owner',
                      title: 'Owner recorded',
                      rationale: 'Someone must own it.',
                      remediation,
                      question: { prompt: 'Is an owner and security contact recorded?' },
                    },
                  ]
                : id === 'governance' && level === 2
                  ? [
                      {
                        id: 'gov.iam-use',
                        title: 'IAM use',
                        rationale: 'Use IAM.',
                        remediation,
                        rule: { kind: 'trusted-advisor-check', checkIds: ['zXCkfM1nI3'] },
                      },
                    ]
                  : [],
        })),
      })),
    },
    'test-model.json',
  )
}

/** A renderer API whose app.getInfo answers as the main process would, and records opened links. */
export function fakeApi(options: { isDemoDefault: boolean }): { api: RendererApi; opened: string[] } {
  const opened: string[] = []
  const api = createRendererApi(
    createBridgeApi({
      invoke: async (channel, request) => {
        if (channel === 'app:get-info') {
          return {
            ok: true,
            value: {
              name: 'Ratchet',
              version: '0.0.0',
              platform: 'test',
              isDemoDefault: options.isDemoDefault,
            },
          }
        }
        if (channel === 'app:open-external') {
          opened.push((request as { url: string }).url)
          return { ok: true, value: { isOpened: true } }
        }
        return { ok: false, error: { code: 'not-implemented', message: `${channel} is not faked` } }
      },
      subscribe: () => () => undefined,
    }),
  )
  return { api, opened }
}

/** A database of its own for the running test, deleted when the test ends. */
export function testDb(name: string): RatchetDb {
  const db = new RatchetDb(`${name}-${crypto.randomUUID()}`)
  onTestFinished(() => db.delete())
  return db
}

/** The clock store tests run at unless they say otherwise. */
export const testNow = new Date('2026-11-28T12:00:00.000Z')

/**
 * A store on a fresh test database: the fake main process (or `api`), a fixed clock, and the model to start
 * with (the built-in one unless given).
 */
export function testStore(
  name: string,
  options: {
    api?: RendererApi
    isDemoDefault?: boolean
    model?: MaturityModel
    now?: Date
    db?: RatchetDb
  } = {},
) {
  const db = options.db ?? testDb(name)
  const api = options.api ?? fakeApi({ isDemoDefault: options.isDemoDefault ?? false }).api
  const now = options.now ?? testNow
  const store = createAppStore(
    { api, repos: createRepos(db), now: () => now },
    options.model ? { model: options.model } : {},
  )
  return { store, db }
}
