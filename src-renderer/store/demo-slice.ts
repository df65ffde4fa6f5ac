import { z } from 'zod'
import type { StateCreator } from 'zustand'
import { demoBaselines } from '../../shared/demo/baselines'
import { buildDemoOrganization } from '../../shared/demo/organization'
import { requestPersistentStorage } from '../db/settings-repo'
import type { AppState } from './app-store'
import { DEMO_SNAPSHOT_PREFIX } from './snapshots-slice'

/** Set when the user said no to the demo or removed it, so it is not offered or opened again. */
const DEMO_DECLINED = 'demo.declined'

export interface DemoSlice {
  /** 'offer' shows the first-launch card that offers the demo organization. */
  demoOffer: 'none' | 'offer'
  isDemoBusy: boolean
  /** Start-up: keep storage, read the desk, and on an empty database offer (or open) the demo. */
  initDesk(): Promise<void>
  loadDemo(): Promise<void>
  declineDemo(): Promise<void>
  /** Removes every demo account with its evidence and answers; the user's own data stays. */
  removeDemo(): Promise<void>
}

export const createDemoSlice: StateCreator<AppState, [], [], DemoSlice> = (set, get) => {
  // Start-up runs once per store, even when React (StrictMode) mounts the shell twice.
  let started: Promise<void> | undefined
  const init = async () => {
    const { repos, api } = get().deps
    void requestPersistentStorage()
    await get().loadDesk()
    if (get().accounts.length > 0) return
    try {
      const isDeclined = await repos.settings.get(DEMO_DECLINED, z.boolean(), false)
      const info = await api.app.getInfo()
      if (info.isDemoDefault && !isDeclined) await get().loadDemo()
      else if (!isDeclined) set({ demoOffer: 'offer' })
    } catch (error) {
      get().reportError(error)
    }
  }
  return {
    demoOffer: 'none',
    isDemoBusy: false,
    initDesk: () => {
      started ??= init()
      return started
    },
    loadDemo: async () => {
      const { repos, now } = get().deps
      set({ isDemoBusy: true })
      try {
        const demo = buildDemoOrganization({ now: now(), controls: get().deskModel.demoControls })
        // Validated, and written all or nothing: the demo loads whole or not at all.
        await repos.addOrganization(demo)
        await repos.baselines.importMany(demoBaselines(now()))
        await get().loadBaselines()
        set({ demoOffer: 'none' })
        await get().loadDesk()
        get().notify({ level: 'info', message: `Demo organization loaded: ${demo.accounts.length} accounts` })
      } catch (error) {
        get().reportError(error)
      } finally {
        set({ isDemoBusy: false })
      }
    },
    declineDemo: async () => {
      set({ demoOffer: 'none' })
      try {
        await get().deps.repos.settings.set(DEMO_DECLINED, z.boolean(), true)
      } catch (error) {
        get().reportError(error)
      }
    },
    removeDemo: async () => {
      set({ isDemoBusy: true })
      try {
        const count = await get().deps.repos.accounts.removeOrigin('demo', DEMO_SNAPSHOT_PREFIX)
        await get().deps.repos.baselines.removeDemo()
        await get().loadBaselines()
        // Once removed, the demo is not opened again by itself at the next start (it can still be loaded).
        await get().deps.repos.settings.set(DEMO_DECLINED, z.boolean(), true)
        await get().loadDesk()
        // The Snapshots area lists the demo's quarterly snapshots: refresh it if it was loaded.
        await get().reloadSnapshotLists()
        get().notify({ level: 'info', message: `Demo organization removed (${count} accounts)` })
      } catch (error) {
        get().reportError(error)
      } finally {
        set({ isDemoBusy: false })
      }
    },
  }
}
