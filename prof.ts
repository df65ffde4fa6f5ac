import { buildBenchOrganization, benchSnapshots } from './bench/dataset'
import { renderExport } from './shared/report/render'
import { buildReport } from './shared/report/build'
import { trendAgainst } from './shared/report/trend'
import { writeFileSync } from 'node:fs'
let t = performance.now()
const org = buildBenchOrganization(1000, 2, new Date('2026-11-28T00:00:00Z'))
const [prev, cur] = benchSnapshots(org)
console.log('dataset', Math.round(performance.now() - t)); t = performance.now()
trendAgainst(cur!, prev!)
console.log('trend', Math.round(performance.now() - t)); t = performance.now()
const r = buildReport(cur!, { scope: { kind: 'org' }, now: new Date(), previous: prev })
console.log('buildReport', Math.round(performance.now() - t)); t = performance.now()
for (const detail of ['summary','failing','everything'] as const) {
const out = renderExport(cur!, { format: 'html', scope: { kind: 'org' }, isRedacted: false, now: new Date(), previous: prev, detail })
console.log('renderExport html', detail, Math.round(performance.now() - t), 'bytes', Buffer.byteLength(out.text)); t = performance.now()
writeFileSync(`/tmp/exp/big-${detail}.html`, out.text)
}
