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
  /** The domain's controls ('compact-1'), or how many of the scorecard's control columns are its ('compact-2'). */
  controls: ControlTuple[] | number,
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
  /** 'compact-2': every control of every domain, in order, as columns (`ControlColumns`). */
  controls?: ControlColumns
}

/**
 * The controls of a scorecard as one array per tuple slot, in account → domain → control order. Columns
 * compress far better than tuples (the same control ids, levels and statuses line up account after account):
 * at 1,000 accounts a quarter's controls gzip to 0.12 MB instead of 0.46 MB. Answer slots hold the difference
 * from the previous control's answer position (small numbers, the same ones over and over), null for none.
 */
type ControlColumns = Array<Array<ControlTuple[number] | null>>

/** How many slots a control tuple has, and the answer slots, which columns hold as differences. */
const CONTROL_SLOTS = 11
const answerSlots = [7, 8]

/** Moves every domain's controls into columns; each domain keeps how many are its. */
function toControlColumns(accounts: AccountTuple[]): {
  accounts: AccountTuple[]
  controls: ControlColumns
} {
  const controls: ControlColumns = Array.from({ length: CONTROL_SLOTS }, () => [])
  const previous = [0, 0]
  const counted = accounts.map((a): AccountTuple => {
    const domains = a[4].map((d): DomainTuple => {
      const list = d[6] as ControlTuple[]
      for (const tuple of list)
        controls.forEach((column, slot) => {
          const value = tuple[slot] ?? 0
          const answer = answerSlots.indexOf(slot)
          if (answer < 0) {
            column.push(value)
            return
          }
          const at = value as number
          column.push(at === 0 ? null : at - (previous[answer] ?? 0))
          if (at !== 0) previous[answer] = at
        })
      return [d[0], d[1], d[2], d[3], d[4], d[5], list.length, d[7]]
    })
    return [a[0], a[1], a[2], a[3], domains, a[5]]
  })
  return { accounts: counted, controls }
}

/** The tuples back from the columns, each domain given its own again. */
function fromControlColumns(accounts: AccountTuple[], controls: ControlColumns): AccountTuple[] {
  let row = 0
  const previous = [0, 0]
  const tuple = (): ControlTuple => {
    const values = controls.map((column, slot) => {
      const value = column[row]
      const answer = answerSlots.indexOf(slot)
      if (answer < 0) return value
      if (value === null || value === undefined) return 0
      previous[answer] = (previous[answer] ?? 0) + (value as number)
      return previous[answer]
    })
    row++
    return values as ControlTuple
  }
  return accounts.map(
    ([id, level, grade, below, domains, more]): AccountTuple => [
      id,
      level,
      grade,
      below,
      domains.map((d): DomainTuple => {
        const count = d[6] as number
        return [d[0], d[1], d[2], d[3], d[4], d[5], Array.from({ length: count }, tuple), d[7]]
      }),
      more,
    ],
  )
}

/**
 * Answers as columns over the scorecard's string table: one array per field, each cell a string's index (0:
 * absent) or, for a flag, 1 or 0. A quarter of 1,000 accounts holds ~50,000 answers: as objects they were
 * 13 MB of JSON, their keys and their ids (also interned once more by the tuples) most of it.
 */
export type AnswerColumns = Record<string, number[]>

/**
 * What a snapshot's body part holds: everything but the model, the evidence and the row's own fields. In
 * 'compact-2' rows the answers are `AnswerColumns` and a control tuple names its answer by position (1-based)
 * in them; in 'compact-1' rows (read as they are) answers are objects and tuples name them by interned id.
 */
export interface SnapshotBody {
  accounts: Snapshot['accounts']
  attestations: AnswerColumns | Attestation[]
  waivers: AnswerColumns | Waiver[]
  scorecard: CompactScorecard
  /** The baseline versions in force when the snapshot was frozen (absent before baselines existed). */
  baselines?: Snapshot['baselines']
}

