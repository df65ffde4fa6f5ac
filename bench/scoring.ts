/** Scoring bench: 1,000 accounts against the full default model, and re-scoring 8 quarters of them. */
import { defaultModel } from '../shared/model/default-model'
import { compileModel, type OrgAccountInput, scoreAccountsForBench } from '../shared/scoring/engine'
import { scoreState } from '../shared/snapshot/build'
import type { BenchOrganization } from './dataset'
import { type Timing, time } from './timing'

export interface ScoringResult {
  accounts: number
  controls: number
  single: Timing
  quarters: number
  rescoreAll: Timing
}

/** Times scoring the newest quarter, then re-scoring every quarter (model compiled once). */
export function benchScoring(org: BenchOrganization): ScoringResult {
  const compiled = compileModel(defaultModel)
  const last = org.quarters.at(-1)
  if (!last) throw new Error('the bench organization has no quarters')
  const bundles = new Map(last.bundles.map((b) => [b.accountId, b]))
  const answers = new Map<string, typeof last.attestations>()
  for (const a of last.attestations) {
    const list = answers.get(a.accountId)
    if (list) list.push(a)
    else answers.set(a.accountId, [a])
  }
  const inputs: OrgAccountInput[] = org.accounts.map((account) => {
    const bundle = bundles.get(account.id)
    return {
      accountId: account.id,
      account: { id: account.id, targets: account.targets },
      ...(bundle ? { bundle } : {}),
      attestations: answers.get(account.id) ?? [],
      waivers: [],
    }
  })
  const now = new Date(last.asOf)
  const single = time(() => scoreAccountsForBench(compiled, inputs, now), 9, 3)
  const rescoreAll = time(
    () => {
      for (const q of org.quarters) {
        scoreState(
          {
            createdAt: q.asOf,
            accounts: org.accounts,
            evidence: q.bundles,
            attestations: q.attestations,
            waivers: q.waivers,
          },
          compiled,
        )
      }
    },
    5,
    1,
  )
  return {
    accounts: org.accounts.length,
    controls: compiled.controls.length,
    single,
    quarters: org.quarters.length,
    rescoreAll,
  }
}
