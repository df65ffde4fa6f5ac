import { type Account, accountSchema } from '../domain/types'
import type { EvidenceBundle } from '../evidence/schema'

/**
 * The name of an account first known from its evidence: its first IAM account alias, else its id. The app's
 * evidence import, its collection of a new account without a name, and the CLI's `snapshot` and `check` all
 * name such an account with this, so the same evidence gives the same name everywhere.
 */
export function evidenceAccountName(bundle: Pick<EvidenceBundle, 'accountId' | 'identity'>): string {
  // `||`, not `??`: an empty alias would make a nameless account.
  return bundle.identity.records?.aliases[0] || bundle.accountId
}

/** The account added for evidence of an account not yet known: origin `import`, named by evidenceAccountName. */
export function accountFromEvidence(bundle: Pick<EvidenceBundle, 'accountId' | 'identity'>): Account {
  return accountSchema.parse({ id: bundle.accountId, name: evidenceAccountName(bundle), origin: 'import' })
}
