import type { EvidenceBundle } from '../../shared/evidence/schema'

/**
 * Evidence rows as database versions 1 to 5 wrote them (the bundle inline), for the tests that open an old
 * version, write to it and reopen at the latest. The repositories write the latest shape only.
 */
export function inlineEvidenceRows(bundles: readonly unknown[]): unknown[] {
  return bundles.map((input) => {
    const bundle = input as EvidenceBundle
    const collectedAt = new Date(bundle.collectedAt).toISOString()
    return { id: `${bundle.accountId}:${collectedAt}`, accountId: bundle.accountId, collectedAt, bundle }
  })
}
