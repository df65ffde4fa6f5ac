import { defaultModel } from '../model/default-model'
import { snapshotsFromQuarters } from '../snapshot/build'
import type { Snapshot } from '../snapshot/schema'
import { demoBaselines } from './baselines'
import { buildDemoOrganization, type DemoOrganization, demoControlsFromModel } from './organization'

/** The date the demo tests build the organization for. */
export const DEMO_TEST_NOW = new Date('2026-11-28T12:00:00.000Z')

/** The demo organization under the default model, with its four quarterly snapshots and baselines (tests). */
export function demoWithSnapshots(now = DEMO_TEST_NOW): { demo: DemoOrganization; snapshots: Snapshot[] } {
  const demo = buildDemoOrganization({ now, controls: demoControlsFromModel(defaultModel) })
  const snapshots = snapshotsFromQuarters({
    accounts: demo.accounts,
    quarters: demo.quarters,
    model: defaultModel,
    idPrefix: 'demo',
    baselines: demoBaselines(now),
  })
  return { demo, snapshots }
}
