import type { StateCreator } from 'zustand'
import type { Account, Attestation, DomainId, Waiver } from '../../shared/domain/types'
import type { EvidenceBundle } from '../../shared/evidence/schema'
import type { AccountPatch } from '../db/accounts-repo'
import type { AppState } from './app-store'

/** Where the desk is: the overview heatmap, or one account (optionally opened at a domain and control). */
export type DeskView =
  | { kind: 'overview' }
  | { kind: 'account'; accountId: string; domainId?: DomainId; controlId?: string }

export interface AccountsSlice {
  isDeskLoaded: boolean
  /** True once the bundles and answers are in memory (they load when something needs them, not at start). */
  isDeskDetailsLoaded: boolean
  accounts: Account[]
  /** The latest evidence bundle of each account, by account id (empty until the details are loaded). */
  latestEvidence: Record<string, EvidenceBundle>
  attestations: Attestation[]
  waivers: Waiver[]
  deskView: DeskView
  /** Accounts ticked in the overview, for bulk answers. */
  selectedAccountIds: string[]
  /**
   * Reads the accounts and their stored summaries (what the overview draws), then starts an off-thread
   * refresh of the summaries. Bundles and answers are read again only if they had been loaded.
   */
  loadDesk(): Promise<void>
  /** Reads every account's latest bundle and every answer, once (an account view, a snapshot, an export). */
  ensureDeskDetails(): Promise<void>
  updateAccount(id: string, patch: AccountPatch): Promise<boolean>
  openAccount(accountId: string, domainId?: DomainId, controlId?: string): void
  openOverview(): void
  setSelectedAccounts(ids: string[]): void
  toggleSelectedAccount(id: string): void
  /** Opens a remediation or evidence link in the system browser (main checks it against the allow-list). */
  openLink(url: string): void
}

export const createAccountsSlice: StateCreator<AppState, [], [], AccountsSlice> = (set, get) => {
  let details: Promise<void> | undefined
  const readDetails = async () => {
    const { evidence, answers } = get().deps.repos
    const [latest, attestations, waivers] = await Promise.all([
      evidence.latestByAccount(),
      answers.listAttestations(),
      answers.listWaivers(),
    ])
    set({ latestEvidence: Object.fromEntries(latest), attestations, waivers, isDeskDetailsLoaded: true })
  }
  return {
    isDeskLoaded: false,
    isDeskDetailsLoaded: false,
    accounts: [],
    latestEvidence: {},
    attestations: [],
    waivers: [],
    deskView: { kind: 'overview' },
    selectedAccountIds: [],
    loadDesk: async () => {
      try {
        const { accounts: accountsRepo, summaries: summariesRepo } = get().deps.repos
        const [accounts, summaries] = await Promise.all([accountsRepo.list(), summariesRepo.list()])
        const known = new Set(accounts.map((a) => a.id))
        set((s) => ({
          isDeskLoaded: true,
          accounts,
          summaries: Object.fromEntries(summaries.map((x) => [x.accountId, x])),
          selectedAccountIds: s.selectedAccountIds.filter((id) => known.has(id)),
          deskView:
            s.deskView.kind === 'account' && !known.has(s.deskView.accountId)
              ? { kind: 'overview' }
              : s.deskView,
        }))
        get().scheduleSummaryRefresh()
        if (details) {
          details = readDetails()
          await details
        }
      } catch (error) {
        set({ isDeskLoaded: true })
        get().reportError(error)
      }
    },
    updateAccount: async (id, patch) => {
      try {
        const next = await get().deps.repos.accounts.update(id, patch)
        set((s) => ({ accounts: s.accounts.map((a) => (a.id === id ? next : a)) }))
        return true
      } catch (error) {
        get().reportError(error)
        return false
      }
    },
    ensureDeskDetails: () => {
      details ??= readDetails().catch((error: unknown) => {
        details = undefined
        get().reportError(error)
      })
      return details
    },
    openAccount: (accountId, domainId, controlId) => {
      void get().ensureDeskDetails()
      set({
        deskView: {
          kind: 'account',
          accountId,
          ...(domainId ? { domainId } : {}),
          ...(controlId ? { controlId } : {}),
        },
      })
    },
    openOverview: () => set({ deskView: { kind: 'overview' } }),
    setSelectedAccounts: (ids) => set({ selectedAccountIds: ids }),
    openLink: (url) => {
      get()
        .deps.api.app.openExternal({ url })
        .catch((error: unknown) => get().reportError(error))
    },
    toggleSelectedAccount: (id) =>
      set((s) => ({
        selectedAccountIds: s.selectedAccountIds.includes(id)
          ? s.selectedAccountIds.filter((x) => x !== id)
          : [...s.selectedAccountIds, id],
      })),
  }
}

export const accountSelectors = {
  isDeskLoaded: (s: AppState) => s.isDeskLoaded,
  accounts: (s: AppState) => s.accounts,
  byId: (id: string) => (s: AppState) => s.accounts.find((a) => a.id === id),
  latestEvidence: (s: AppState) => s.latestEvidence,
  attestations: (s: AppState) => s.attestations,
  waivers: (s: AppState) => s.waivers,
  deskView: (s: AppState) => s.deskView,
  selectedAccountIds: (s: AppState) => s.selectedAccountIds,
  hasDemo: (s: AppState) => s.accounts.some((a) => a.origin === 'demo'),
}
