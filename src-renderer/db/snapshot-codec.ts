import type { Attestation, DomainId, Level, Waiver } from '../../shared/domain/types'
import type { EvidenceBundle, SourceId } from '../../shared/evidence/schema'
import { fnv1a64 } from '../../shared/model/hash'
import type {
  AccountScorecard,
  ControlResult,
  ControlStatus,
  DomainResult,
  Grade,
  OrgScorecard,
  ResourceRef,
  UnknownReason,
} from '../../shared/scoring/types'
import type { Snapshot } from '../../shared/snapshot/schema'

/**
 * Compact snapshots. A snapshot row keeps only what lists and compares need; the rest is stored in parts
 * addressed by content hash, so evidence shared by several snapshots (an account not collected again) and the
 * model are stored once. The scorecard is kept as tuples over one string table, not as 74 objects per account:
 * it can be expanded back exactly (`expandSnapshot(compactSnapshot(s)) ≈ s`), and re-derived from the model,
 * evidence and answers the snapshot keeps.
 */

/**
 * A content-addressed part: a bundle, a model, or a snapshot's body. Since schema v6 the evidence table keeps
 * its bundles here too (evidence-store.ts), so one part serves the evidence row and every snapshot using it.
 */
export interface SnapshotPartRow {
  hash: string
  kind: 'evidence' | 'model' | 'body'
  /** 'json' is a JSON string; 'gzip' is that string gzipped (new snapshots, where the browser can). */
  encoding: 'json' | 'gzip'
  data: string | Uint8Array
}

/** A control as a tuple: controlId, status, reason, unknown reason, resources, evidence, answer ids, expiry. */
type ControlTuple = [
  controlId: number,
  level: number,
  status: number,
  reason: number,
  unknownReason: number,
  resources: Array<[id: number, type: number, region: number, detail: number]>,
  evidence: Array<[source: number, collectedAt: number]>,
  attestationId: number,
  waiverId: number,
  expired: [kind: number, expiredAt: number] | 0,
  /** Fields the tuple has no slot for (added to ControlResult later), as interned JSON; 0 when none. */
  extra?: number,
]
type DomainTuple = [
  domainId: number,
  level: number,
  target: number,
  progress: number,
  fails: number[],
  unknowns: number[],
  controls: ControlTuple[],
  extra?: number,
]
type AccountTuple = [
  accountId: number,
  level: number,
  grade: number,
  belowTarget: number[],
  domains: DomainTuple[],
  extra?: number,
]

/** The compact scorecard: every string once in `strings` (index 0 means "absent"). */
export interface CompactScorecard {
  modelId: string
  modelVersion: string
  scoredAt: string
  distribution: OrgScorecard['distribution']
  strings: string[]
  accounts: AccountTuple[]
}

/** What a snapshot's body part holds: everything but the model, the evidence and the row's own fields. */
export interface SnapshotBody {
  accounts: Snapshot['accounts']
  attestations: Attestation[]
  waivers: Waiver[]
  scorecard: CompactScorecard
  /** The baseline versions in force when the snapshot was frozen (absent before baselines existed). */
  baselines?: Snapshot['baselines']
}

/** The stored row: the fields lists show, and the hashes of its parts. */
export interface SnapshotRow {
  format: 'compact-1'
  id: string
  label: string
  notes: string
  createdAt: string
  schemaVersion: Snapshot['schemaVersion']
  modelVersion: string
  modelId: string
  modelName: string
  scoring: Snapshot['scoring']
  accountCount: number
  distribution: OrgScorecard['distribution']
  modelHash: string
  bodyHash: string
  evidenceHashes: string[]
}

/** Interns strings: index 0 is reserved for "absent". */
function interner() {
  const strings: string[] = ['']
  const index = new Map<string, number>()
  const put = (value: string | undefined): number => {
    if (value === undefined) return 0
    let at = index.get(value)
    if (at === undefined) {
      at = strings.length
      strings.push(value)
      index.set(value, at)
    }
    return at
  }
  return { strings, put }
}

/**
 * The fields of a scorecard object that its tuple has no slot for, as one interned JSON string (0: none).
 * Scorecard types grow (the evidence-verified level, the rule's own status): the codec keeps whatever it does
 * not know, so a compact snapshot always expands to exactly what was frozen.
 */
function extraOf(
  value: object,
  slotted: ReadonlySet<string>,
  put: (s: string | undefined) => number,
): number {
  const rest = Object.entries(value).filter(([key, v]) => !slotted.has(key) && v !== undefined)
  return rest.length === 0 ? 0 : put(JSON.stringify(Object.fromEntries(rest)))
}
const controlSlots = new Set([
  'controlId',
  'domainId',
  'level',
  'status',
  'reason',
  'unknownReason',
  'resources',
  'evidence',
  'attestation',
  'waiver',
  'expired',
])
const domainSlots = new Set(['domainId', 'level', 'target', 'progress', 'blockers', 'controls'])
const accountSlots = new Set(['accountId', 'level', 'grade', 'belowTarget', 'domains'])

