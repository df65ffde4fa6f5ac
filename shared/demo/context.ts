import type { DemoProfile } from './profiles'
import { latent } from './random'

const DAY = 86_400_000

/** What every demo evidence builder knows: the account, the quarter and its hygiene. */
export interface Ctx {
  seed: number
  profile: DemoProfile
  accountId: string
  quarter: number
  /** Hygiene this quarter, 0..1. */
  q: number
  at: Date
}

/** An ISO time some days before `at`. */
export const iso = (at: Date, daysAgo: number) =>
  new Date(at.getTime() - Math.round(daysAgo) * DAY).toISOString()
/** A latent draw for this account (stable across quarters). */
export const draw = (c: Ctx, ...parts: Array<string | number>) => latent(c.seed, c.accountId, ...parts)
/** True when the account still has this weakness at this quarter's hygiene. */
export const hasIssue = (c: Ctx, key: string) => draw(c, key) > c.q
/** A short name prefix for resources of this account (e.g. "payments"). */
export const prefix = (c: Ctx) => c.profile.name.split('-')[0] ?? 'app'
export { DAY }
