import { useEffect, useSyncExternalStore } from 'react'

/** What the user picked in Settings → Appearance. */
export type ThemeChoice = 'system' | 'light' | 'dark'
/** The theme in force once "system" is resolved. */
export type Theme = 'light' | 'dark'
export const themeChoices: readonly ThemeChoice[] = ['system', 'light', 'dark']

const storageKey = 'ratchet.theme'

/**
 * The saved choice. It lives in localStorage, not IndexedDB: it is read synchronously before the first paint,
 * so the window never flashes the wrong theme, and it is a per-machine preference, not data to back up.
 */
export function readThemeChoice(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): ThemeChoice {
  const saved = storage?.getItem(storageKey)
  return themeChoices.find((c) => c === saved) ?? 'system'
}

/** Saves the choice; a storage that refuses (private mode, quota) only loses the preference. */
export function saveThemeChoice(
  choice: ThemeChoice,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(storageKey, choice)
  } catch {
    // The theme still applies for this session.
  }
}

/** Resolves "system" against the operating system's preference. */
export function resolveTheme(choice: ThemeChoice, prefersDark: boolean): Theme {
  if (choice === 'system') return prefersDark ? 'dark' : 'light'
  return choice
}

const darkQuery = '(prefers-color-scheme: dark)'

function subscribeToSystem(onChange: () => void): () => void {
  const query = globalThis.matchMedia?.(darkQuery)
  query?.addEventListener('change', onChange)
  return () => query?.removeEventListener('change', onChange)
}

const prefersDarkNow = () => globalThis.matchMedia?.(darkQuery).matches ?? false

/** The theme in force for a choice, following the system's preference live when the choice is "system". */
export function useResolvedTheme(choice: ThemeChoice): Theme {
  const prefersDark = useSyncExternalStore(subscribeToSystem, prefersDarkNow, () => false)
  return resolveTheme(choice, prefersDark)
}

/** Puts the resolved theme on <html data-theme>, which styles.css keys every colour on. */
export function useThemeOnDocument(theme: Theme): void {
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
}