function compactControl(c: ControlResult, put: (s: string | undefined) => number): ControlTuple {
  return [
    put(c.controlId),
    c.level,
    put(c.status),
    put(c.reason),
    put(c.unknownReason),
    c.resources.map((r) => [put(r.id), put(r.type), put(r.region), put(r.detail)]),
    c.evidence.map((e) => [put(e.source), put(e.collectedAt)]),
    put(c.attestation?.id),
    put(c.waiver?.id),
    c.expired ? [put(c.expired.kind), put(c.expired.expiredAt)] : 0,
    extraOf(c, controlSlots, put),
  ]
}

/** The compact form of a scorecard. */
export function compactScorecard(card: OrgScorecard): CompactScorecard {
  const { strings, put } = interner()
  const accounts = card.accounts.map(
    (a): AccountTuple => [
      put(a.accountId),
      a.level,
      put(a.grade),
      a.belowTarget.map(put),
      a.domains.map(
        (d): DomainTuple => [
          put(d.domainId),
          d.level,
          d.target ?? -1,
          d.progress,
          d.blockers.fails.map(put),
          d.blockers.unknowns.map(put),
          d.controls.map((c) => compactControl(c, put)),
          extraOf(d, domainSlots, put),
        ],
      ),
      extraOf(a, accountSlots, put),
    ],
  )
  return {
    modelId: card.modelId,
    modelVersion: card.modelVersion,
    scoredAt: card.scoredAt,
    distribution: card.distribution,
    strings,
    accounts,
  }
}

/** Expands a compact scorecard; answers are looked up by id in the snapshot's own answers. */
export function expandScorecard(
  compact: CompactScorecard,
  attestations: readonly Attestation[],
  waivers: readonly Waiver[],
): OrgScorecard {
  const s = compact.strings
  const str = (i: number) => s[i] ?? ''
  const opt = (i: number) => (i === 0 ? undefined : s[i])
  const extra = (i: number | undefined): object => (i ? (JSON.parse(str(i)) as object) : {})
  const attestationById = new Map(attestations.map((a) => [a.id, a]))
  const waiverById = new Map(waivers.map((w) => [w.id, w]))
  const resource = ([id, type, region, detail]: [number, number, number, number]): ResourceRef => ({
    id: str(id),
    type: str(type),
    ...(region ? { region: str(region) } : {}),
    ...(detail ? { detail: str(detail) } : {}),
  })
  const control = (domainId: DomainId, t: ControlTuple): ControlResult => {
    const [id, level, status, reason, unknown, resources, evidence, attestationId, waiverId, expired, more] =
      t
    const attestation = attestationById.get(opt(attestationId) ?? '')
    const waiver = waiverById.get(opt(waiverId) ?? '')
    return {
      controlId: str(id),
      domainId,
      level: level as ControlResult['level'],
      status: str(status) as ControlStatus,
      reason: str(reason),
      ...(unknown ? { unknownReason: str(unknown) as UnknownReason } : {}),
      resources: resources.map(resource),
      evidence: evidence.map(([source, at]) => ({ source: str(source) as SourceId, collectedAt: str(at) })),
      ...(attestation ? { attestation } : {}),
      ...(waiver ? { waiver } : {}),
      ...(expired
        ? { expired: { kind: str(expired[0]) as 'attestation' | 'waiver', expiredAt: str(expired[1]) } }
        : {}),
      ...extra(more),
    }
  }
  const domain = ([
    id,
    level,
    target,
    progress,
    fails,
    unknowns,
    controls,
    more,
  ]: DomainTuple): DomainResult => {
    const domainId = str(id) as DomainId
    return {
      domainId,
      level: level as Level,
      ...(target >= 0 ? { target: target as Level } : {}),
      progress,
      blockers: { fails: fails.map(str), unknowns: unknowns.map(str) },
      controls: controls.map((c) => control(domainId, c)),
      ...extra(more),
    }
  }
  const accounts = compact.accounts.map(
    ([id, level, grade, below, domains, more]): AccountScorecard => ({
      accountId: str(id),
      level: level as Level,
      grade: str(grade) as Grade,
      domains: domains.map(domain),
      belowTarget: below.map((i) => str(i) as DomainId),
      ...extra(more),
    }),
  )
  return {
    modelId: compact.modelId,
    modelVersion: compact.modelVersion,
    scoredAt: compact.scoredAt,
    accounts,
    distribution: compact.distribution,
  }
}

