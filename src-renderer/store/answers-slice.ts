import type { StateCreator } from 'zustand'
import type { AttestInput, WaiveInput } from '../db/answers-repo'
import type { AppState } from './app-store'

/** Manual answers (attestations) and accepted risks (waivers). Every action reports its own errors. */
export interface AnswersSlice {
  /** Records one answer for one or many accounts. Resolves true when it was saved. */
  attest(input: AttestInput): Promise<boolean>
  waive(input: WaiveInput): Promise<boolean>
  removeAttestation(id: string): Promise<void>
  removeWaiver(id: string): Promise<void>
}

export const createAnswersSlice: StateCreator<AppState, [], [], AnswersSlice> = (set, get) => {
  const repo = () => get().deps.repos.answers
  const refresh = async () => {
    const [attestations, waivers] = await Promise.all([repo().listAttestations(), repo().listWaivers()])
    set({ attestations, waivers })
  }
  const run = (work: () => Promise<unknown>, done?: string): Promise<boolean> =>
    get().attempt(async () => {
      await work()
      await refresh()
      if (done) get().notify({ level: 'info', message: done })
      return true
    }, false)
  return {
    attest: (input) =>
      run(
        () => repo().attest(input),
        input.accountIds.length > 1 ? `Answer saved for ${input.accountIds.length} accounts` : 'Answer saved',
      ),
    waive: (input) => run(() => repo().waive(input), 'Waiver recorded'),
    removeAttestation: async (id) => {
      await run(() => repo().removeAttestation(id), 'Answer deleted')
    },
    removeWaiver: async (id) => {
      await run(() => repo().removeWaiver(id), 'Waiver deleted')
    },
  }
}
