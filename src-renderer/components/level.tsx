import type { DomainResult } from '../../shared/scoring/types'
import './desk.css'

/** What a heatmap cell needs about a domain: a stored summary or a full result both give it. */
export interface DomainCell {
  level: number
  target?: number
  /** Failing controls that hold the domain below the next level. */
  failCount: number
  /** Unverified controls that hold the domain below the next level. */
  unknownCount: number
}

/** A full domain result as a cell. */
export function domainCell(domain: DomainResult | undefined): DomainCell | undefined {
  if (!domain) return undefined
  return {
    level: domain.level,
    ...(domain.target !== undefined ? { target: domain.target } : {}),
    failCount: domain.blockers.fails.length,
    unknownCount: domain.blockers.unknowns.length,
  }
}

/**
 * How a domain's level reads on the heatmap. A level held down only by unknowns (nothing failed, but
 * something could not be verified) is shown hatched with a "?": the true level may be higher, and an
 * unverified control is never shown as a failure.
 */
export function cellState(domain: DomainCell | undefined): { level: number; isHeldByUnknown: boolean } {
  if (!domain) return { level: 0, isHeldByUnknown: true }
  return {
    level: domain.level,
    isHeldByUnknown: domain.level < 5 && domain.failCount === 0 && domain.unknownCount > 0,
  }
}

/** Describes a cell for screen readers: "Level 2, unverified: 3 controls could not be checked". */
export function describeCell(domain: DomainCell | undefined, title: string): string {
  if (!domain) return `${title}: no score`
  const { level, isHeldByUnknown } = cellState(domain)
  const target = domain.target !== undefined ? `, target ${domain.target}` : ''
  const why = isHeldByUnknown
    ? `, held by ${domain.unknownCount} unverified control(s)`
    : domain.failCount > 0
      ? `, ${domain.failCount} failing control(s) block the next level`
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