/** The stored row: the fields lists show, and the hashes of its parts. */
export interface SnapshotRow {
  /**
   * 'compact-2' (new snapshots): answers and controls in columns, answers named by position; 'compact-1':
   * answers as objects, controls as tuples naming answers by id (read as they are, never rewritten).
   */
  format: 'compact-1' | 'compact-2'
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

/** How a control tuple names its answers: a 1-based position in the body's answer columns (0: none). */
interface AnswerSlots {
  attestation: (c: ControlResult) => number
  waiver: (c: ControlResult) => number
}

function compactControl(
  c: ControlResult,
  put: (s: string | undefined) => number,
  slots: AnswerSlots,
): ControlTuple {
  return [
    put(c.controlId),
    c.level,
    put(c.status),
    put(c.reason),
    put(c.unknownReason),
    c.resources.map((r) => [put(r.id), put(r.type), put(r.region), put(r.detail)]),
    c.evidence.map((e) => [put(e.source), put(e.collectedAt)]),
    slots.attestation(c),
    slots.waiver(c),
    c.expired ? [put(c.expired.kind), put(c.expired.expiredAt)] : 0,
    extraOf(c, controlSlots, put),
  ]
}

/** The compact form of a scorecard, interning into `put`; `slots` say where each control's answers are. */
function compactScorecard(
  card: OrgScorecard,
  { strings, put }: ReturnType<typeof interner>,
  slots: AnswerSlots,
): CompactScorecard {
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
          d.controls.map((c) => compactControl(c, put, slots)),
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

/** A control's answers by the number in its tuple's slot. */
interface AnswerLookup {
  attestation: (slot: number) => Attestation | undefined
  waiver: (slot: number) => Waiver | undefined
}

/** Expands a compact scorecard; `answers` finds a tuple's answers in the snapshot's own. */
function expandScorecard(compact: CompactScorecard, answers: AnswerLookup): OrgScorecard {
  const s = compact.strings
  const str = (i: number) => s[i] ?? ''
  // Each extra is parsed once: most controls share one ('{"ruleStatus":"pass"}'), and their fields are copied.
  const parsed = new Map<number, object>()
  const extra = (i: number | undefined): object => {
    if (!i) return {}
    const known = parsed.get(i)
    if (known) return known
    const value = JSON.parse(str(i)) as object
    parsed.set(i, value)
    return value
  }
  const resource = ([id, type, region, detail]: [number, number, number, number]): ResourceRef => ({
    id: str(id),
    type: str(type),
    ...(region ? { region: str(region) } : {}),
    ...(detail ? { detail: str(detail) } : {}),
  })
  const control = (domainId: DomainId, t: ControlTuple): ControlResult => {
    const [id, level, status, reason, unknown, resources, evidence, attestationId, waiverId, expired, more] =
      t
    const attestation = answers.attestation(attestationId)
    const waiver = answers.waiver(waiverId)
    // Built field by field, not by spreads: 88,000 controls a quarter at 1,000 accounts, and each spread is an
    // object to collect. The fields keep the order the spreads gave.
    const result: Partial<ControlResult> = {
      controlId: str(id),
      domainId,
      level: level as ControlResult['level'],
      status: str(status) as ControlStatus,
      reason: str(reason),
    }
    if (unknown) result.unknownReason = str(unknown) as UnknownReason
    result.resources = resources.map(resource)
    result.evidence = evidence.map(([source, at]) => ({
      source: str(source) as SourceId,
      collectedAt: str(at),
    }))
    if (attestation) result.attestation = attestation
    if (waiver) result.waiver = waiver
    if (expired)
      result.expired = { kind: str(expired[0]) as 'attestation' | 'waiver', expiredAt: str(expired[1]) }
    return Object.assign(result, extra(more)) as ControlResult
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
      controls: (controls as ControlTuple[]).map((c) => control(domainId, c)),
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

/** The fields of each kind of answer, in their schema's order (which expanded answers keep). */
const attestationFields = [
  'id',
  'accountId',
  'controlId',
  'isMet',
  'note',
  'evidenceUrl',
  'attestedBy',
  'attestedAt',
  'expiresAt',
] as const satisfies ReadonlyArray<keyof Attestation>
/** The answers' boolean fields (columns hold them as 1 or 0). */
const attestationFlags: ReadonlySet<string> = new Set(['isMet'] satisfies Array<keyof Attestation>)
const waiverFields = [
  'id',
  'accountId',
  'controlId',
  'reason',
  'approver',
  'createdAt',
  'expiresAt',
] as const satisfies ReadonlyArray<keyof Waiver>

/** Answers as columns: strings interned, booleans 1 or 0, anything the fields don't name as interned JSON. */
function toColumns<T extends object>(
  rows: readonly T[],
  fields: readonly string[],
  put: (s: string | undefined) => number,
): AnswerColumns {
  const cell = (value: unknown) =>
    typeof value === 'boolean' ? Number(value) : put(value === undefined ? undefined : String(value))
  const columns: AnswerColumns = {}
  for (const field of fields)
    columns[field] = rows.map((row) => cell((row as Record<string, unknown>)[field]))
  const named = new Set(fields)
  columns.extra = rows.map((row) => extraOf(row, named, put))
  return columns
}

/** Answers back from their columns; `flags` names the boolean fields. */
function fromColumns<T>(
  columns: AnswerColumns,
  fields: readonly string[],
  flags: ReadonlySet<string>,
  strings: readonly string[],
): T[] {
  const count = columns.extra?.length ?? 0
  return Array.from({ length: count }, (_, i) => {
    const row: Record<string, unknown> = {}
    for (const field of fields) {
      const cell = columns[field]?.[i] ?? 0
      if (flags.has(field)) row[field] = cell === 1
      else if (cell !== 0) row[field] = strings[cell]
    }
    const more = columns.extra?.[i] ?? 0
    return (more ? { ...row, ...(JSON.parse(strings[more] ?? '{}') as object) } : row) as T
  })
}

/**
 * A snapshot's body part ('compact-2'): answers in columns, and the scorecard's tuples naming them by position.
 * An answer the snapshot doesn't hold (never the case for a built snapshot) is named by 0, as before.
 */
function compactBody(snapshot: Snapshot): SnapshotBody {
  const table = interner()
  const position = <T extends { id: string }>(answers: readonly T[]) => {
    const at = new Map(answers.map((a, i) => [a.id, i + 1]))
    return (answer: T | undefined) => (answer ? (at.get(answer.id) ?? 0) : 0)
  }
  const attestationAt = position(snapshot.attestations)
  const waiverAt = position(snapshot.waivers)
  const attestations = toColumns(snapshot.attestations, attestationFields, table.put)
  const waivers = toColumns(snapshot.waivers, waiverFields, table.put)
  const card = compactScorecard(snapshot.scorecard, table, {
    attestation: (c) => attestationAt(c.attestation),
    waiver: (c) => waiverAt(c.waiver),
  })
  return {
    accounts: snapshot.accounts,
    attestations,
    waivers,
    scorecard: { ...card, ...toControlColumns(card.accounts) },
    ...(snapshot.baselines ? { baselines: snapshot.baselines } : {}),
  }
}

/** A body's answers and scorecard, in either format. */
function expandBody(
  format: SnapshotRow['format'],
  body: SnapshotBody,
): { attestations: Attestation[]; waivers: Waiver[]; scorecard: OrgScorecard } {
  const strings = body.scorecard.strings
  if (format === 'compact-1') {
    const attestations = body.attestations as Attestation[]
    const waivers = body.waivers as Waiver[]
    const byId = <T extends { id: string }>(answers: readonly T[]) => {
      const map = new Map(answers.map((a) => [a.id, a]))
      return (slot: number) => (slot === 0 ? undefined : map.get(strings[slot] ?? ''))
    }
    const scorecard = expandScorecard(body.scorecard, {
      attestation: byId(attestations),
      waiver: byId(waivers),
    })
    return { attestations, waivers, scorecard }
  }
  const attestations = fromColumns<Attestation>(
    body.attestations as AnswerColumns,
    attestationFields,
    attestationFlags,
    strings,
  )
  const waivers = fromColumns<Waiver>(body.waivers as AnswerColumns, waiverFields, new Set(), strings)
  const { controls, ...card } = body.scorecard
  const tuples = controls ? fromControlColumns(card.accounts, controls) : card.accounts
  const scorecard = expandScorecard(
    { ...card, accounts: tuples },
    {
      attestation: (slot) => attestations[slot - 1],
      waiver: (slot) => waivers[slot - 1],
    },
  )
  return { attestations, waivers, scorecard }
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
  const body = jsonPart('body', compactBody(snapshot))
  return {
    row: {
      format: 'compact-2',
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
  const answers = expandBody(row.format, body)
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
    attestations: answers.attestations,
    waivers: answers.waivers,
    scoring: row.scoring,
    scorecard: answers.scorecard,
    ...(body.baselines ? { baselines: body.baselines } : {}),
  }
}

/** True for a row in the old, whole shape (a Snapshot with its scorecard inline). */
export function isWholeSnapshotRow(row: unknown): row is Snapshot {
  return typeof row === 'object' && row !== null && 'scorecard' in row && !('format' in row)
}
