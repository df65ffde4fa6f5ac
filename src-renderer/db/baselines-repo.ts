import { z } from 'zod'
import { latestVersions } from '../../shared/baseline/scope'
import { type Baseline, baselineSchema } from '../../shared/baseline/types'
import { AppError } from '../../shared/errors'
import { baselineRowKey } from './baselines-migration'
import type { RatchetDb } from './db'
import { parseInput, validRows } from './validate'

/** Baseline ids of the demo organization start with this, so removing the demo removes them. */
export const demoBaselinePrefix = 'demo-'

const strip = ({ key: _key, ...row }: Record<string, unknown>) => row

/** Every version of every baseline. Versions are immutable: a change is a new version, never an edit. */
export function createBaselinesRepo(db: RatchetDb) {
  return {
    /** Every stored version, by id then version; rows that no longer validate are left out. */
    async list(): Promise<Baseline[]> {
      const rows = await db.baselines.toArray()
      return validRows(baselineSchema, rows.map(strip)).sort(
        (a, b) => a.id.localeCompare(b.id) || a.version - b.version,
      )
    },

    /**
     * Adds a new version. It must follow the latest stored version of its id (1 for a new id), so two
     * windows editing one baseline cannot both write version n+1.
     */
    async add(input: Baseline): Promise<Baseline> {
      const baseline = parseInput(baselineSchema, input, 'baseline')
      return db.transaction('rw', db.baselines, async () => {
        const latest = await db.baselines.where('id').equals(baseline.id).toArray()
        const expected = Math.max(0, ...latest.map((r) => Number(r.version))) + 1
        if (baseline.version !== expected)
          throw new AppError(
            'invalid-input',
            `Baseline "${baseline.id}" changed meanwhile: version ${expected - 1} is the latest, not ${baseline.version - 1}.`,
          )
        await db.baselines.add({ ...baseline, key: baselineRowKey(baseline) })
        return baseline
      })
    },

    /**
     * Imports versions from a file (already parsed), all or nothing: a version already stored with other
     * content is refused, one stored identically is skipped. Returns how many were added.
     */
    async importMany(inputs: readonly Baseline[]): Promise<number> {
      const versions = parseInput(z.array(baselineSchema), inputs, 'baselines')
      return db.transaction('rw', db.baselines, async () => {
        let added = 0
        for (const b of versions) {
          const existing = await db.baselines.get(baselineRowKey(b))
          if (existing) {
            if (JSON.stringify(strip(existing)) !== JSON.stringify(b))
              throw new AppError(
                'invalid-input',
                `Baseline "${b.id}" version ${b.version} is already stored with different content; nothing was imported.`,
              )
            continue
          }
          await db.baselines.add({ ...b, key: baselineRowKey(b) })
          added++
        }
        return added
      })
    },

    /** The versions in force: the latest of each id. */
    async inForce(): Promise<Baseline[]> {
      return latestVersions(await this.list())
    },

    /** Removes the demo organization's baselines (every version). */
    async removeDemo(): Promise<void> {
      await db.baselines.where('id').startsWith(demoBaselinePrefix).delete()
    },
  }
}
export type BaselinesRepo = ReturnType<typeof createBaselinesRepo>
