import { type ThemeChoice, themeChoices } from '../../app/theme'
import { useAppStore } from '../../store/app-store'
import { uiSelectors } from '../../store/ui-slice'

const labels: Record<ThemeChoice, string> = {
  system: 'Same as the system',
  light: 'Light',
  dark: 'Dark',
}

/** Settings → Appearance: the theme (system, light or dark), kept across restarts. */
export function ThemePanel() {
  const theme = useAppStore(uiSelectors.theme)
  const setTheme = useAppStore((s) => s.setTheme)
  return (
    <fieldset className="theme-panel" data-testid="theme-panel">
      <legend>Theme</legend>
      {themeChoices.map((choice) => (
        <label key={choice} className="filter-check">
          <input
            type="radio"
            name="theme"
            value={choice}
            checked={theme === choice}
            onChange={() => setTheme(choice)}
          />{' '}
          {labels[choice]}
        </label>
      ))}
    </fieldset>
  )
}
