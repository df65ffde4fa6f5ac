import type { StateCreator } from 'zustand'
import { applyAccountDetails } from '../../shared/accounts-file/apply'
import { parseAccountsFile } from '../../shared/accounts-file/parse'
import { parseBaselinesFile } from '../../shared/baseline/io'
import { type RevisionAuthor, reviseBaseline } from '../../shared/baseline/revise'
import { latestVersions } from '../../shared/baseline/scope'
import type { Baseline, BaselineDraft } from '../../shared/baseline/types'
import { createAccountsRepo } from '../db/accounts-repo'
import { createBaselinesRepo } from '../db/baselines-repo'
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
}

export const createBaselinesSlice: StateCreator<AppState, [], [], BaselinesSlice> = (set, get) => ({
  isBaselinesLoaded: false,
  baselineVersions: [],
  loadBaselines: async () => {
    try {
      const baselineVersions = await createBaselinesRepo(get().deps.db).list()
      set({ baselineVersions, isBaselinesLoaded: true })
    } catch (error) {
      set({ isBaselinesLoaded: true })
      get().reportError(error)
    }
  },
  saveBaseline: async (previous, draft, author) => {
    try {
      const next = reviseBaseline(previous, draft, { ...author, at: get().deps.now().toISOString() })
      await createBaselinesRepo(get().deps.db).add(next)
      await get().loadBaselines()
      get().notify({
        level: 'info',
        message: `Baseline "${next.name}" saved as version ${next.version} (${next.change})`,
      })
      return next
    } catch (error) {
      get().reportError(error)
      return undefined
    }
  },
  importBaselines: async (fileName, text) => {
    try {
      const added = await createBaselinesRepo(get().deps.db).importMany(parseBaselinesFile(text, fileName))
      await get().loadBaselines()
      get().notify({ level: 'info', message: `${added} baseline version(s) imported from ${fileName}` })
      return true
    } catch (error) {
      get().reportError(error)
      return false
    }
  },
  importAccountDetails: async (fileName, text) => {
    try {
      const details = parseAccountsFile(text, fileName)
      const known = get().accounts
      const ids = new Set(known.map((a) => a.id))
      const merged = applyAccountDetails(known, details).filter((a) => ids.has(a.id))
      const touched = new Set(details.map((d) => d.id))
      await createAccountsRepo(get().deps.db).putMany(merged.filter((a) => touched.has(a.id)))
      await get().loadDesk()
      const skipped = details.length - details.filter((d) => ids.has(d.id)).length
      get().notify({
        level: 'info',
        message: `Account details from ${fileName}: ${details.length - skipped} account(s) updated${
          skipped > 0 ? `, ${skipped} not in Ratchet skipped` : ''
        }`,
      })
      return true
    } catch (error) {
      get().reportError(error)
      return false
    }
  },
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
