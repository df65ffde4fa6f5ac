/** What an OptionSelect shows and reports. */
export interface OptionSelectProps {
  /** The visible label, before the menu. */
  label: string
  value: string
  values: readonly string[]
  /** A first option with the empty value ("Any" for a filter, "none" for a target); none when absent. */
  emptyLabel?: string
  onChange(value: string): void
  /** The menu's accessible name when it says more than the label (it starts with the label). */
  ariaLabel?: string
  /** The label's class: 'filter' for the overview's filters. */
  className?: string
  /** The words of each option (the value itself by default). */
  text?(value: string): string
  testId?: string
}

/** A labelled menu over some values, with an optional empty first option (filters, targets, scopes). */
export function OptionSelect(props: OptionSelectProps) {
  const { label, value, values, emptyLabel, onChange, ariaLabel, className, text, testId } = props
  return (
    <label className={className}>
      <span>{label}</span>{' '}
      <select
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-label={ariaLabel}
        data-testid={testId}
      >
        {emptyLabel === undefined ? null : <option value="">{emptyLabel}</option>}
        {values.map((v) => (
          <option key={v} value={v}>
            {text ? text(v) : v}
          </option>
        ))}
      </select>
    </label>
  )
}
