import type { z } from 'zod'
import type { RatchetDb } from './db'
import { parseInput } from './validate'

/** Key/value settings, each read through the schema its owner gives, so a bad row never leaks a bad type. */
export function createSettingsRepo(db: RatchetDb) {
  return {
    /** The stored value, or `fallback` when missing or not matching the schema. */
    async get<S extends z.ZodType>(key: string, schema: S, fallback: z.output<S>): Promise<z.output<S>> {
      const row = await db.settings.get(key)
      if (!row) return fallback
      const result = schema.safeParse(row.value)
      return result.success ? result.data : fallback
    },
    async set<S extends z.ZodType>(key: string, schema: S, value: z.input<S>): Promise<void> {
      const checked = parseInput(schema, value, `setting ${key}`)
      await db.transaction('rw', db.settings, () => db.settings.put({ key, value: checked }))
    },
  }
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>

/** Asks the browser to keep IndexedDB under storage pressure. Returns whether it is persisted. */
export async function requestPersistentStorage(
  storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator?.storage,
): Promise<boolean> {
  if (!storage?.persist) return false
  try {
    if (await storage.persisted()) return true
    return await storage.persist()
  } catch {
    return false
  }
}
