import { escapeHtml } from './text'
import type { AccountDomainLine, DomainSummary } from './types'

/** Fill colour per level, 0 (red) to 5 (green); readable in greyscale print too. */
export const levelColors = ['#b42318', '#dc6803', '#eaaa08', '#84b8a6', '#3e8e6e', '#1d6b4f'] as const

const LABEL_WIDTH = 190
const BAR_WIDTH = 300
const ROW_HEIGHT = 22
const unit = BAR_WIDTH / 5

const color = (level: number) => levelColors[Math.max(0, Math.min(5, Math.round(level)))] ?? levelColors[0]

function axis(height: number): string {
  const ticks = [0, 1, 2, 3, 4, 5]
    .map((l) => {
      const x = LABEL_WIDTH + l * unit
      return `<line x1="${x}" y1="0" x2="${x}" y2="${height}" class="grid"/><text x="${x}" y="${height + 12}" class="tick">L${l}</text>`
    })
    .join('')
  return ticks
}

/**
 * Inline SVG: the organization's mean level per domain as bars, with last quarter's mean as a dark tick when
 * known. No script, no external reference: it prints and opens offline.
 */
export function orgDomainChart(domains: DomainSummary[]): string {
  const height = domains.length * ROW_HEIGHT
  const rows = domains
    .map((d, i) => {
      const y = i * ROW_HEIGHT
      const width = d.averageLevel * unit
      const previous =
        d.previousAverage === undefined
          ? ''
          : `<line x1="${LABEL_WIDTH + d.previousAverage * unit}" y1="${y + 2}" x2="${LABEL_WIDTH + d.previousAverage * unit}" y2="${y + ROW_HEIGHT - 4}" class="previous"/>`
      return `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" class="label">${escapeHtml(d.title)}</text><rect x="${LABEL_WIDTH}" y="${y + 4}" width="${width.toFixed(1)}" height="${ROW_HEIGHT - 8}" fill="${color(d.averageLevel)}"/><text x="${LABEL_WIDTH + width + 4}" y="${y + 15}" class="value">${d.averageLevel.toFixed(1)}</text>${previous}`
    })
    .join('')
  return `<svg class="chart" role="img" aria-label="Mean maturity level per domain" viewBox="0 0 ${LABEL_WIDTH + BAR_WIDTH + 40} ${height + 18}" xmlns="http://www.w3.org/2000/svg">${axis(height)}${rows}</svg>`
}

/** Inline SVG: an account's level per domain, with its target as an outlined box. */
export function accountDomainChart(domains: AccountDomainLine[]): string {
  const height = domains.length * ROW_HEIGHT
  const rows = domains
    .map((d, i) => {
      const y = i * ROW_HEIGHT
      const width = d.level * unit
      const target =
        d.target === undefined
          ? ''
          : `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${d.target * unit}" height="${ROW_HEIGHT - 6}" class="target"/>`
      return `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" class="label">${escapeHtml(d.title)}</text><rect x="${LABEL_WIDTH}" y="${y + 4}" width="${width}" height="${ROW_HEIGHT - 8}" fill="${color(d.level)}"/>${target}<text x="${LABEL_WIDTH + Math.max(width, (d.target ?? 0) * unit) + 4}" y="${y + 15}" class="value">L${d.level}${d.target === undefined ? '' : ` / L${d.target}`}</text>`
    })
    .join('')
  return `<svg class="chart" role="img" aria-label="Level per domain against target" viewBox="0 0 ${LABEL_WIDTH + BAR_WIDTH + 60} ${height + 18}" xmlns="http://www.w3.org/2000/svg">${axis(height)}${rows}</svg>`
}
