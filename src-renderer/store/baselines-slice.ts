import type { StateCreator } from 'zustand'
import { applyAccountDetails } from '../../shared/accounts-file/apply'
import type { TagMapping } from '../../shared/accounts-file/organizations'
import { type AccountDetails, parseAccountsFile } from '../../shared/accounts-file/parse'
import { parseBaselinesFile } from '../../shared/baseline/io'
import { type RevisionAuthor, reviseBaseline } from '../../shared/baseline/revise'
import { latestVersions } from '../../shared/baseline/scope'
import type { Baseline, BaselineDraft } from '../../shared/baseline/types'
import type { Target } from '../../shared/ipc/domains/aws'
import type { AppState } from './app-store'

export interface BaselinesSlice {
  isBaselinesLoaded: boolean
  /** Every version of every baseline, by id then version. */
  baselineVersions: Baseline[]
  loadBaselines(): Promise<void>
  /**
   * Saves the next version of a baseline (or its first): the revision rules apply (lowering needs a reason
   * and an approver). Returns the saved version, or undefined when it was refused (the reason is reported).
   */
  saveBaseline(
    previous: Baseline | undefined,
    draft: BaselineDraft,
    author: Omit<RevisionAuthor, 'at'>,
  ): Promise<Baseline | undefined>
  /** Imports a JSON or YAML baselines file, validated first, all or nothing. */
  importBaselines(fileName: string, text: string): Promise<boolean>
  /**
   * Applies an accounts file (CSV, JSON or YAML: names, owners, environments, tags, targets) to the accounts
   * Ratchet knows, validated first and written all or nothing; ids it does not know are counted, not added.
   */
  importAccountDetails(fileName: string, text: string): Promise<boolean>
  /** Reads account names and tags from AWS Organizations through a management-account target, then applies them. */
  importOrganizationAccounts(target: Target, mapping: TagMapping): Promise<boolean>
}

/** Writes details onto the accounts Ratchet knows (all or nothing) and says how many were skipped. */
async function applyDetails(
  get: () => AppState,
  details: readonly AccountDetails[],
  source: string,
): Promise<void> {
  const known = get().accounts
  const ids = new Set(known.map((a) => a.id))
  const touched = new Set(details.map((d) => d.id))
  const merged = applyAccountDetails(known, details).filter((a) => ids.has(a.id) && touched.has(a.id))
  await get().deps.repos.accounts.putMany(merged)
  await get().loadDesk()
  const skipped = details.filter((d) => !ids.has(d.id)).length
  get().notify({
    level: 'info',
    message: `Account details from ${source}: ${merged.length} account(s) updated${
      skipped > 0 ? `, ${skipped} not in Ratchet skipped` : ''
    }`,
  })
}

export const createBaselinesSlice: StateCreator<AppState, [], [], BaselinesSlice> = (set, get) => ({
  isBaselinesLoaded: false,
  baselineVersions: [],
  loadBaselines: async () => {
    const baselineVersions = await get().attempt(() => get().deps.repos.baselines.list())
    set({ ...(baselineVersions ? { baselineVersions } : {}), isBaselinesLoaded: true })
  },
  saveBaseline: (previous, draft, author) =>
    get().attempt(async () => {
      const next = reviseBaseline(previous, draft, { ...author, at: get().deps.now().toISOString() })
      await get().deps.repos.baselines.add(next)
      await get().loadBaselines()
      get().notify({
        level: 'info',
        message: `Baseline "${next.name}" saved as version ${next.version} (${next.change})`,
      })
      return next
    }),
  importBaselines: (fileName, text) =>
    get().attempt(async () => {
      const added = await get().deps.repos.baselines.importMany(parseBaselinesFile(text, fileName))
      await get().loadBaselines()
      get().notify({ level: 'info', message: `${added} baseline version(s) imported from ${fileName}` })
      return true
    }, false),
  importAccountDetails: (fileName, text) =>
    get().attempt(async () => {
      await applyDetails(get, parseAccountsFile(text, fileName), fileName)
      return true
    }, false),
  importOrganizationAccounts: (target, mapping) =>
    get().attempt(async () => {
      const { accounts } = await get().deps.api.aws.importOrganizationAccounts({ target, mapping })
      await applyDetails(get, accounts, `AWS Organizations (${target.accountName})`)
      return true
    }, false),
})

// Memoised on the versions array, so components can select the versions in force without new arrays.
let lastVersions: Baseline[] | undefined
let lastInForce: Baseline[] = []

export const baselineSelectors = {
  isLoaded: (s: AppState) => s.isBaselinesLoaded,
  versions: (s: AppState) => s.baselineVersions,
  /** The latest version of each baseline. */
  inForce: (s: AppState) => {
    if (s.baselineVersions !== lastVersions) {
      lastVersions = s.baselineVersions
      lastInForce = latestVersions(s.baselineVersions)
    }
    return lastInForce
  },
}
