import {
  type AccessAnalyzerRegion,
  type Analyzer,
  type EvidenceBundle,
  type Finding,
  type RawPayload,
  type SourceStatus,
} from '../../shared/evidence/schema'
import { combineRegionStatuses } from '../../shared/evidence/select'
import {
  findingKindOf,
  noAnalyzerMessage,
  regionDisabledCodes,
  toAnalyzer,
  toFinding,
} from './access-analyzer'
import { type CliError, cliErrorOf, cliErrorStatus } from './offline-errors'
import {
  analyzerFilePattern,
  analyzersFile,
  FileProblem,
  findingsFilePattern,
  findingsV1File,
  findingsV2File,
  type MetaFile,
  offlineFiles,
  safeFileName,
  validateDocument,
} from './offline-files'

type Missing = (source: keyof MetaFile['sources'], file: string) => SourceStatus

const regionOfArn = (arn: string) => arn.split(':')[3] ?? ''

/**
 * Access Analyzer from `accessanalyzer-list-analyzers[.<region>].json` and the findings files: per Region,
 * the analyzers, and each active analyzer's findings (v1 files carry isPublic; V2 files the other kinds).
 */
export function readAccessAnalyzer(
  files: Map<string, string>,
  docs: (name: string) => unknown[] | undefined,
  where: (name: string) => string,
  collectedAt: string,
  meta: MetaFile | undefined,
  missing: Missing,
): EvidenceBundle['accessAnalyzer'] {
  const names = [...files.keys()]
  const regionAt = (region: string) => meta?.accessAnalyzerRegionsCollectedAt?.[region] ?? collectedAt
  const analyzersByRegion = new Map<string, Analyzer[]>()
  // Regions whose analyzers or findings listing failed, with the status its saved CLI error stands for.
  const failed = new Map<string, SourceStatus>()
  const raw: RawPayload[] = []
  for (const name of names) {
    const match = analyzerFilePattern.exec(name)
    if (!match) continue
    const fileRegion = match[1]
    const documents = docs(name)
    // An empty file is what the CLI leaves when the call failed: its saved error says why (a disabled Region,
    // access denied); without one the Region is not collected.
    if (!documents) {
      const error = cliErrorOf(files, name)
      if (error && fileRegion) failed.set(fileRegion, listingStatus(error))
      continue
    }
    if (fileRegion) analyzersByRegion.set(fileRegion, analyzersByRegion.get(fileRegion) ?? [])
    for (const doc of documents) {
      const file = validateDocument(analyzersFile, doc, where(name))
      for (const a of file.analyzers) {
        const region = regionOfArn(a.arn)
        if (fileRegion && region !== fileRegion) {
          throw new FileProblem(`${where(name)}: field analyzers: ${a.arn} is not in ${fileRegion}`)
        }
        analyzersByRegion.set(region, [...(analyzersByRegion.get(region) ?? []), toAnalyzer(a)])
      }
      raw.push({
        operation: 'ListAnalyzers',
        region: fileRegion ?? regionOfArn(file.analyzers[0]?.arn ?? ''),
        payload: file,
      })
    }
  }
  const withActive = [...analyzersByRegion].filter(([, list]) => list.some((a) => a.status === 'ACTIVE'))

  // Findings: per analyzer, the v1 (external, with isPublic) and V2 summaries, in file order.
  const v1 = new Map<string, Finding[]>()
  const v2 = new Map<string, Finding[]>()
  // Analyzers whose findings listing was read: a missing or 0-byte findings file leaves them unknown.
  const listed = new Set<string>()
  for (const name of names) {
    const match = findingsFilePattern.exec(name)
    if (!match) continue
    const isV2 = match[1] !== undefined
    const region = match[2] ?? (withActive.length === 1 ? withActive[0]?.[0] : undefined)
    if (!region) {
      throw new FileProblem(
        `${where(name)}: cannot tell which Region it is for; name it ${name.replace(/\.json$/, '')}.<region>.json`,
      )
    }
    const active = (analyzersByRegion.get(region) ?? []).filter((a) => a.status === 'ACTIVE')
    const documents = docs(name) ?? []
    const error = documents.length === 0 ? cliErrorOf(files, name) : undefined
    if (error) failed.set(region, listingStatus(error))
    if (documents.length > 0) {
      const covered = match[3]
        ? active.filter((a) => a.name === match[3])
        : active.filter((a) => isV2 || findingKindOf(a.type) === 'external')
      for (const a of covered) listed.add(a.arn)
    }
    for (const doc of documents) {
      const file = validateDocument(isV2 ? findingsV2File : findingsV1File, doc, where(name))
      file.findings.forEach((item, i) => {
        const kind = isV2 ? kindOfFindingType((item as { findingType: string }).findingType) : 'external'
        const analyzer = match[3]
          ? active.find((a) => safeFileName(a.name) === match[3])
          : active.find((a) => findingKindOf(a.type) === kind)
        if (!analyzer) {
          throw new FileProblem(
            `${where(name)}: field findings.${i}: no active ${match[3] ? `analyzer named ${match[3]}` : `${kind}-access analyzer`} in ${region}`,
          )
        }
        const target = isV2 ? v2 : v1
        target.set(analyzer.arn, [...(target.get(analyzer.arn) ?? []), toFinding(item, analyzer.arn, kind)])
      })
      const analyzerArn = match[3] ? active.find((a) => safeFileName(a.name) === match[3])?.arn : undefined
      raw.push({
        operation: isV2 ? 'ListFindingsV2' : 'ListFindings',
        region,
        ...(analyzerArn ? { request: { analyzerArn } } : {}),
        payload: file,
      })
    }
  }

  const regions: AccessAnalyzerRegion[] = [...analyzersByRegion].map(([region, found]) => {
    const analyzers = found.map((a) =>
      a.status === 'ACTIVE' ? { ...a, findingsListed: listed.has(a.arn) } : a,
    )
    const active = analyzers.filter((a) => a.status === 'ACTIVE')
    const findings = active.flatMap((a) => {
      const external = v1.get(a.arn) ?? []
      const ids = new Set(external.map((f) => f.id))
      return [...external, ...(v2.get(a.arn) ?? []).filter((f) => !ids.has(f.id))]
    })
    const status: SourceStatus =
      active.length > 0
        ? (failed.get(region) ?? { state: 'ok' })
        : { state: 'unavailable', reason: 'no-analyzer', message: noAnalyzerMessage(region, analyzers) }
    const isRead = status.state === 'ok' || active.length === 0
    return { region, status, collectedAt: regionAt(region), analyzers, findings: isRead ? findings : [] }
  })
  for (const [region, status] of failed) {
    if (!analyzersByRegion.has(region))
      regions.push({ region, status, collectedAt: regionAt(region), analyzers: [], findings: [] })
  }
  for (const [region, status] of Object.entries(meta?.accessAnalyzerRegions ?? {})) {
    if (!analyzersByRegion.has(region) && !failed.has(region) && status.state !== 'ok') {
      regions.push({ region, status, collectedAt: regionAt(region), analyzers: [], findings: [] })
    }
  }
  if (regions.length === 0) {
    return {
      status: missing('accessAnalyzer', 'accessanalyzer-list-analyzers.json'),
      collectedAt,
      raw: [],
      records: null,
    }
  }
  regions.sort((a, b) => a.region.localeCompare(b.region))
  return {
    status: combineRegionStatuses(regions),
    collectedAt,
    raw,
    records: { regions, regionsInScope: regionsInScope(files, meta, regions) },
  }
}

/**
 * The Regions in scope: the script's accessanalyzer-regions.txt, or the Regions Ratchet's own export recorded
 * (ratchet-evidence.json lists every one, read or not); null when neither is there.
 */
function regionsInScope(
  files: Map<string, string>,
  meta: MetaFile | undefined,
  regions: AccessAnalyzerRegion[],
): string[] | null {
  const listed = (files.get(offlineFiles.accessAnalyzerRegions) ?? '').split(/\s+/).filter(Boolean)
  if (listed.length > 0) return [...new Set(listed)].sort()
  if (meta?.accessAnalyzerRegions) return regions.map((r) => r.region)
  return null
}

function kindOfFindingType(findingType: string): Finding['kind'] {
  if (findingType.startsWith('Unused')) return 'unused'
  if (findingType === 'InternalAccess') return 'internal'
  return 'external'
}

/** A failed listing's status: an opt-in Region the account has not enabled is a fact, not a fault. */
function listingStatus(error: CliError): SourceStatus {
  return regionDisabledCodes.has(error.code)
    ? { state: 'unavailable', reason: 'region-disabled', message: error.message }
    : cliErrorStatus(error)
}
