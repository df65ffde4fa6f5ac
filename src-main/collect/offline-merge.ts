import type { Dirent } from 'node:fs'
import { readdir, writeFile } from 'node:fs/promises'
import type {
  AccessAnalyzerRegion,
  EvidenceBundle,
  SourceId,
  SourceStatus,
} from '../../shared/evidence/schema'
import { sourceIds } from '../../shared/evidence/schema'
import { type BundleState, bundleState, selectEvidence } from '../../shared/evidence/select'
import { OfflineImportError, readEvidenceEntries } from './offline'
import { accountFiles, fileSource, insideFolder, writeAccountFolder } from './offline-write'

/** The file, in each account folder, that records the newest collection attempt beside the evidence. */
export const attemptFile = 'ratchet-attempt.json'

/** What one collection attempt of an account did, written beside (never instead of) its evidence. */
export interface FolderAttempt {
  schemaVersion: 1
  accountId: string
  at: string
  /** As the live run's summary says it (`bundleState`): ok, partial, or failed when nothing was read. */
  state: BundleState
  detail?: string
  sources?: Record<SourceId, SourceStatus>
  /** The sources whose files were left as an earlier collection wrote them. */
  keptFromEarlier: SourceId[]
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

/** A folder's listing; undefined when there is no such folder (any other failure is thrown). */
async function listFolder(folder: string): Promise<Dirent[] | undefined> {
  try {
    return await readdir(folder, { withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/** What a folder that cannot be read says in the attempt: the folder, why, and what to do. */
function unreadableDetail(folder: string, error: unknown): string {
  const why =
    error instanceof OfflineImportError
      ? error.problems.join('; ')
      : error instanceof Error
        ? error.message
        : String(error)
  return `${folder} was left as it is, because it cannot be read: ${why}. This attempt's evidence was not written there: repair or move that folder, then collect again.`
}

/** The existing folder's listing and evidence, read once (both undefined when there is no folder). */
async function readExisting(folder: string): Promise<{ names: string[]; previous?: EvidenceBundle }> {
  const entries = await listFolder(folder)
  if (!entries) return { names: [] }
  const [previous] = await readEvidenceEntries(folder, entries)
  return { names: entries.map((e) => e.name), ...(previous ? { previous } : {}) }
}

/** Which sources (and Access Analyzer Regions) of `selected` are still the previous folder's evidence. */
function keptParts(selected: EvidenceBundle, previous: EvidenceBundle | undefined) {
  const previousRegions = new Set<AccessAnalyzerRegion>(previous?.accessAnalyzer.records?.regions ?? [])
  const regions = selected.accessAnalyzer.records?.regions ?? []
  const keptRegions = new Set(regions.filter((r) => previousRegions.has(r)).map((r) => r.region))
  const isAaKept =
    previous !== undefined &&
    (selected.accessAnalyzer === previous.accessAnalyzer ||
      (regions.length > 0 && keptRegions.size === regions.length))
  const sources = sourceIds.filter((s) =>
    s === 'accessAnalyzer' ? isAaKept : previous !== undefined && selected[s] === previous[s],
  )
  return { sources, keptRegions }
}

/**
 * Writes one freshly collected bundle into an account folder that may hold an earlier collection. The
 * newest good evidence of each source wins (shared/evidence/select): the files of every source this attempt
 * did not replace are copied byte for byte, and when it replaced nothing the folder is not touched at all.
 * The attempt itself is recorded in `ratchet-attempt.json`. An existing folder that cannot be read is never
 * overwritten: the attempt says why.
 */
export async function mergeIntoEvidenceFolder(dir: string, bundle: EvidenceBundle): Promise<FolderAttempt> {
  const folder = insideFolder(dir, bundle.accountId)
  const attempt = (keptFromEarlier: SourceId[], detail?: string): FolderAttempt => ({
    schemaVersion: 1,
    accountId: bundle.accountId,
    at: bundle.collectedAt,
    state: bundleState(bundle),
    ...(detail ? { detail } : {}),
    sources: Object.fromEntries(sourceIds.map((s) => [s, bundle[s].status])) as Record<
      SourceId,
      SourceStatus
    >,
    keptFromEarlier,
  })
  let existing: Awaited<ReturnType<typeof readExisting>>
  try {
    existing = await readExisting(folder)
  } catch (error) {
    const result = attempt([...sourceIds], unreadableDetail(folder, error))
    await writeFile(insideFolder(folder, attemptFile), json(result))
    return result
  }
  const { previous } = existing
  const selected = selectEvidence(previous ? [previous, bundle] : [bundle])?.bundle ?? bundle
  const kept = keptParts(selected, previous)
  const result = attempt(kept.sources)
  if (!previous || kept.sources.length < sourceIds.length) {
    const files = accountFiles(selected)
    const keepNames = existing.names.filter((name) => {
      if (name === attemptFile) return false
      const owner = fileSource(name)
      if (!owner) return !name.startsWith('.') // not evidence Ratchet writes: leave it with the folder
      if (owner.source === 'meta') return false
      if (owner.source !== 'accessAnalyzer') return kept.sources.includes(owner.source)
      return owner.region ? kept.keptRegions.has(owner.region) : kept.sources.includes('accessAnalyzer')
    })
    for (const name of keepNames) files.delete(name)
    await writeAccountFolder(dir, bundle.accountId, files, { from: folder, names: keepNames })
  }
  await writeFile(insideFolder(folder, attemptFile), json(result))
  return result
}

/** Records an attempt that produced no bundle (no credentials, no identity) beside an existing folder. */
export async function recordFailedAttempt(
  dir: string,
  accountId: string,
  at: string,
  detail: string,
): Promise<void> {
  const folder = insideFolder(dir, accountId)
  if (!(await listFolder(folder).catch(() => undefined))) return
  const result: FolderAttempt = {
    schemaVersion: 1,
    accountId,
    at,
    state: 'failed',
    detail,
    keptFromEarlier: [...sourceIds],
  }
  await writeFile(insideFolder(folder, attemptFile), json(result))
}
