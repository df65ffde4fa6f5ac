import type { StateCreator } from 'zustand'
import type { AppState } from './app-store'

/** The product's areas, in navigation order. */
export const areas = [
  { id: 'accounts', label: 'Accounts', key: '1' },
  { id: 'collect', label: 'Collect', key: '2' },
  { id: 'snapshots', label: 'Snapshots', key: '3' },
  { id: 'compare', label: 'Compare', key: '4' },
  { id: 'model', label: 'Model', key: '5' },
  { id: 'settings', label: 'Settings', key: '6' },
  { id: 'baselines', label: 'Baselines', key: '7' },
] as const
export type AreaId = (typeof areas)[number]['id']

export interface UiSlice {
  area: AreaId
  setArea(area: AreaId): void
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  area: 'accounts',
  setArea: (area) => set({ area }),
})

export const uiSelectors = {
  area: (s: AppState) => s.area,
}
