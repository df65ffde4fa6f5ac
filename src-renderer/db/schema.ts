/**
 * Append-only Dexie schema versions. Never edit a published version: add schemaVn with a dated note and
 * a named upgrade in db.ts. Index only what is queried; never index large blobs (evidence bundles and
 * snapshot payloads live in unindexed fields).
 */

/** 2026-11-28: first schema. Accounts, evidence bundles, attestations, waivers, models, snapshots, settings. */
export const schemaV1 = {
  accounts: 'id, name, owner, environment, *tags',
  evidence: 'id, accountId, collectedAt, [accountId+collectedAt]',
  attestations: 'id, accountId, controlId, [accountId+controlId], expiresAt',
  waivers: 'id, accountId, controlId, [accountId+controlId], expiresAt',
  models: 'hash, modelId',
  snapshots: 'id, label, createdAt',
  settings: 'key',
} as const

/**
 * 2026-11-28: accounts gain an `origin` index so the demo organization can be removed with one query
 * (`where('origin').equals('demo')`). Upgrade `backfillAccountOrigin` gives v1 rows without an origin
 * `origin: 'import'`, because v1 wrote accounts without one.
 */
export const schemaV2 = {
  ...schemaV1,
  accounts: 'id, name, owner, environment, origin, *tags',
} as const

/**
 * 2026-11-29: a `collectAttempts` table records every account's collection attempt (its state, and each
 * source's state and reason) beside the evidence, so a failed attempt is stated without ever replacing the
 * last good evidence. Upgrade `backfillCollectAttempts` records an attempt for each stored bundle.
 */
export const schemaV3CollectAttempts = {
  ...schemaV2,
  collectAttempts: 'id, accountId, [accountId+at]',
} as const

/**
 * 2026-11-29: baselines. A `baselines` table holds every version of every baseline (key `${id}@${version}`,
 * indexed by `id`). Upgrade `migrateTargetsToBaselines` turns each account's per-domain targets into a
 * baseline scoped to that account alone, the most specific scope (see docs/baselines.md). The account's
 * `targets` field is kept as it was, so nothing that reads it changes until it is retired.
 */
export const schemaV4Baselines = {
  ...schemaV3CollectAttempts,
  baselines: 'key, id',
} as const

export const latestSchemaVersion = 4
