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

/**
 * 2026-11-29 (scale): drops the indexes nothing queries (accounts by owner, environment and tags, evidence by
 * collectedAt alone, answers by control and expiry, models by modelId, snapshots by label: the desk filters
 * those in memory) and adds `summaries`, one small row per account that the overview reads instead of every
 * bundle and answer. Snapshots become compact: a small row plus content-addressed parts in `snapshotParts`
 * (the model, each bundle once, the body with the scorecard as tuples); upgrade `compactSnapshots` converts
 * every whole snapshot row of version 4 and before.
 */
export const schemaV5Scale = {
  ...schemaV4Baselines,
  accounts: 'id, name, origin',
  evidence: 'id, accountId, [accountId+collectedAt]',
  attestations: 'id, accountId',
  waivers: 'id, accountId',
  models: 'hash',
  snapshots: 'id, createdAt',
  settings: 'key',
  summaries: 'accountId',
  snapshotParts: 'hash',
} as const

/**
 * 2026-11-29 (evidence stored once): an evidence row keeps its account, collection time, whether it is
 * complete and the content hash of its bundle (indexed, so freeing a part can ask whether a row still uses
 * it); the bundle, gzipped, is a part of `snapshotParts`, the one a snapshot freezing it refers to. Upgrade
 * `storeEvidenceOnce` moves every inline bundle to its part.
 */
export const schemaV6EvidenceParts = {
  ...schemaV5Scale,
  evidence: 'id, accountId, [accountId+collectedAt], hash',
} as const

/** Every version in order: version n is `schemaVersions[n - 1]`. Append only. */
export const schemaVersions = [
  schemaV1,
  schemaV2,
  schemaV3CollectAttempts,
  schemaV4Baselines,
  schemaV5Scale,
  schemaV6EvidenceParts,
] as const

export const latestSchemaVersion = schemaVersions.length
