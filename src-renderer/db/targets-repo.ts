import { z } from 'zod'
import { defaultRolePreference, pickRole, type Target, targetSchema } from '../../shared/ipc/domains/aws'
import type { RatchetDb } from './db'
import { parseInput } from './validate'

/** The settings row that holds the collection targets. */
export const targetsSettingKey = 'aws.targets'

/** A target as stored: what discovery found plus the user's choices. */
export const storedTargetSchema = targetSchema.extend({
  /** Whether collection includes this account. */
  isIncluded: z.boolean(),
  /** True when the user picked the role by hand; otherwise the preference list decides. */
  isRoleChosen: z.boolean().default(false),
})
export type StoredTarget = z.infer<typeof storedTargetSchema>

export const targetsSettingSchema = z.object({
  rolePreference: z.array(z.string().min(1)),
  targets: z.array(storedTargetSchema),
})
export type TargetsSetting = z.infer<typeof targetsSettingSchema>

export const emptyTargetsSetting = (): TargetsSetting => ({
  rolePreference: [...defaultRolePreference],
  targets: [],
})

/**
 * Merges a fresh discovery of one SSO session into the stored targets. Accounts keep the user's include
 * choice and hand-picked role (while the role is still offered); new accounts are included; accounts the
 * session no longer reaches are dropped. Other sessions and profile targets are untouched.
 */
export function mergeDiscovered(
  current: TargetsSetting,
  sessionId: string,
  discovered: readonly Target[],
): TargetsSetting {
  const previous = new Map(current.targets.map((t) => [t.id, t]))
  const fresh = discovered.map((target): StoredTarget => {
    const before = previous.get(target.id)
    const available = target.availableRoles ?? []
    const isKept = Boolean(before?.isRoleChosen && before.roleName && available.includes(before.roleName))
    const roleName = isKept ? before?.roleName : pickRole(available, current.rolePreference)
    return {
      ...target,
      ...(roleName ? { roleName } : {}),
      isIncluded: before?.isIncluded ?? true,
      isRoleChosen: isKept,
    }
  })
  const others = current.targets.filter((t) => !(t.kind === 'sso' && t.ssoSession === sessionId))
  return { ...current, targets: [...others, ...fresh] }
}

/** Re-applies a new preference list to every SSO target whose role the user did not pick by hand. */
export function applyRolePreference(
  current: TargetsSetting,
  rolePreference: readonly string[],
): TargetsSetting {
  return {
    rolePreference: [...rolePreference],
    targets: current.targets.map((t) => {
      if (t.kind !== 'sso' || t.isRoleChosen) return t
      const { roleName: _previous, ...rest } = t
      const roleName = pickRole(t.availableRoles ?? [], rolePreference)
      return roleName ? { ...rest, roleName } : rest
    }),
  }
}

/** Persists the targets and the user's choices in the settings table, validated with zod. */
export function createTargetsRepo(db: RatchetDb) {
  return {
    /** The stored targets, or the empty default when none are stored or the row does not validate. */
    async load(): Promise<TargetsSetting> {
      const row = await db.settings.get(targetsSettingKey)
      if (!row) return emptyTargetsSetting()
      const parsed = targetsSettingSchema.safeParse(row.value)
      return parsed.success ? parsed.data : emptyTargetsSetting()
    },
    /** Replaces the stored targets; nothing is written when the value does not validate. */
    async save(value: TargetsSetting): Promise<TargetsSetting> {
      const checked = parseInput(targetsSettingSchema, value, 'targets')
      await db.transaction('rw', db.settings, () =>
        db.settings.put({ key: targetsSettingKey, value: checked }),
      )
      return checked
    },
    /** Reads, changes and writes in one transaction, so two quick edits cannot lose one another. */
    async update(change: (current: TargetsSetting) => TargetsSetting): Promise<TargetsSetting> {
      return db.transaction('rw', db.settings, async () => {
        const row = await db.settings.get(targetsSettingKey)
        const parsed = row ? targetsSettingSchema.safeParse(row.value) : undefined
        const current = parsed?.success ? parsed.data : emptyTargetsSetting()
        const checked = parseInput(targetsSettingSchema, change(current), 'targets')
        await db.settings.put({ key: targetsSettingKey, value: checked })
        return checked
      })
    },
  }
}
export type TargetsRepo = ReturnType<typeof createTargetsRepo>