/** The content hash of a part's JSON (the same content always gets the same key). */
function hashOf(kind: SnapshotPartRow['kind'], json: string): string {
  return `${kind}:${fnv1a64(json)}:${json.length}`
}

/**
 * A value as a JSON part keyed by its content hash. Evidence rows and snapshots hash a bundle the same way,
 * so a bundle stored when it was collected is the very part a snapshot that freezes it refers to.
 */
export function jsonPart(kind: SnapshotPartRow['kind'], value: unknown): SnapshotPartRow {
  const json = JSON.stringify(value)
  return { hash: hashOf(kind, json), kind, encoding: 'json', data: json }
}

/** A snapshot as its row and its parts (JSON-encoded; `encodeParts` may gzip them afterwards). */
export function compactSnapshot(snapshot: Snapshot): { row: SnapshotRow; parts: SnapshotPartRow[] } {
  const model = jsonPart('model', snapshot.model)
  const evidence = snapshot.evidence.map((bundle) => jsonPart('evidence', bundle))
  const body = jsonPart('body', {
    accounts: snapshot.accounts,
    attestations: snapshot.attestations,
    waivers: snapshot.waivers,
    scorecard: compactScorecard(snapshot.scorecard),
    ...(snapshot.baselines ? { baselines: snapshot.baselines } : {}),
  } satisfies SnapshotBody)
  return {
    row: {
      format: 'compact-1',
      id: snapshot.id,
      label: snapshot.label,
      notes: snapshot.notes,
      createdAt: snapshot.createdAt,
      schemaVersion: snapshot.schemaVersion,
      modelVersion: snapshot.modelVersion,
      modelId: snapshot.model.id,
      modelName: snapshot.model.name,
      scoring: snapshot.scoring,
      accountCount: snapshot.scorecard.accounts.length,
      distribution: snapshot.scorecard.distribution,
      modelHash: model.hash,
      bodyHash: body.hash,
      evidenceHashes: evidence.map((e) => e.hash),
    },
    parts: [model, body, ...evidence],
  }
}

/** Reads a part back to its value. */
export async function decodePart<T>(part: SnapshotPartRow): Promise<T> {
  if (part.encoding === 'json') return JSON.parse(part.data as string) as T
  return JSON.parse(await gunzip(part.data as Uint8Array)) as T
}

/** Gzips JSON parts where the platform can (CompressionStream); parts stay JSON otherwise. */
export async function encodeParts(parts: SnapshotPartRow[]): Promise<SnapshotPartRow[]> {
  if (typeof CompressionStream === 'undefined') return parts
  return Promise.all(
    parts.map(async (p) =>
      p.encoding === 'json' ? { ...p, encoding: 'gzip' as const, data: await gzip(p.data as string) } : p,
    ),
  )
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new CompressionStream('gzip')
  const writer = stream.writable.getWriter()
  void writer.write(new TextEncoder().encode(text))
  void writer.close()
  return readAll(stream.readable)
}

async function gunzip(bytes: Uint8Array): Promise<string> {
  const stream = new DecompressionStream('gzip')
  const writer = stream.writable.getWriter()
  void writer.write(bytes as Uint8Array<ArrayBuffer>)
  void writer.close()
  return new TextDecoder().decode(await readAll(stream.readable))
}

/** Puts a snapshot back together from its row and its parts (by hash). */
export async function expandSnapshot(
  row: SnapshotRow,
  parts: ReadonlyMap<string, SnapshotPartRow>,
  options: { withEvidence?: boolean } = {},
): Promise<Snapshot> {
  const need = (hash: string) => {
    const part = parts.get(hash)
    if (!part) throw new Error(`snapshot ${row.id}: part ${hash} is missing`)
    return part
  }
  const [model, body, evidence] = await Promise.all([
    decodePart<Snapshot['model']>(need(row.modelHash)),
    decodePart<SnapshotBody>(need(row.bodyHash)),
    options.withEvidence === false
      ? Promise.resolve([])
      : Promise.all(row.evidenceHashes.map((h) => decodePart<EvidenceBundle>(need(h)))),
  ])
  return {
    schemaVersion: row.schemaVersion,
    id: row.id,
    label: row.label,
    notes: row.notes,
    createdAt: row.createdAt,
    modelVersion: row.modelVersion,
    model,
    accounts: body.accounts,
    evidence,
    attestations: body.attestations,
    waivers: body.waivers,
    scoring: row.scoring,
    scorecard: expandScorecard(body.scorecard, body.attestations, body.waivers),
    ...(body.baselines ? { baselines: body.baselines } : {}),
  }
}

/** True for a row in the old, whole shape (a Snapshot with its scorecard inline). */
export function isWholeSnapshotRow(row: unknown): row is Snapshot {
  return typeof row === 'object' && row !== null && 'scorecard' in row && !('format' in row)
}
