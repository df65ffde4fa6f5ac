import type { DomainResult } from '../../shared/scoring/types'
import './desk.css'

/**
 * How a domain's level reads on the heatmap. A level held down only by unknowns (nothing failed, but
 * something could not be verified) is shown hatched with a "?": the true level may be higher, and an
 * unverified control is never shown as a failure.
 */
export function cellState(domain: DomainResult | undefined): { level: number; isHeldByUnknown: boolean } {
  if (!domain) return { level: 0, isHeldByUnknown: true }
  const { fails, unknowns } = domain.blockers
  return {
    level: domain.level,
    isHeldByUnknown: domain.level < 5 && fails.length === 0 && unknowns.length > 0,
  }
}

/** Describes a cell for screen readers: "Level 2, unverified: 3 controls could not be checked". */
export function describeCell(domain: DomainResult | undefined, title: string): string {
  if (!domain) return `${title}: no score`
  const { level, isHeldByUnknown } = cellState(domain)
  const target = domain.target !== undefined ? `, target ${domain.target}` : ''
  const why = isHeldByUnknown
    ? `, held by ${domain.blockers.unknowns.length} unverified control(s)`
    : domain.blockers.fails.length > 0
      ? `, ${domain.blockers.fails.length} failing control(s) block the next level`
      : ''
  return `${title}: level ${level}${target}${why}`
}

/** A level badge coloured on the --l0…--l5 scale, hatched with "?" when unknowns hold it down. */
export function LevelBadge({
  level,
  isHeldByUnknown = false,
  isBelowTarget = false,
  label,
}: {
  level: number
  isHeldByUnknown?: boolean
  isBelowTarget?: boolean
  label?: string
}) {
  const classes = ['level-badge', `level-${level}`]
  if (isHeldByUnknown) classes.push('is-unknown')
  if (isBelowTarget) classes.push('is-below-target')
  return (
    <span className={classes.join(' ')} title={label}>
      <span aria-hidden={label ? true : undefined}>
        {level}
        {isHeldByUnknown ? '?' : null}
      </span>
      {label ? <span className="visually-hidden">{label}</span> : null}
    </span>
  )
}
