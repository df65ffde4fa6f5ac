import type { StateCreator } from 'zustand'
import { readThemeChoice, saveThemeChoice, type ThemeChoice } from '../app/theme'
import type { AppState } from './app-store'

/** The product's areas, in navigation order. */
export const areas = [
  { id: 'accounts', label: 'Accounts', key: '1', icon: '▦' },
  { id: 'collect', label: 'Collect', key: '2', icon: '⇣' },
  { id: 'snapshots', label: 'Snapshots', key: '3', icon: '◷' },
  { id: 'compare', label: 'Compare', key: '4', icon: '⇄' },
  { id: 'model', label: 'Model', key: '5', icon: '☰' },
  { id: 'settings', label: 'Settings', key: '6', icon: '⚙' },
  { id: 'baselines', label: 'Baselines', key: '7', icon: '⚑' },
] as const
export type AreaId = (typeof areas)[number]['id']

export interface UiSlice {
  area: AreaId
  setArea(area: AreaId): void
  /** The theme the user picked (system, light or dark), kept across restarts. */
  theme: ThemeChoice
  setTheme(theme: ThemeChoice): void
  /** The sidebar shows only the areas' shortcuts, leaving the width to the heatmap. */
  isNavCollapsed: boolean
  toggleNav(): void
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  area: 'accounts',
  setArea: (area) => set({ area }),
  theme: readThemeChoice(),
  setTheme: (theme) => {
    saveThemeChoice(theme)
    set({ theme })
  },
  // Narrow windows (1024 px and less) start with the sidebar collapsed.
  isNavCollapsed: (globalThis.innerWidth ?? 1280) <= 1100,
  toggleNav: () => set((s) => ({ isNavCollapsed: !s.isNavCollapsed })),
})

export const uiSelectors = {
  area: (s: AppState) => s.area,
  theme: (s: AppState) => s.theme,
  isNavCollapsed: (s: AppState) => s.isNavCollapsed,
}
