import { describe, expect, it } from 'vitest'
import { buildDemoOrganization } from '../demo/organization'
import { defaultModel } from '../model/default-model'
import { snapshotsFromQuarters } from './build'
import { snapshotSchema } from './schema'

describe('snapshotsFromQuarters with the demo organization', () => {
  it('freezes each of the four quarters as a valid snapshot, oldest first, with every account scored', () => {
    const now = new Date('2026-11-28T10:00:00.000Z')
    const controls = defaultModel.domains.flatMap((d) =>
      d.levels.flatMap((l) =>
        l.controls.map((c) => ({
          id: c.id,
          domainId: d.id,
          level: l.level,
          isManual: !!c.question && !c.rule,
        })),
      ),
    )
    const demo = buildDemoOrganization({ now, controls })
    const { accounts, quarters } = demo
    const snapshots = snapshotsFromQuarters({ accounts, quarters, model: defaultModel, idPrefix: 'demo' })
    expect(snapshots.map((s) => s.label)).toEqual(demo.quarters.map((q) => q.label))
    expect(new Set(snapshots.map((s) => s.id)).size).toBe(4)
    for (const [i, snap] of snapshots.entries()) {
      expect(snapshotSchema.safeParse(JSON.parse(JSON.stringify(snap))).success).toBe(true)
      expect(snap.createdAt).toBe(demo.quarters[i]?.asOf)
      expect(snap.scorecard.accounts).toHaveLength(demo.accounts.length)
      // Each snapshot keeps its quarter's evidence (one account's is older: that quarter's run missed it).
      expect(snap.evidence).toEqual(demo.quarters[i]?.bundles)
    }
    // The demo improves over the year: the mean level rises from the first quarter to the last.
    const mean = (i: number) => {
      const cards = snapshots[i]?.scorecard.accounts ?? []
      const levels = cards.flatMap((a) => a.domains.map((d) => d.level))
      return levels.reduce<number>((s, l) => s + l, 0) / levels.length
    }
    expect(mean(3)).toBeGreaterThan(mean(0))
  })
})
