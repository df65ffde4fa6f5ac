import { appDomain } from './domains/app'
import { awsDomain } from './domains/aws'
import { collectDomain } from './domains/collect'
import { exportDomain } from './domains/export'

/**
 * The one IPC contract. Each domain lists its invoke channels and its events; the channel name is
 * `<domain>:<kebab-case name>`. The preload, the main-side registry and the browser test bridge are all
 * built from this object, so they cannot drift apart.
 */
export const contract = {
  app: appDomain,
  aws: awsDomain,
  collect: collectDomain,
  export: exportDomain,
} as const

export type Contract = typeof contract
