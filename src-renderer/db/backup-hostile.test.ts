import { describe, expect, it } from 'vitest'
import { BACKUP_DB_SCHEMA_VERSION, MAX_BACKUP_BYTES } from '../../shared/backup/schema'
import { createAppStore } from '../store/app-store'
import { fakeApi } from '../store/test-support'
import { countDatabase } from './backup'
import { createRepos } from './repos'
import { latestSchemaVersion } from './schema'
import { testDatabases } from './test-db.test-support'

const corpus = import.meta.glob('../../test/fixtures/hostile/backups/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
})
const read = (name: string): string => {
  const text = corpus[`../../test/fixtures/hostile/backups/${name}`]
  if (text === undefined) throw new Error(`No corpus file ${name}`)
  return text
}
const now = new Date('2026-11-29T12:00:00.000Z')
const { open } = testDatabases('hostile')

/** A store on the demo organization, so "nothing changed" has something to lose. */
async function demoStore() {
  const db = open()
  const store = createAppStore({
    api: fakeApi({ isDemoDefault: true }).api,
    repos: createRepos(db),
    now: () => now,
  })
  await store.getState().initDesk()
  return { store, db }
}

describe('restore refuses hostile backups whole', () => {
  it.each([
    ['truncated.json', 'backup-corrupt', 'truncated.json is not a Ratchet backup: it is not valid JSON.'],
    [
      'not-a-backup.json',
      'backup-corrupt',
      'not-a-backup.json is not a Ratchet backup: it has no "ratchet-backup"',
    ],
    [
      'wrong-format-version.json',
      'backup-wrong-version',
      'wrong-format-version.json is backup format version 2',
    ],
    ['newer-database.json', 'backup-wrong-version', 'newer-database.json holds database version 99'],
    [
      'unknown-database.json',
      'backup-invalid',
      'unknown-database.json is damaged and was not restored: dbSchemaVersion',
    ],
    [
      'snapshot-wrong-shape.json',
      'backup-invalid',
      'snapshot-wrong-shape.json is damaged and was not restored: tables.snapshots.0.',
    ],
    [
      'model-wrong-shape.json',
      'backup-invalid',
      'model-wrong-shape.json is damaged and was not restored: tables.models.0.',
    ],
    [
      'evidence-wrong-shape.json',
      'backup-invalid',
      'evidence-wrong-shape.json is damaged and was not restored: tables.evidence.0.',
    ],
    ['duplicate-accounts.json', 'backup-invalid', 'tables.accounts.1.id: duplicate 111122223333'],
    [
      'unknown-table.json',
      'backup-invalid',
      'unknown-table.json is damaged and was not restored: tables: Unrecognized key: "scripts"',
    ],
    [
      'tables-not-object.json',
      'backup-invalid',
      'tables-not-object.json is damaged and was not restored: tables:',
    ],
  ])('%s: refused with %s naming the file and field; nothing changes', async (name, code, message) => {
    const { store, db } = await demoStore()
    const before = await countDatabase(db)
    expect(await store.getState().prepareRestore(name, read(name))).toBe(false)
    const notice = store.getState().notices.at(-1)
    expect(notice).toMatchObject({ level: 'error', code })
    expect(notice?.message).toContain(message)
    expect(store.getState().pendingRestore).toBeUndefined()
    expect(await countDatabase(db)).toEqual(before)
  })

  it('refuses an oversized file by its size, before reading it', async () => {
    const { store, db } = await demoStore()
    const before = await countDatabase(db)
    const huge = {
      size: 150 * 1024 * 1024,
      text: () => Promise.reject(new Error('an oversized backup must not be read')),
    }
    expect(await store.getState().prepareRestore('huge.json', huge)).toBe(false)
    expect(store.getState().notices.at(-1)).toMatchObject({
      code: 'file-too-large',
      message: 'huge.json is 150.0 MiB; a backup may be at most 100.0 MiB.',
    })
    expect(await countDatabase(db)).toEqual(before)
    expect(MAX_BACKUP_BYTES).toBe(100 * 1024 * 1024)
  })

  it('accepts a minimal valid backup, and migrates one written by database version 1', async () => {
    const { store } = await demoStore()
    expect(await store.getState().prepareRestore('valid-minimal.json', read('valid-minimal.json'))).toBe(true)
    expect(await store.getState().confirmRestore()).toBe(true)
    expect(store.getState().accounts.map((a) => a.id)).toEqual(['111122223333'])
    const old = 'v1-account-without-origin.json'
    expect(await store.getState().prepareRestore(old, read(old))).toBe(true)
    expect(store.getState().pendingRestore?.file.tables.accounts[0]?.origin).toBe('import')
    expect(await store.getState().confirmRestore()).toBe(true)
  })

  it('closes the dialog with the reason when the restore itself fails, and changes nothing', async () => {
    const { store, db } = await demoStore()
    expect(await store.getState().prepareRestore('valid-minimal.json', read('valid-minimal.json'))).toBe(true)
    const before = await countDatabase(db)
    db.close() // the write fails inside restoreBackup
    expect(await store.getState().confirmRestore()).toBe(false)
    expect(store.getState().pendingRestore).toBeUndefined()
    expect(store.getState().notices.at(-1)).toMatchObject({ code: 'backup-restore-failed' })
    await db.open()
    expect(await countDatabase(db)).toEqual(before)
  })

  it('has a backup migration for every database version (a new Dexie version needs one)', () => {
    expect(BACKUP_DB_SCHEMA_VERSION).toBe(latestSchemaVersion)
  })
})
