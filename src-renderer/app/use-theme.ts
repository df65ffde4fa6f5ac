import { useAppStore } from '../store/app-store'
import { uiSelectors } from '../store/ui-slice'
import { type Theme, useResolvedTheme } from './theme'

/** The theme in force in the app (the user's choice, with "system" resolved live). */
export function useAppTheme(): Theme {
  return useResolvedTheme(useAppStore(uiSelectors.theme))
}
