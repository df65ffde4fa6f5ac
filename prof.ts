import { buildFixtureSnapshots, FIXTURE_NOW } from './test/fixtures/snapshots/build'
import { renderExport } from './shared/report/render'
import { writeFileSync } from 'node:fs'
const { current, previous } = buildFixtureSnapshots()
for (const detail of ['summary', 'failing', 'everything'] as const) {
  const r = renderExport(current, { format: 'html', scope: { kind: 'org' }, isRedacted: false, now: FIXTURE_NOW, previous, detail })
  writeFileSync(`/tmp/exp/org-${detail}.html`, r.text)
}
const one = renderExport(current, { format: 'html', scope: { kind: 'accounts', accountIds: [current.accounts[0]!.id] }, isRedacted: false, now: FIXTURE_NOW, previous })
writeFileSync('/tmp/exp/one.html', one.text)
